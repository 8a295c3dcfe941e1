import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Engine and its health, indexes (by type, then locale) with their document counts and last sync, backlog and failures, reindex progress. */
  async status(ctx: Context) {
    ctx.body = await getService(strapi, 'status').read();
  },

  /** Starts a zero-downtime rebuild (all types, or `types` in the body); progress shows in `status`. */
  async reindex(ctx: Context) {
    const requested = (ctx.request.body as { types?: unknown } | undefined)?.types ?? [];
    const names = Array.isArray(requested) ? requested.map(String) : [];
    const unknown = names.find((name) => !getService(strapi, 'types').get(name));
    if (!Array.isArray(requested) || unknown) throw new errors.ValidationError(`Invalid parameter 'types': unknown type "${unknown ?? requested}"`);
    const indexer = getService(strapi, 'indexer');
    if (indexer.status() || indexer.readiness().state !== 'ready') {
      ctx.status = 409;
      const message = indexer.status() ? 'A reindex is already running' : 'The indexes are still being built after a restart: reindex once they are ready';
      ctx.body = { error: { status: 409, name: 'ConflictError', message } };
      return;
    }
    getService(strapi, 'indexer')
      .reindex(names)
      .catch((error: Error) => strapi.log.error(`[multilingual-search] reindex failed: ${error.message}`));
    ctx.status = 202;
    ctx.body = {
      data: {
        started: true,
        types: names.length
          ? names
          : getService(strapi, 'types')
              .all()
              .map((type) => type.name),
      },
    };
  },

  /** Failed changes, and those waiting for their next attempt, are tried again now. */
  async retry(ctx: Context) {
    await getService(strapi, 'sync').retryNow();
    ctx.body = { data: await getService(strapi, 'sync').backlog() };
  },
});
