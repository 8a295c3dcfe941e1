import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { EngineUnavailableError } from '../engines/types';
import type { Audience } from '../services/search';
import { getConfig, getService } from '../utils/get-service';

/**
 * Members and trusted callers find members-only documents; everyone else the public ones. Who is
 * who is the app's rule, received as `viewerOf` in the plugin's configuration.
 */
const audienceOf = (strapi: Core.Strapi, ctx: Context): Audience => (getConfig(strapi).viewerOf(ctx).kind === 'public' ? 'public' : 'members');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    try {
      ctx.body = await getService(strapi, 'search').search(ctx.query as Record<string, unknown>, audienceOf(strapi, ctx));
    } catch (error) {
      // Only the engine's own failure is "unavailable"; any other error is a bug, a 500 that Strapi logs.
      if (!(error instanceof EngineUnavailableError)) throw error;
      strapi.log.warn(`[multilingual-search] search unavailable: ${error.message}`);
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Search is unavailable for a moment, please try again' } };
    }
  },

  /** A tenant token for searching Meilisearch directly; 404 when tokens are off for this caller. */
  async token(ctx: Context) {
    const audience = audienceOf(strapi, ctx);
    if (!getService(strapi, 'tokens').available(audience)) return ctx.notFound();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getService(strapi, 'tokens').issue(audience) };
  },
});
