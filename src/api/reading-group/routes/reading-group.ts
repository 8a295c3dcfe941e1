import { factories } from '@strapi/strapi';

const withPlaces = { middlewares: ['api::reading-group.places'] };

export default factories.createCoreRouter('api::reading-group.reading-group', { config: { find: withPlaces, findOne: withPlaces } });
