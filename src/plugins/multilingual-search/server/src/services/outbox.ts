import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PluginConfig } from '../config/schema';
import { getConfig, PLUGIN_ID } from '../utils/get-service';
import type { IdRange } from '../utils/id-ranges';

const UID = 'plugin::multilingual-search.outbox-item';

/** A change to apply: the document to re-read, and the locales whose index entries may have to go. */
export type OutboxChange = { uid: string; documentId: string; locales: '*' | string[] };

export type OutboxItem = OutboxChange & { id: number; attempts: number };

/** Changes taken by the sync worker, to apply together. */
export type ChangeBatch = {
  changes: OutboxChange[];
  /** The batch is in the indexes; `followUps` (documents that embed the changed ones) are to be applied next. */
  applied(followUps: OutboxChange[]): Promise<void>;
  /** The batch was not applied: it is retried later, with backoff. */
  failed(error: unknown): Promise<void>;
};

/** Changes not applied yet, and failures, for the admin page and `settled()`. */
export type Backlog = {
  /** `queue`: the backlog every process shares (Meilisearch); `log`: this process's own (embedded engine). */
  mode: 'queue' | 'log';
  pending: number;
  /** Of `pending`, those that failed and wait for their next attempt. */
  retrying: number;
  /** Failed after the last attempt: waiting for a retry by hand. */
  failed: number;
  lastError: { message: string; uid: string; documentId: string; attempts: number; at: Date | string } | null;
};

/** How the sync worker reads the outbox: as a queue (outbox-queue) or as a log (outbox-log). */
export type ChangeReader = {
  /** Up to `limit` changes to apply now, or null when there are none. */
  take(limit: number): Promise<ChangeBatch | null>;
  backlog(): Promise<Backlog>;
  /** Failed changes, and those waiting for their next attempt, are tried again now. */
  retryNow(): Promise<void>;
};

type Row = {
  id: number;
  target_uid: string;
  target_document_id: string;
  locales: string | null;
  attempts: number | string;
};

const COLUMNS = ['id', 'target_uid', 'target_document_id', 'locales', 'attempts'];
const CLAIM_MS = 5 * 60 * 1000;

/** The wait before attempt `attempts + 1`: doubled at each attempt, up to `maxRetryDelayMs`. */
export const retryDelay = ({ retryDelayMs, maxRetryDelayMs }: PluginConfig['sync'], attempts: number) =>
  Math.min(retryDelayMs * 2 ** (attempts - 1), maxRetryDelayMs);

const encodeLocales = (locales: OutboxChange['locales']) => (locales === '*' ? '*' : locales.join(','));
const decodeLocales = (value: string | null): OutboxChange['locales'] => (value === '*' ? '*' : (value ?? '').split(',').filter(Boolean));

/**
 * The durable outbox: a row per change, written in the same transaction as the change itself, read
 * by the sync worker in one of two ways. As a queue (Meilisearch, one index shared by every
 * process): rows are claimed before processing so that several processes on one PostgreSQL never
 * take the same row (FOR UPDATE SKIP LOCKED), and deleted once applied. As a log (the embedded
 * engine, indexes in each process): every process reads every row, and rows are pruned after a
 * retention period. SQLite runs one process.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const processId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const table = () => strapi.db.metadata.get(UID).tableName;
  const knex = (): Knex => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const watermark = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'outbox-pruned-up-to' });
  const withinRanges = (query: Knex.QueryBuilder, ranges: IdRange[]) =>
    query.where((inner) => ranges.forEach((range) => inner.orWhereBetween('id', [range.from, range.to])));
  const count = async (query: Knex.QueryBuilder) => Number(((await query.count({ count: '*' }).first()) as { count: number | string }).count);
  const prunedUpTo = async () => Number((await watermark().get()) ?? 0);

  const toItem = (row: Row): OutboxItem => ({
    id: Number(row.id),
    uid: row.target_uid,
    documentId: row.target_document_id,
    locales: decodeLocales(row.locales),
    attempts: Number(row.attempts),
  });

  return {
    processId,

    /** Records changes and returns their ids; joins the caller's transaction when given one (the trx of `strapi.db.transaction`). */
    async record(changes: OutboxChange[], trx?: Knex.Transaction): Promise<number[]> {
      if (changes.length === 0) return [];
      const now = Date.now();
      const rows = changes.map((change) => ({
        target_uid: change.uid,
        target_document_id: change.documentId,
        locales: encodeLocales(change.locales),
        status: 'pending',
        attempts: 0,
        available_at: now,
        created_at: new Date(now),
        updated_at: new Date(now),
      }));
      const inserted = (await (trx ?? knex())(table()).insert(rows).returning('id')) as Array<{ id: number } | number>;
      return inserted.map((row) => Number(typeof row === 'object' ? row.id : row));
    },

    /** Takes up to `limit` pending changes that are due and not claimed by another process. */
    async claim(limit: number): Promise<OutboxItem[]> {
      const now = Date.now();
      const due = (query: Knex.QueryBuilder) =>
        query
          .where('status', 'pending')
          .andWhere('available_at', '<=', now)
          .andWhere((inner) => inner.whereNull('claimed_until').orWhere('claimed_until', '<', now))
          .orderBy('id')
          .limit(limit);
      const claim = { claimed_by: processId, claimed_until: now + CLAIM_MS };
      if (isPostgres()) {
        const rows = await knex()(table())
          .update(claim)
          .whereIn('id', due(knex()(table()).select('id')).forUpdate().skipLocked())
          .returning(COLUMNS);
        return (rows as Row[]).map(toItem).sort((a, b) => a.id - b.id);
      }
      return knex().transaction(async (trx) => {
        const rows = (await due(trx(table()).select(COLUMNS))) as Row[];
        if (rows.length)
          await trx(table())
            .update(claim)
            .whereIn(
              'id',
              rows.map((row) => row.id),
            );
        return rows.map(toItem);
      });
    },

    /** Applied: the rows go. */
    async complete(ids: number[]) {
      for (let i = 0; i < ids.length; i += 500)
        await knex()(table())
          .delete()
          .whereIn('id', ids.slice(i, i + 500));
    },

    /** Not applied: retried later with exponential backoff, or left `failed` after the last attempt. */
    async fail(items: OutboxItem[], error: unknown) {
      const sync = getConfig(strapi).sync;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      for (const item of items) {
        const attempts = item.attempts + 1;
        await knex()(table())
          .update({
            attempts,
            status: attempts >= sync.maxAttempts ? 'failed' : 'pending',
            available_at: Date.now() + retryDelay(sync, attempts),
            claimed_by: null,
            claimed_until: null,
            last_error: message,
            updated_at: new Date(),
          })
          .where('id', item.id);
      }
    },

    /** The queue's backlog, failures and latest error. */
    async stats(): Promise<Omit<Backlog, 'mode'>> {
      const counts = (await knex()(table()).select('status').count({ count: '*' }).groupBy('status')) as Array<{ status: string; count: number | string }>;
      const byStatus = Object.fromEntries(counts.map((row) => [row.status, Number(row.count)]));
      const retrying = Number(
        ((await knex()(table()).count({ count: '*' }).where('status', 'pending').andWhere('attempts', '>', 0).first()) as { count: number | string }).count,
      );
      const lastError = (await knex()(table())
        .select('last_error', 'target_uid', 'target_document_id', 'attempts', 'updated_at')
        .whereNotNull('last_error')
        .orderBy('updated_at', 'desc')
        .first()) as Record<string, unknown> | undefined;
      return {
        pending: byStatus.pending ?? 0,
        retrying,
        failed: byStatus.failed ?? 0,
        lastError: lastError
          ? {
              message: String(lastError.last_error),
              uid: String(lastError.target_uid),
              documentId: String(lastError.target_document_id),
              attempts: Number(lastError.attempts),
              at: lastError.updated_at as Date | string,
            }
          : null,
      };
    },

    /** Changes that failed, after their last attempt or waiting for their next one, are tried again now. */
    async retryNow() {
      await knex()(table()).update({ status: 'pending', attempts: 0, available_at: Date.now() }).where('status', 'failed');
      await knex()(table()).update({ available_at: Date.now() }).where('status', 'pending').andWhere('attempts', '>', 0);
    },

    /** Rows some process is working on right now. */
    async claimedCount(): Promise<number> {
      const row = (await knex()(table()).count({ count: '*' }).where('claimed_until', '>', Date.now()).first()) as { count: number | string };
      return Number(row.count);
    },

    /** The newest row's id (0 when empty). */
    async lastId(): Promise<number> {
      const row = (await knex()(table()).max({ id: 'id' }).first()) as { id: number | null } | undefined;
      return Number(row?.id ?? 0);
    },

    /** Rows after `id`, in id order: the log as each process reads it with the embedded engine. */
    async readAfter(id: number, limit: number): Promise<OutboxItem[]> {
      if (limit <= 0) return [];
      return ((await knex()(table()).select(COLUMNS).where('id', '>', id).orderBy('id').limit(limit)) as Row[]).map(toItem);
    },

    /** Rows whose ids are in `ranges`: ids a reader found missing, whose transactions may have committed since. */
    async readWithin(ranges: IdRange[], limit: number): Promise<OutboxItem[]> {
      if (ranges.length === 0 || limit <= 0) return [];
      return ((await withinRanges(knex()(table()).select(COLUMNS), ranges).orderBy('id').limit(limit)) as Row[]).map(toItem);
    },

    countAfter: (id: number) => count(knex()(table()).where('id', '>', id)),

    countWithin: async (ranges: IdRange[]) => (ranges.length ? count(withinRanges(knex()(table()), ranges)) : 0),

    /** The ids up to `id`, ascending. */
    async idsUpTo(id: number): Promise<number[]> {
      const rows = (await knex()(table()).select('id').where('id', '<=', id).orderBy('id')) as Array<{ id: number | string }>;
      return rows.map((row) => Number(row.id));
    },

    /** The highest id pruned so far (0 before any pruning): rows up to it are gone, read or not. */
    prunedUpTo,

    /**
     * Deletes the rows recorded more than `retentionMs` ago, and raises the watermark to the last
     * of them in the same transaction: a reader finds the rows it needs, or finds the watermark above
     * its position and knows it fell behind. One process prunes at a time, so the watermark only rises.
     */
    async prune(retentionMs: number) {
      await strapi.db.transaction(async ({ trx }) => {
        if (isPostgres()) {
          const { rows } = (await trx.raw('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked', [table()])) as { rows: Array<{ locked: boolean }> };
          if (!rows[0].locked) return;
        }
        const before = new Date(Date.now() - retentionMs);
        const upTo = Number(((await trx(table()).max({ id: 'id' }).where('created_at', '<', before).first()) as { id: number | null } | undefined)?.id ?? 0);
        if (!upTo) return;
        if (upTo > (await prunedUpTo())) await watermark().set({ value: upTo });
        await trx(table()).delete().where('id', '<=', upTo);
      });
    },
  };
};
