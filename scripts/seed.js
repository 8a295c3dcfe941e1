#!/usr/bin/env node
// `npm run seed`: compiles the app and seeds the demo data into the configured database.
// Idempotent: what already exists is left as it is.
const path = require('path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const main = async () => {
  const appDir = path.resolve(__dirname, '..');
  const { distDir } = await compileStrapi({ appDir });
  const strapi = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    const { seedDemoData } = require(path.join(distDir, 'src', 'seed'));
    const { loadPlatformConfig } = require(path.join(distDir, 'src', 'platform-config'));
    await seedDemoData(strapi, loadPlatformConfig(strapi));
  } finally {
    const { waitForIdleDatabase } = require(path.join(distDir, 'src', 'utils', 'wait-for-idle-database'));
    await waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
