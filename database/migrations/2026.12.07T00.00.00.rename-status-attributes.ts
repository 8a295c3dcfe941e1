import type { Database } from '@strapi/database';
import type { Knex } from 'knex';

/**
 * Strapi 5 reserves `status` for a document's draft/published status, so three attributes named
 * `status` are renamed (issue 15): agreement versions' `stage`, suggestions' `decision` and
 * registrations' `state`.
 *
 * Strapi runs the files of `database/migrations/` inside `db.schema.sync()`, before it compares the
 * content types with the database (`@strapi/database` `schema/index.js`), in a transaction each, and
 * records them in `strapi_migrations`. Without this file that comparison would add an empty column
 * under the new name and drop `status` with its values; renamed here first, the column is found under
 * its new name and kept. PostgreSQL and SQLite both carry the indexes that cover the column along
 * with a RENAME COLUMN.
 */
export const RENAMED_COLUMNS = [
  { table: 'agreement_versions', from: 'status', to: 'stage' },
  { table: 'suggestions', from: 'status', to: 'decision' },
  { table: 'registrations', from: 'status', to: 'state' },
] as const;

export async function up(trx: Knex.Transaction, db: Database) {
  const schema = () => db.getSchemaConnection(trx);
  const schemaName = db.getSchemaName();
  for (const { table, from, to } of RENAMED_COLUMNS) {
    // A new database has no tables yet: the schema sync creates them with the new names.
    if (!(await schema().hasTable(table)) || !(await schema().hasColumn(table, from))) continue;
    if (await schema().hasColumn(table, to)) throw new Error(`${table} has both "${from}" and "${to}": resolve by hand before starting this version`);
    await trx.raw('ALTER TABLE ?? RENAME COLUMN ?? TO ??', [schemaName ? `${schemaName}.${table}` : table, from, to]);
  }
}
