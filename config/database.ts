import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * SQLite in write-ahead-log mode: readers do not wait for the writer (nor another process's writer
 * for them), and a commit appends to the log instead of syncing the database file several times.
 */
const useWriteAheadLog = (connection: unknown, done: (error?: Error, connection?: unknown) => void) => {
  const sqlite = connection as { pragma: (statement: string) => unknown };
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  done(undefined, connection);
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const pool = { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) };
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 60000);
  // Migrations are written in TypeScript (`database/migrations/`) and run from the compiled `dist/database/migrations/`.
  const settings = { useTypescriptMigrations: true };

  if (client === 'postgres') {
    const url = env('DATABASE_URL', '');
    return {
      connection: {
        client: 'postgres',
        // DATABASE_URL wins when set; otherwise the separate host/port/name/user/password variables.
        connection: url
          ? { connectionString: url, schema: env('DATABASE_SCHEMA', 'public') }
          : {
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'cop'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl: env.bool('DATABASE_SSL', false) && {
                rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
              },
              schema: env('DATABASE_SCHEMA', 'public'),
            },
        pool,
        acquireConnectionTimeout,
      },
      settings,
    } as Core.Config.Database;
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}".`);
  }

  // `DATABASE_FILENAME=` (empty) would make SQLite open the project folder itself.
  const filename = env('DATABASE_FILENAME', '') || '.tmp/data.db';
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(__dirname, '..', '..', filename) },
      useNullAsDefault: true,
      acquireConnectionTimeout,
      pool: { afterCreate: useWriteAheadLog },
    },
    settings,
  };
};

export default config;
