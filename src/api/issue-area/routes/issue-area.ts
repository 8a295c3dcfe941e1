import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::issue-area.issue-area');
