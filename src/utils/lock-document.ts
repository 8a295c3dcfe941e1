import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf } from './tables';

/**
 * Locks every row of a document (all locales, draft and published) until `trx` ends, so writes that
 * first count and then insert (places, endorsements) run one after the other, also across Strapi
 * processes. PostgreSQL only: SQLite has a single connection, so its transactions never overlap.
 *
 * `FOR NO KEY UPDATE`, not `FOR UPDATE`: lockers still wait for each other, but rows that merely
 * reference the document (a foreign key check takes `FOR KEY SHARE`, e.g. a new registration's link
 * to its workshop) can be written meanwhile, so that work stays out of the locked section.
 */
export const lockDocument = async (strapi: Core.Strapi, trx: Knex.Transaction, uid: string, documentId: string) => {
  if (strapi.db.dialect.client !== 'postgres') return;
  await trx.raw('SELECT id FROM ?? WHERE document_id = ? FOR NO KEY UPDATE', [tableOf(strapi, uid), documentId]);
};
