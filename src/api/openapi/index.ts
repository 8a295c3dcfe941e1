import type { Core } from '@strapi/strapi';
import { getOpenAPIService } from './services/openapi';

export default {
  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The test suite boots dozens of apps that never ask for the document: it turns this off (OPENAPI_BUILD_AT_START=false).
    if (process.env.OPENAPI_BUILD_AT_START !== 'false') getOpenAPIService(strapi).buildWhenListening();
  },
};
