import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getOpenAPIService } from '../services/openapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async document(ctx: Context) {
    ctx.body = await getOpenAPIService(strapi).document();
  },
});
