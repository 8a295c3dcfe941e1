import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::reading-group.reading-group');
