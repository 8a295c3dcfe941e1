import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::issue-area.issue-area');
