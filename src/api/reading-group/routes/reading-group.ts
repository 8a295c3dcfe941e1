import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::reading-group.reading-group');
