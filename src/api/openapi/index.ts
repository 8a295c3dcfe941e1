import type { Core } from '@strapi/strapi';
import { getOpenAPIService } from './services/openapi';

export default {
  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    getOpenAPIService(strapi).buildWhenListening();
  },
};
