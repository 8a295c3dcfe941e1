import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { ChangeReader } from './outbox';

/**
 * The outbox read as a work queue, with Meilisearch: its indexes are shared by every process, so
 * each change is applied once, by the process that claims it, and its row goes when applied. While
 * another process rebuilds the indexes (the reindex lock), nothing is taken: the changes wait, and
 * reach the new indexes after the swap.
 */
export default ({ strapi }: { strapi: Core.Strapi }): ChangeReader => {
  const outbox = () => getService(strapi, 'outbox');

  return {
    async take(limit) {
      if (await getService(strapi, 'indexLock').heldElsewhere()) return null;
      const items = await outbox().claim(limit);
      if (items.length === 0) return null;
      return {
        changes: items,
        async applied(followUps) {
          await outbox().record(followUps);
          await outbox().complete(items.map((item) => item.id));
        },
        failed: (error) => outbox().fail(items, error),
      };
    },

    backlog: async () => ({ mode: 'queue', ...(await outbox().stats()) }),

    retryNow: () => outbox().retryNow(),
  };
};
