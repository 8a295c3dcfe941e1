import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import supertest from 'supertest';
import { createDatabase, databaseEnv, dropDatabase, templateName, type Template } from './databases';
import { bootStrapi, stopStrapi, type BootOptions } from './boot';

export type TestApp = {
  strapi: Core.Strapi;
  /** supertest agent on the app's HTTP server. */
  http: () => supertest.Agent;
  /**
   * Stops and boots the app again on the same database, like a restart in production (`options`
   * for this boot); `whileDown` runs in between (another process writing, say).
   */
  restart: (options?: BootOptions, whileDown?: () => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
};

/** Boots the compiled app on a database of its own, cloned from `template`. One per test file. */
export const startApp = async (template: Template = 'empty', options: BootOptions = {}): Promise<TestApp> => {
  const name = `cop_test_${process.env.TEST_RUN_ID}_${process.env.JEST_WORKER_ID ?? 0}_${randomBytes(4).toString('hex')}`;
  await createDatabase(name, templateName(template));
  Object.assign(process.env, databaseEnv(name));
  const app: TestApp = {
    strapi: await bootStrapi(options),
    http: () => supertest.agent(app.strapi.server.httpServer),
    restart: async (restartOptions = options, whileDown) => {
      await stopStrapi(app.strapi);
      Object.assign(process.env, databaseEnv(name));
      await whileDown?.();
      app.strapi = await bootStrapi(restartOptions);
    },
    stop: async () => {
      await stopStrapi(app.strapi);
      await dropDatabase(name);
    },
  };
  return app;
};

/**
 * Boots the app once for the test file (beforeAll) and stops it afterwards (afterAll).
 * Usage: `const app = useApp('seeded');` then `app().strapi`, `app().http()` inside tests.
 */
export const useApp = (template: Template = 'empty', options: BootOptions = {}) => {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startApp(template, options);
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  }, 60_000);
  return () => {
    if (!app) throw new Error('the app is not started (useApp registers beforeAll)');
    return app;
  };
};
