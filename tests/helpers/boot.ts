import { createStrapi } from '@strapi/strapi';
import { APP_DIR, DIST_DIR } from './paths';

/** Loads the compiled app (`dist/`) on the database the environment points at, with its HTTP routes mounted. */
export const bootStrapi = async () => {
  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  await strapi.server.mount();
  return strapi;
};
