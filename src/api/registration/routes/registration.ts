import { factories } from '@strapi/strapi';

/**
 * `DELETE /registrations/:id` is the cancellation route (`0-workshop-registrations.ts`), listed
 * first: the core delete could never answer, and left here it would be the route the OpenAPI
 * document describes for that path.
 */
export default factories.createCoreRouter('api::registration.registration', { except: ['delete'] });
