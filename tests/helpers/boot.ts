import { createStrapi, type Core } from '@strapi/strapi';
import { waitForIdleDatabase } from '../../src/utils/wait-for-idle-database';
import { APP_DIR, DIST_DIR } from './paths';

export type BootOptions = {
  /** Serves the admin panel's built files (`dist/build`, from `strapi build`) at /admin, for browser tests. */
  serveAdminPanel?: boolean;
  /** Returns before the search indexes are built at start-up (embedded engine, or an empty Meilisearch), to test what answers meanwhile. */
  notWaitingForSearch?: boolean;
  /** Runs once the app is loaded and before its routes are mounted (routes added later are not served): benchmarks add their baselines' routes here. */
  beforeMount?: (strapi: Core.Strapi) => void;
};

/**
 * Loads the compiled app (`dist/`) on the database the environment points at, with its HTTP routes
 * mounted, and waits until it is ready (GET /_ready): the embedded search index is built.
 */
export const bootStrapi = async ({ serveAdminPanel = false, notWaitingForSearch = false, beforeMount }: BootOptions = {}) => {
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel });
  await strapi.load();
  beforeMount?.(strapi);
  await strapi.server.mount();
  if (!notWaitingForSearch) await strapi.plugin('multilingual-search').service('indexer').whenReady();
  return strapi;
};

/** Lets the queries that follow the last writes finish (see waitForIdleDatabase), then stops the app. */
export const stopStrapi = async (strapi: Core.Strapi) => {
  await waitForIdleDatabase(strapi);
  await strapi.destroy();
};
