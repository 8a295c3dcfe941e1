import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf } from './tables';

/**
 * Locks every row of a document (all locales, draft and published) until `trx` ends, so writes that
 * first count and then insert (places, endorsements) run one after the other, also across Strapi
 * processes. PostgreSQL only: SQLite has a single connection, so its transactions never overlap.
 */
export const lockDocument = async (strapi: Core.Strapi, trx: Knex.Transaction, uid: string, documentId: string) => {
  if (strapi.db.dialect.client !== 'postgres') return;
  await trx.raw('SELECT id FROM ?? WHERE document_id = ? FOR UPDATE', [tableOf(strapi, uid), documentId]);
};
