import { randomBytes } from 'node:crypto';
import './helpers/env';
import { createDatabase, databaseEnv, dropRunDatabases, templateName, usesPostgres, type Template } from './helpers/databases';
import { ensureAdminBuild } from './helpers/admin-build';
import { stopStrapi } from './helpers/boot';
import { APP_DIR, DIST_DIR } from './helpers/paths';

/**
 * Once per `jest` run: compile the app, build the search page (npm test type-checks first, so
 * a type error is reported there rather than as "process.exit called") and, when its sources
 * changed, the admin panel for the browser tests; then build the two template
 * databases every test file clones: `empty` (schema, locales, roles) and `seeded` (plus the demo data).
 */
export default async function globalSetup() {
  process.env.TEST_RUN_ID = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const { compileStrapi, createStrapi } = await import('@strapi/strapi');
  await compileStrapi({ appDir: APP_DIR });
  // The search page is served from public/search/, which is built, not committed.
  const { buildMembersSite } = require(`${APP_DIR}/scripts/build-members-site`) as { buildMembersSite: () => Promise<void> };
  await buildMembersSite();
  ensureAdminBuild();
  await dropRunDatabases();

  const build = async (template: Template, from?: Template, prepare?: (strapi: import('@strapi/strapi').Core.Strapi) => Promise<void>) => {
    const name = templateName(template);
    await createDatabase(name, from && templateName(from));
    Object.assign(process.env, databaseEnv(name));
    const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false }).load();
    if (prepare) await prepare(strapi);
    await stopStrapi(strapi);
  };

  const started = Date.now();
  await build('empty');
  // From a copy of `empty`: its schema is made already.
  await build('seeded', 'empty', async (strapi) => {
    const { seedDemoData } = require(`${DIST_DIR}/src/seed`);
    const { loadPlatformConfig } = require(`${DIST_DIR}/src/platform-config`);
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    // The seeding's search log, pruned as its retention would: every app booted on the template
    // builds its indexes from the database, and one in Meilisearch mode would replay it as a queue.
    await strapi.plugin('multilingual-search').service('outbox').prune(0);
  });
  console.log(`\nTemplates built on ${usesPostgres() ? 'PostgreSQL' : 'SQLite'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
