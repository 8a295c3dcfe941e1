import { factories } from '@strapi/strapi';

const withPlaces = { middlewares: ['api::workshop.places'] };

export default factories.createCoreRouter('api::workshop.workshop', { config: { find: withPlaces, findOne: withPlaces } });
