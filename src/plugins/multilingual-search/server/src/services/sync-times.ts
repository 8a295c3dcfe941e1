import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService } from '../utils/get-service';

const UID = 'plugin::multilingual-search.index-sync';

/**
 * When each index last received a change or was built, for the admin page. The embedded engine's
 * indexes live in each process, so each process keeps the times of its own, in memory (a restart
 * builds them again). Meilisearch's indexes are shared by every process and outlive them, so the
 * times are kept in the database, written by whichever process wrote to the index.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const inProcess = new Map<string, number>();
  const shared = () => getService(strapi, 'engine').isShared();
  const table = () => strapi.db.metadata.get(UID).tableName;
  const knex = (): Knex => strapi.db.connection;

  return {
    async record(indexes: string[], at = Date.now()) {
      const names = [...new Set(indexes)];
      if (names.length === 0) return;
      if (!shared()) {
        for (const name of names) inProcess.set(name, at);
        return;
      }
      const now = new Date(at);
      await knex()(table())
        .insert(names.map((name) => ({ index_name: name, synced_at: at, created_at: now, updated_at: now })))
        .onConflict('index_name')
        .merge(['synced_at', 'updated_at']);
    },

    /** Index name → time of its last change or build (ms since the epoch). */
    async all(): Promise<Record<string, number>> {
      if (!shared()) return Object.fromEntries(inProcess);
      const rows = (await knex()(table()).select('index_name', 'synced_at')) as Array<{ index_name: string; synced_at: number | string }>;
      return Object.fromEntries(rows.map((row) => [row.index_name, Number(row.synced_at)]));
    },
  };
};
