import type { Core } from '@strapi/strapi';
import { getOpenAPIService } from './services/openapi';

export default {
  /**
   * The generator works synchronously for seconds. Run during start-up, before the server listens, it
   * delays no request: done after, it would stall every request that arrived meanwhile.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The test suite boots dozens of apps that never ask for the document: it turns this off (OPENAPI_BUILD_AT_START=false).
    if (process.env.OPENAPI_BUILD_AT_START !== 'false') await getOpenAPIService(strapi).document();
  },
};
