import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getConfig } from '../utils/get-service';

const UID = 'plugin::multilingual-search.outbox-item';

/** A change to apply: the document to re-read, and the locales whose index entries may have to go. */
export type OutboxChange = { uid: string; documentId: string; locales: '*' | string[] };

export type OutboxItem = OutboxChange & { id: number; attempts: number };

type Row = {
  id: number;
  target_uid: string;
  target_document_id: string;
  locales: string | null;
  attempts: number | string;
};

const CLAIM_MS = 5 * 60 * 1000;

const encodeLocales = (locales: OutboxChange['locales']) => (locales === '*' ? '*' : locales.join(','));
const decodeLocales = (value: string | null): OutboxChange['locales'] => (value === '*' ? '*' : (value ?? '').split(',').filter(Boolean));

/**
 * The durable outbox: a row per change, written in the same transaction as the change itself, read
 * by the sync worker. Rows are claimed before processing so that several processes on one
 * PostgreSQL never take the same row (FOR UPDATE SKIP LOCKED); SQLite runs one process.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const processId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const table = () => strapi.db.metadata.get(UID).tableName;
  const knex = (): Knex => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

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
          .returning(['id', 'target_uid', 'target_document_id', 'locales', 'attempts']);
        return (rows as Row[]).map(toItem).sort((a, b) => a.id - b.id);
      }
      return knex().transaction(async (trx) => {
        const rows = (await due(trx(table()).select('id', 'target_uid', 'target_document_id', 'locales', 'attempts'))) as Row[];
        if (rows.length) await trx(table()).update(claim).whereIn('id', rows.map((row) => row.id));
        return rows.map(toItem);
      });
    },

    /** Applied: the rows go. */
    async complete(ids: number[]) {
      for (let i = 0; i < ids.length; i += 500) await knex()(table()).delete().whereIn('id', ids.slice(i, i + 500));
    },

    /** Not applied: retried later with exponential backoff, or left `failed` after the last attempt. */
    async fail(items: OutboxItem[], error: unknown) {
      const { retryDelayMs, maxRetryDelayMs, maxAttempts } = getConfig(strapi).sync;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      for (const item of items) {
        const attempts = item.attempts + 1;
        const delay = Math.min(retryDelayMs * 2 ** (attempts - 1), maxRetryDelayMs);
        await knex()(table())
          .update({
            attempts,
            status: attempts >= maxAttempts ? 'failed' : 'pending',
            available_at: Date.now() + delay,
            claimed_by: null,
            claimed_until: null,
            last_error: message,
            updated_at: new Date(),
          })
          .where('id', item.id);
      }
    },

    /** Backlog, failures and the latest error, for the admin page and health checks. */
    async stats() {
      const counts = (await knex()(table()).select('status').count({ count: '*' }).groupBy('status')) as Array<{ status: string; count: number | string }>;
      const byStatus = Object.fromEntries(counts.map((row) => [row.status, Number(row.count)]));
      const retrying = Number(((await knex()(table()).count({ count: '*' }).where('status', 'pending').andWhere('attempts', '>', 0).first()) as { count: number | string }).count);
      const lastError = (await knex()(table()).select('last_error', 'target_uid', 'target_document_id', 'attempts', 'updated_at').whereNotNull('last_error').orderBy('updated_at', 'desc').first()) as
        | Record<string, unknown>
        | undefined;
      return {
        pending: byStatus.pending ?? 0,
        retrying,
        failed: byStatus.failed ?? 0,
        lastError: lastError
          ? { message: lastError.last_error, uid: lastError.target_uid, documentId: lastError.target_document_id, attempts: Number(lastError.attempts), at: lastError.updated_at }
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

    /** Removes rows up to `id`: what a full rebuild of the index has made obsolete. */
    async discardUpTo(id: number) {
      await knex()(table()).delete().where('id', '<=', id);
    },
  };
};
