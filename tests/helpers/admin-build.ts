import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, DIST_DIR } from './paths';

const ADMIN_BUILD = path.join(DIST_DIR, 'build', 'index.html');
/** What the admin panel's bundle is made of. */
const SOURCES = [
  'src/admin',
  'src/custom-fields',
  'src/plugins/skills-mapping/admin',
  'src/plugins/multilingual-search/admin',
  'src/members-site',
  'config/admin.ts',
];

const newestChange = (file: string): number =>
  fs.statSync(file).isDirectory() ? Math.max(0, ...fs.readdirSync(file).map((entry) => newestChange(path.join(file, entry)))) : fs.statSync(file).mtimeMs;

/**
 * Builds the admin panel (`strapi build`, one to two minutes) when `dist/build` is missing or older
 * than its sources, for the browser tests that serve it. Run once by the global setup, before any
 * test file boots an app: the build also compiles the server code again, to the same files.
 */
export const ensureAdminBuild = () => {
  const newestSource = Math.max(
    ...SOURCES.map((source) => path.join(APP_DIR, source))
      .filter((source) => fs.existsSync(source))
      .map(newestChange),
  );
  if (fs.existsSync(ADMIN_BUILD) && fs.statSync(ADMIN_BUILD).mtimeMs > newestSource) return;
  // Without NODE_ENV, as `npx strapi build` on a developer's machine: a production bundle (with
  // NODE_ENV=test the panel would leave out parts the browser tests look at, such as the home page's widgets).
  const { NODE_ENV: _, ...env } = process.env;
  execFileSync(process.execPath, [path.join(APP_DIR, 'node_modules/@strapi/strapi/bin/strapi.js'), 'build', '--silent'], {
    cwd: APP_DIR,
    env,
    stdio: 'inherit',
  });
};
