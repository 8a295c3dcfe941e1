import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * The search is open to everyone (what each caller gets is decided by their audience), so its
 * route skips the content API's permission check, which costs a role and permissions lookup on
 * every request. A caller who sends credentials is still identified by the content API's own
 * strategies (users-permissions JWT, API tokens), and refused with a 401 when they are invalid.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    if (!ctx.request.header.authorization) return next();
    const route = ctx.state.route;
    ctx.state.route = { ...route, config: { ...route.config, auth: {} } };
    try {
      return await strapi.get('auth').authenticate(ctx, next);
    } finally {
      ctx.state.route = route;
    }
  };
