'use strict';

// A second app process for tests: boots the compiled app on the database and search engine the
// environment names (its sync worker starts with it), records the outbox rows its worker claims,
// and when its stdin closes writes them to CLAIMS_FILE and exits.
const fs = require('fs');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

const main = async () => {
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const outbox = strapi.plugin('multilingual-search').service('outbox');
  const claim = outbox.claim.bind(outbox);
  const claimed = [];
  outbox.claim = async (limit) => {
    const items = await claim(limit);
    claimed.push(...items.map((item) => item.id));
    return items;
  };
  process.stdin.on('end', async () => {
    await strapi.plugin('multilingual-search').service('sync').stop();
    fs.writeFileSync(process.env.CLAIMS_FILE, JSON.stringify(claimed));
    await strapi.destroy();
    process.exit(0);
  });
  process.stdin.resume();
  process.stdout.write('ready\n');
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
