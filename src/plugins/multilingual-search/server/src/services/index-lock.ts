import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/get-service';

const HEARTBEAT_MS = 5_000;
const STALE_MS = 30_000;

type Lock = { owner: string; heartbeat: number } | null;

/**
 * The reindex lock, in Strapi's store, for the indexes every process shares (Meilisearch): the
 * process that rebuilds them holds it, and the sync workers of the others take no change meanwhile.
 * The holder refreshes it; one that stops (a crash) loses it after STALE_MS, which releases the others.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Only compared with itself: which process holds the lock is never shown.
  const owner = randomUUID();
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'reindex-lock' });
  const read = async () => ((await store().get()) ?? null) as Lock;
  const heldByOther = (lock: Lock) => Boolean(lock && lock.owner !== owner && Date.now() - lock.heartbeat < STALE_MS);
  const refresh = () => store().set({ value: { owner, heartbeat: Date.now() } });

  return {
    /** Takes the lock and keeps it fresh; returns its release. Throws while another process holds it. */
    async acquire(): Promise<() => Promise<void>> {
      if (heldByOther(await read())) throw new Error('a reindex is already running in another process');
      await refresh();
      // A heartbeat that fails only lets the lock go stale, which releases the other workers: safe.
      const heartbeat = setInterval(() => refresh().catch(() => undefined), HEARTBEAT_MS);
      return async () => {
        clearInterval(heartbeat);
        await store().set({ value: null });
      };
    },

    /** Whether another process is rebuilding the shared indexes. */
    heldElsewhere: async () => heldByOther(await read()),
  };
};
