import { z } from '../../../utils/route-schemas';

/** The OpenAPI document of the content API. Public: it describes the routes and their shapes, never content. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/openapi.json',
      handler: 'api::openapi.openapi.document',
      config: { auth: false },
      response: z.looseObject({
        openapi: z.string(),
        info: z.looseObject({ title: z.string(), version: z.string() }),
        paths: z.record(z.string(), z.unknown()),
      }),
    },
  ],
};
