import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Readiness } from '../plugins/multilingual-search/server/src/services/indexer';

/**
 * `GET /_ready`, for load balancers and orchestrators: 200 once this process can serve every
 * route, 503 (with `Retry-After`) while it cannot yet — the embedded search index is still being
 * built after a start — or no longer can (the database does not answer). Strapi's own `/_health`
 * (204) is the liveness check: it answers from the first seconds, while the index is built.
 */
export const registerReadinessRoute = (strapi: Core.Strapi) => {
  strapi.server.router.get('/_ready', async (ctx: Context) => {
    const database = await strapi.db.connection
      .raw('SELECT 1')
      .then(() => 'ok' as const)
      .catch(() => 'unavailable' as const);
    const search = strapi.plugin('multilingual-search').service('indexer').readiness() as Readiness;
    const ready = database === 'ok' && search.state === 'ready';
    ctx.set('Cache-Control', 'no-store');
    if (!ready) ctx.set('Retry-After', '5');
    ctx.status = ready ? 200 : 503;
    ctx.body = { ready, checks: { database, search } };
  });
};
