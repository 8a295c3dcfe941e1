import fs from 'node:fs';
import path from 'node:path';

/** The project folder: the nearest folder above this file with a package.json (also from `dist/tests/…`). */
const findAppDir = (dir: string): string => (fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir ? dir : findAppDir(path.dirname(dir)));

export const APP_DIR = findAppDir(__dirname);
export const DIST_DIR = path.join(APP_DIR, 'dist');
/** Databases of one `npm test` run live here (SQLite files); removed by the global teardown. */
export const RUN_DIR = path.join(APP_DIR, '.tmp', 'tests');
