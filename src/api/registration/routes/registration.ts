import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import { registrationWorkshop, z } from '../schemas';

const UID = 'api::registration.registration';
const withWorkshop = { middlewares: ['api::registration.workshop'] };

/**
 * `DELETE /registrations/:id` is the cancellation route (`0-workshop-registrations.ts`), listed
 * first: the core delete could never answer, and left here it would be the route the OpenAPI
 * document describes for that path. `find` and `findOne` add each registration's `workshop`
 * (`middlewares/workshop.ts`), so their documented answer says so in place of the bare relation.
 */
const core = factories.createCoreRouter(UID, { except: ['delete'], config: { find: withWorkshop, findOne: withWorkshop } });

const withWorkshopField = (route: Core.Route): Core.Route => {
  if (route.handler !== `${UID}.find` && route.handler !== `${UID}.findOne`) return route;
  const document = factories.createCoreValidator(UID, strapi).document.extend({ workshop: registrationWorkshop });
  return { ...route, response: z.object({ data: route.handler === `${UID}.find` ? z.array(document) : document }) };
};

let routes: Core.Route[] | undefined;

export default {
  type: core.type,
  prefix: core.prefix,
  // Built once, like the core router's: Strapi completes these very objects when it registers them.
  get routes() {
    return (routes ??= (core.routes as Core.Route[]).map(withWorkshopField));
  },
};
