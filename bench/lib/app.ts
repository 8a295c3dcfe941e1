import { randomBytes } from 'node:crypto';
import '../../tests/helpers/env';
import { bootStrapi, stopStrapi } from '../../tests/helpers/boot';
import { createDatabase, databaseEnv, dropRunDatabases, usesPostgres } from '../../tests/helpers/databases';

/**
 * A benchmark's own app: a fresh database (SQLite, or PostgreSQL when BENCH_DATABASE_URL is set),
 * dropped at the end. Shares the test harness's database helpers.
 */
export const startBenchApp = async () => {
  process.env.TEST_RUN_ID = `bench${randomBytes(3).toString('hex')}`;
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const name = `cop_test_${process.env.TEST_RUN_ID}_db`;
  await createDatabase(name);
  Object.assign(process.env, databaseEnv(name));
  const strapi = await bootStrapi();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const address = strapi.server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    strapi,
    baseUrl: `http://127.0.0.1:${port}`,
    database: usesPostgres() ? 'PostgreSQL' : 'SQLite',
    stop: async () => {
      await stopStrapi(strapi);
      await dropRunDatabases();
    },
  };
};

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
