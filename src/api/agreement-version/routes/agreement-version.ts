import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::agreement-version.agreement-version');
