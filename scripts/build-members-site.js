#!/usr/bin/env node
// Builds the members' site (src/members-site/) into public/search/, served at /search/ (strapi::public
// for the files, src/middlewares/members-site.ts for the pages' paths). A bundled, minified ES module
// with a chunk per page loaded when that page is first shown, and no import from elsewhere, so the
// site asks nothing of any other host. Runs before develop, build and start, and in the tests'
// global setup; takes well under a second.
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const appDir = path.resolve(__dirname, '..');
const sourceDir = path.join(appDir, 'src', 'members-site');
const outDir = path.join(appDir, 'public', 'search');

const buildMembersSite = async () => {
  // Chunks are named by their hash: old ones go, so the folder holds one build.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { search: path.join(sourceDir, 'main.tsx') },
    outdir: outDir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  for (const file of ['index.html', 'search.css']) fs.copyFileSync(path.join(sourceDir, file), path.join(outDir, file));
  const outputs = Object.entries(result.metafile.outputs).map(([file, output]) => ({ file: path.relative(outDir, file), bytes: output.bytes }));
  return { entry: outputs.find((output) => output.file === 'search.js'), chunks: outputs.filter((output) => output.file !== 'search.js') };
};

module.exports = { buildMembersSite };

if (require.main === module) {
  buildMembersSite().then(
    ({ entry, chunks }) =>
      console.log(
        `Members' site built into public/search/: search.js ${(entry.bytes / 1024).toFixed(1)} KiB, ${chunks.length} page chunks ${(chunks.reduce((sum, chunk) => sum + chunk.bytes, 0) / 1024).toFixed(1)} KiB (minified)`,
      ),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
