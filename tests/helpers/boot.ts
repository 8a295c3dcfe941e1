import { createStrapi, type Core } from '@strapi/strapi';
import { waitForIdleDatabase } from '../../src/utils/wait-for-idle-database';
import { APP_DIR, DIST_DIR } from './paths';

export type BootOptions = {
  /** Serves the admin panel's built files (`dist/build`, from `strapi build`) at /admin, for browser tests. */
  serveAdminPanel?: boolean;
};

/** Loads the compiled app (`dist/`) on the database the environment points at, with its HTTP routes mounted. */
export const bootStrapi = async ({ serveAdminPanel = false }: BootOptions = {}) => {
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel });
  await strapi.load();
  await strapi.server.mount();
  return strapi;
};

/** Lets the queries that follow the last writes finish (see waitForIdleDatabase), then stops the app. */
export const stopStrapi = async (strapi: Core.Strapi) => {
  await waitForIdleDatabase(strapi);
  await strapi.destroy();
};
