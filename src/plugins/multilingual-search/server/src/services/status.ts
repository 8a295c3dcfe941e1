import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { byTypeThenLocale } from '../utils/index-order';

/**
 * What the admin page shows: the engine and its health; this app's indexes, by type then locale,
 * with their document counts and the time each last received a change or was built; the changes
 * not applied yet and failures; reindex progress. With the embedded engine the indexes, the backlog
 * and the times are those of the process that answers (`process`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async read() {
    const engine = getService(strapi, 'engine').get();
    const synced = await getService(strapi, 'syncTimes').all();
    const indexes = (await engine.listIndexes().catch(() => []))
      .flatMap((index) => {
        const parsed = getService(strapi, 'types').parseIndexName(index.name);
        return parsed ? [{ ...parsed, ...index, lastSync: synced[index.name] ?? null }] : [];
      })
      .sort(byTypeThenLocale);
    return {
      engine: engine.name,
      process: getService(strapi, 'outbox').processId,
      health: await engine.health().catch((error: Error) => ({ ok: false, message: error.message })),
      indexes,
      outbox: await getService(strapi, 'sync').backlog(),
      reindex: getService(strapi, 'indexer').status(),
    };
  },
});
