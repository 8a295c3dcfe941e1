import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../utils/get-service';
import { keepWaiting, missingIds, withoutIds, type IdRange } from '../utils/id-ranges';
import { retryDelay, type Backlog, type ChangeReader, type OutboxChange } from './outbox';

/** Where a process stands in the log: it has read every row up to `cursor`, except the ids in `missing`. */
export type LogPosition = { cursor: number; missing: IdRange[] };

/** A change this process applies from memory: a follow-up, or a change whose writes failed. */
type HeldChange = OutboxChange & { attempts: number; availableAt: number; error?: { message: string; at: Date } };

const PRUNE_EVERY_MS = 60_000;

const keyOf = (change: OutboxChange) => `${change.uid} ${change.documentId}`;
const mergeLocales = (a: OutboxChange['locales'], b: OutboxChange['locales']): OutboxChange['locales'] =>
  a === '*' || b === '*' ? '*' : [...new Set([...a, ...b])];

/**
 * The outbox read as a log, with the embedded engine: each process holds its own indexes, so every
 * process applies every change. No row is claimed or deleted when applied: each process reads the
 * rows past its own position (kept in memory), in id order.
 *
 * PostgreSQL can commit ids out of order (the transaction that took id 10 may commit after the one
 * that took 11), so an id missing below the position is read again at every batch until its row
 * appears, or until `lateCommitMs` has passed (it was rolled back). Rows are pruned after
 * `logRetentionMs` by any process; a process that finds rows gone that it had not read (the pruning
 * watermark above its position) rebuilds its indexes from the database.
 *
 * Follow-ups (documents embedding a changed one) and changes whose writes failed stay in memory:
 * each process works them out for itself, and a restart rebuilds everything from the database.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const outbox = () => getService(strapi, 'outbox');
  let position: LogPosition = { cursor: 0, missing: [] };
  const held = new Map<string, HeldChange>();
  let prunedAt = 0;

  const hold = (change: OutboxChange, attempts: number, availableAt: number, error?: HeldChange['error']) => {
    const before = held.get(keyOf(change));
    held.set(keyOf(change), {
      uid: change.uid,
      documentId: change.documentId,
      locales: before ? mergeLocales(before.locales, change.locales) : change.locales,
      attempts: Math.max(attempts, before?.attempts ?? 0),
      availableAt: Math.max(availableAt, before?.availableAt ?? 0),
      error: error ?? before?.error,
    });
  };

  const pruneWhenDue = async () => {
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    await outbox().prune(getConfig(strapi).sync.logRetentionMs);
  };

  /** Rows this process needed are gone: its indexes are rebuilt from the database (unless a rebuild is running). */
  const fellBehind = () => {
    const indexer = getService(strapi, 'indexer');
    if (indexer.status()) return;
    strapi.log.warn('[multilingual-search] this process fell behind the pruning of the outbox: rebuilding its indexes from the database');
    indexer.rebuildAll().catch((error: Error) => strapi.log.error(`[multilingual-search] rebuild after falling behind failed: ${error.message}`));
  };

  const reader: ChangeReader = {
    async take(limit) {
      await pruneWhenDue();
      const sync = getConfig(strapi).sync;
      const now = Date.now();
      const from = position.cursor;
      const late = await outbox().readWithin(position.missing, limit);
      const fresh = await outbox().readAfter(from, limit - late.length);
      // Read after the rows: a pruning that removed rows before they were read shows here. The
      // rows just read are left to the rebuild, which covers them too.
      const prunedUpTo = await outbox().prunedUpTo();
      if (prunedUpTo > from) {
        fellBehind();
        return null;
      }
      const cursor = fresh.length ? fresh[fresh.length - 1].id : from;
      position = {
        cursor,
        missing: keepWaiting(
          [
            ...withoutIds(
              position.missing,
              late.map((row) => row.id),
            ),
            ...missingIds(
              from,
              cursor,
              fresh.map((row) => row.id),
              now,
            ),
          ],
          {
            above: prunedUpTo,
            since: now - sync.lateCommitMs,
          },
        ),
      };

      // Attempts are this process's own: a row's count is the queue's (rows left from Meilisearch).
      const rows = [...late, ...fresh].map((row) => ({ uid: row.uid, documentId: row.documentId, locales: row.locales, attempts: 0 }));
      const due = [...held.values()]
        .filter((change) => change.attempts < sync.maxAttempts && change.availableAt <= now)
        .slice(0, Math.max(0, limit - rows.length));
      for (const change of due) held.delete(keyOf(change));
      const changes = [...rows, ...due];
      if (changes.length === 0) return null;
      return {
        changes,
        async applied(followUps) {
          for (const change of followUps) hold(change, 0, Date.now());
        },
        async failed(error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
          for (const change of changes) hold(change, change.attempts + 1, Date.now() + retryDelay(sync, change.attempts + 1), { message, at: new Date() });
        },
      };
    },

    /** This process's backlog: rows it has not read yet, and the changes it holds. */
    async backlog(): Promise<Backlog> {
      const { maxAttempts } = getConfig(strapi).sync;
      const unread = (await outbox().countAfter(position.cursor)) + (await outbox().countWithin(position.missing));
      const changes = [...held.values()];
      const failed = changes.filter((change) => change.attempts >= maxAttempts).length;
      const latest = changes.filter((change) => change.error).sort((a, b) => b.error!.at.getTime() - a.error!.at.getTime())[0];
      return {
        mode: 'log',
        pending: unread + changes.length - failed,
        retrying: changes.filter((change) => change.attempts > 0 && change.attempts < maxAttempts).length,
        failed,
        lastError: latest
          ? { message: latest.error!.message, uid: latest.uid, documentId: latest.documentId, attempts: latest.attempts, at: latest.error!.at }
          : null,
      };
    },

    async retryNow() {
      const { maxAttempts } = getConfig(strapi).sync;
      for (const change of held.values()) {
        if (change.attempts >= maxAttempts) change.attempts = 0;
        change.availableAt = Date.now();
      }
    },
  };

  return {
    ...reader,

    /**
     * Where the log ends now: a build from the database that starts after this call reflects every
     * change up to it. Ids missing below it may still commit, and are waited for as usual.
     */
    async head(): Promise<LogPosition> {
      const lastId = await outbox().lastId();
      const ids = await outbox().idsUpTo(lastId);
      const prunedUpTo = await outbox().prunedUpTo();
      const cursor = Math.max(lastId, prunedUpTo);
      return { cursor, missing: missingIds(prunedUpTo, cursor, ids, Date.now()) };
    },

    /** After a full build from the database: reading goes on from `reflected`, and what this process held is in the build. */
    moveTo(reflected: LogPosition) {
      position = reflected;
      held.clear();
    },
  };
};
