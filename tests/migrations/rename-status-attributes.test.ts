import type { Core } from '@strapi/strapi';
import { RENAMED_COLUMNS } from '../../database/migrations/2026.12.07T00.00.00.rename-status-attributes';
import { api } from '../helpers/api';
import { startApp, type TestApp } from '../helpers/strapi';

/**
 * A database written by the previous version, whose attributes were all named `status`, upgraded by
 * booting this version: the migration renames the columns before Strapi's schema sync, so every
 * value is kept under the new name (`stage`, `decision`, `state`), with the indexes on the column.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
const MIGRATION = '2026.12.07T00.00.00.rename-status-attributes.js';
const OLD_INDEX = 'registrations_status_idx';

let app: TestApp;
afterAll(async () => {
  await app?.stop();
}, 60_000);

type Column = { name: string };
type StoredSchema = { tables: Array<{ name: string; columns: Column[] }> };

/** A query on `table`, in the configured database schema (PostgreSQL). */
const rows = (strapi: Core.Strapi, table: string) => strapi.db.getConnection(table);
const raw = (strapi: Core.Strapi, sql: string, bindings: readonly string[] = []) => strapi.db.connection.raw(sql, bindings);
const schema = (strapi: Core.Strapi) => strapi.db.getSchemaConnection();
/** Every row's value of `column` in `table`, by row id. */
const valuesOf = async (strapi: Core.Strapi, table: string, column: string) =>
  Object.fromEntries(((await rows(strapi, table).select('id', column).orderBy('id')) as Array<Record<string, unknown>>).map((row) => [row.id, row[column]]));

/** Puts the database back as the previous version left it: `status` columns, an index on one, its schema record, no migration run. */
const toPreviousVersion = async (strapi: Core.Strapi) => {
  for (const { table, from, to } of RENAMED_COLUMNS) await raw(strapi, 'ALTER TABLE ?? RENAME COLUMN ?? TO ??', [table, to, from]);
  await schema(strapi).alterTable('registrations', (t) => t.index(['status'], OLD_INDEX));
  const record = (await rows(strapi, 'strapi_database_schema').first()) as { id: number; schema: string | StoredSchema };
  const stored = (typeof record.schema === 'string' ? JSON.parse(record.schema) : record.schema) as StoredSchema;
  for (const { table, from, to } of RENAMED_COLUMNS) {
    for (const column of stored.tables.find((t) => t.name === table)!.columns) if (column.name === to) column.name = from;
  }
  await rows(strapi, 'strapi_database_schema')
    .where({ id: record.id })
    .update({ schema: JSON.stringify(stored), hash: 'previous-version' });
  await rows(strapi, 'strapi_migrations').where({ name: MIGRATION }).del();
};

/** The columns an index covers. */
const indexedColumns = async (strapi: Core.Strapi, index: string): Promise<string[]> => {
  if (strapi.db.dialect.client === 'postgres') {
    const { rows: covered } = (await raw(
      strapi,
      'SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE c.relname = ?',
      [index],
    )) as {
      rows: Array<{ attname: string }>;
    };
    return covered.map((row) => row.attname);
  }
  return ((await raw(strapi, `PRAGMA index_info(${JSON.stringify(index)})`)) as Array<{ name: string }>).map((row) => row.name);
};

test('values under `status` are kept under the new names, with the index on the column, and the app reads them', async () => {
  app = await startApp('seeded');
  const registrations = app.strapi.documents('api::registration.registration');
  for (const data of [{ state: 'confirmed' }, { state: 'waitlisted', waitlistPosition: 1 }, { state: 'cancelled' }])
    await registrations.create({ data } as never);

  const before = Object.fromEntries(await Promise.all(RENAMED_COLUMNS.map(async ({ table, to }) => [table, await valuesOf(app.strapi, table, to)] as const)));
  expect(new Set(Object.values(before.agreement_versions))).toEqual(new Set(['superseded', 'adopted', 'consultation']));
  expect([...new Set(Object.values(before.suggestions))]).toEqual(expect.arrayContaining(['open', 'accepted', 'rejected']));
  expect(Object.values(before.registrations)).toEqual(['confirmed', 'waitlisted', 'cancelled']);

  await toPreviousVersion(app.strapi);
  for (const { table, from, to } of RENAMED_COLUMNS) {
    expect([await schema(app.strapi).hasColumn(table, from), await schema(app.strapi).hasColumn(table, to)]).toEqual([true, false]);
  }

  await app.restart();
  for (const { table, from, to } of RENAMED_COLUMNS) {
    expect([table, await schema(app.strapi).hasColumn(table, from)]).toEqual([table, false]);
    expect([table, await valuesOf(app.strapi, table, to)]).toEqual([table, before[table]]);
  }
  expect(await indexedColumns(app.strapi, OLD_INDEX)).toEqual(['state']);
  expect(Number(((await rows(app.strapi, 'strapi_migrations').where({ name: MIGRATION }).count({ n: '*' })) as Array<{ n: number | string }>)[0].n)).toBe(1);

  const history = await api(app).get('/api/agreement-versions/history');
  expect(history.body.data.map((row: { versionNumber: number; status: string }) => [row.versionNumber, row.status])).toEqual([
    [3, 'consultation'],
    [2, 'adopted'],
    [1, 'superseded'],
  ]);

  // A second boot finds the migration done and the schema in step: nothing changes.
  await app.restart();
  for (const { table, to } of RENAMED_COLUMNS) expect([table, await valuesOf(app.strapi, table, to)]).toEqual([table, before[table]]);
}, 240_000);
