import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { SearchUnavailableError, type Audience } from '../services/search';
import { getService } from '../utils/get-service';

/** Signed-in members and full-access integrations see members-only documents; everyone else the public ones. */
const audienceOf = (ctx: Context): Audience => {
  const auth = ctx.state?.auth;
  if (auth?.strategy?.name === 'users-permissions' && auth.credentials?.id) return 'members';
  if (auth?.strategy?.name === 'content-api-token' && auth.credentials?.type === 'full-access') return 'members';
  return 'public';
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    try {
      ctx.body = await getService(strapi, 'search').search(ctx.query as Record<string, unknown>, audienceOf(ctx));
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
      strapi.log.warn(`[multilingual-search] search unavailable: ${error.message}`);
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Search is unavailable for a moment, please try again' } };
    }
  },

  /** A tenant token for searching Meilisearch directly; 404 when tokens are off for this caller. */
  async token(ctx: Context) {
    const audience = audienceOf(ctx);
    if (!getService(strapi, 'tokens').available(audience)) return ctx.notFound();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getService(strapi, 'tokens').issue(audience) };
  },
});
