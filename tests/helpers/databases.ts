import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { RUN_DIR } from './paths';

/**
 * One database per test file, cloned from a template built once per run by the global setup:
 * a SQLite file copy, or `CREATE DATABASE … TEMPLATE …` on PostgreSQL when TEST_DATABASE_URL is set.
 * Templates: `empty` (schema, locales, roles) and `seeded` (plus the demo data).
 */
export type Template = 'empty' | 'seeded';

export const usesPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

const runId = () => {
  if (!process.env.TEST_RUN_ID) throw new Error('TEST_RUN_ID is set by the Jest global setup');
  return process.env.TEST_RUN_ID;
};

/** A SQLite database's files: the database, its write-ahead log and shared memory, a rollback journal. */
const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal'];
const removeSqliteFiles = (name: string) => {
  for (const suffix of SQLITE_SUFFIXES) fs.rmSync(path.join(RUN_DIR, `${name}.db${suffix}`), { force: true });
};

export const templateName = (template: Template) => `cop_test_${runId()}_${template}`;

const adminClient = async () => {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  return client;
};

/** Environment variables that point Strapi's config/database.ts at `name`. */
export const databaseEnv = (name: string): Record<string, string> => {
  if (!usesPostgres()) {
    return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(RUN_DIR, `${name}.db`) };
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() };
};

export const createDatabase = async (name: string, template?: string) => {
  if (!usesPostgres()) {
    fs.mkdirSync(RUN_DIR, { recursive: true });
    removeSqliteFiles(name);
    // A closed database in write-ahead-log mode has no log left; a copy of one that is open takes it along.
    if (template)
      for (const suffix of SQLITE_SUFFIXES.filter((suffix) => suffix !== '-shm')) {
        const source = path.join(RUN_DIR, `${template}.db${suffix}`);
        if (fs.existsSync(source)) fs.copyFileSync(source, path.join(RUN_DIR, `${name}.db${suffix}`));
      }
    return;
  }
  const client = await adminClient();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
    // A test database outlives no crash: its commits need not wait for the disk.
    await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  } finally {
    await client.end();
  }
};

export const dropDatabase = async (name: string) => {
  if (!usesPostgres()) {
    removeSqliteFiles(name);
    return;
  }
  const client = await adminClient();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
};

/** Drops every database of this run (PostgreSQL) or the run's folder (SQLite). */
export const dropRunDatabases = async () => {
  if (!usesPostgres()) {
    fs.rmSync(RUN_DIR, { recursive: true, force: true });
    return;
  }
  const client = await adminClient();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`cop_test_${runId()}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
};
