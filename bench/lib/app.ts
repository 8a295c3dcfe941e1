import { randomBytes } from 'node:crypto';
import '../../tests/helpers/env';
import { bootStrapi, stopStrapi, type BootOptions } from '../../tests/helpers/boot';
import { createDatabase, databaseEnv, dropDatabase, usesPostgres } from '../../tests/helpers/databases';

/**
 * A benchmark's own app: a fresh database (SQLite, or PostgreSQL when BENCH_DATABASE_URL is set),
 * dropped at the end. Shares the test harness's database helpers. `stopApp` stops the app and keeps
 * the database (for a server started on it afterwards); `stop` stops it if it still runs and drops the database.
 */
export const startBenchApp = async ({ beforeMount }: Pick<BootOptions, 'beforeMount'> = {}) => {
  process.env.TEST_RUN_ID = `bench${randomBytes(3).toString('hex')}`;
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const name = `cop_test_${process.env.TEST_RUN_ID}_db`;
  await createDatabase(name);
  Object.assign(process.env, databaseEnv(name));
  const strapi = await bootStrapi({ beforeMount });
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const address = strapi.server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let running = true;
  const stopApp = async () => {
    if (!running) return;
    running = false;
    await stopStrapi(strapi);
  };
  return {
    strapi,
    baseUrl: `http://127.0.0.1:${port}`,
    database: usesPostgres() ? 'PostgreSQL' : 'SQLite',
    stopApp,
    stop: async () => {
      await stopApp();
      await dropDatabase(name);
    },
  };
};

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
