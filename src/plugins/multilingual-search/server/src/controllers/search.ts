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

const RETRY_AFTER_SECONDS = 5;

const unavailable = (ctx: Context, message: string) => {
  ctx.status = 503;
  ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
  ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message } };
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    const { state, indexed, total } = getService(strapi, 'indexer').readiness();
    if (state === 'building')
      return unavailable(ctx, `The search index is being built after a restart (${indexed} of ${total} documents so far): please try again in a few seconds`);
    if (state === 'failed') return unavailable(ctx, 'Search is unavailable: its index could not be built (the server log says why)');
    try {
      ctx.body = await getService(strapi, 'search').search(ctx.query as Record<string, unknown>, audienceOf(strapi, ctx));
    } catch (error) {
      // Only the engine's own failure is "unavailable"; any other error is a bug, a 500 that Strapi logs.
      if (!(error instanceof EngineUnavailableError)) throw error;
      strapi.log.warn(`[multilingual-search] search unavailable: ${error.message}`);
      unavailable(ctx, 'Search is unavailable for a moment, please try again');
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
