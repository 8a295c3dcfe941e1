import path from 'node:path';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');
/** Databases of one `npm test` run live here (SQLite files); removed by the global teardown. */
export const RUN_DIR = path.join(APP_DIR, '.tmp', 'tests');
