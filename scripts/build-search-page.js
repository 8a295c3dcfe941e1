#!/usr/bin/env node
// Builds the search page (src/search-page/) into public/search/, which strapi::public serves at /search/.
// One bundled, minified script with no import from elsewhere, so the page asks nothing of any other host.
// Runs before develop, build and start, and in the tests' global setup; takes well under a second.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const appDir = path.resolve(__dirname, '..');
const sourceDir = path.join(appDir, 'src', 'search-page');
const outDir = path.join(appDir, 'public', 'search');

const buildSearchPage = async () => {
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(sourceDir, 'main.ts')],
    outfile: path.join(outDir, 'search.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'search.css']) fs.copyFileSync(path.join(sourceDir, file), path.join(outDir, file));
};

module.exports = { buildSearchPage };

if (require.main === module) {
  buildSearchPage().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
