'use strict';

// Another app process for tests (started by app-process.ts), as in a deployment with several processes on one database: boots
// the compiled app on the database and search engine the environment names (its sync worker starts
// with it), serves HTTP on a free port, and records the outbox rows its worker claims. It talks on
// stdout in lines starting with `@app-process ` (Strapi's own log lines go there too):
//   `ready <port>` once it serves, its search index built; then for each `settle` line read on stdin, `settled` once its
//   sync worker has applied every change that is due (or `failed <message>`).
// When stdin closes it writes the claimed ids to CLAIMS_FILE and exits.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
const say = (line) => process.stdout.write(`@app-process ${line}\n`);

const main = async () => {
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const search = strapi.plugin('multilingual-search');
  const outbox = search.service('outbox');
  const claim = outbox.claim.bind(outbox);
  const claimed = [];
  outbox.claim = async (limit) => {
    const items = await claim(limit);
    claimed.push(...items.map((item) => item.id));
    return items;
  };
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  await search.service('indexer').whenReady();

  const commands = readline.createInterface({ input: process.stdin });
  commands.on('line', (command) => {
    if (command !== 'settle') return say(`failed unknown command "${command}"`);
    search
      .service('sync')
      .settled()
      .then(() => say('settled'))
      .catch((error) => say(`failed ${error.message}`));
  });
  commands.on('close', async () => {
    await search.service('sync').stop();
    fs.writeFileSync(process.env.CLAIMS_FILE, JSON.stringify(claimed));
    await strapi.destroy();
    process.exit(0);
  });
  say(`ready ${strapi.server.httpServer.address().port}`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
