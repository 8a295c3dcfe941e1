import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_DIR, DIST_DIR } from '../helpers/paths';
import { useApp } from '../helpers/strapi';

/** `npm run search:reindex` runs the compiled command below on the configured database. */
const app = useApp('seeded');
const run = promisify(execFile);
const COMMAND = path.join(DIST_DIR, 'src', 'plugins', 'multilingual-search', 'server', 'src', 'cli', 'reindex.js');

test('the reindex command rebuilds the chosen types and reports what it did', async () => {
  void app();
  const { stdout } = await run(process.execPath, [COMMAND, '--types', 'skill,resource'], { cwd: APP_DIR, env: { ...process.env, LOG_LEVEL: 'error' } });
  const reported = stdout.match(/Reindexed (\d+) documents into (\d+) indexes \(skill, resource\)/);
  expect(reported).not.toBeNull();
  expect(Number(reported![1])).toBeGreaterThan(150);
}, 120_000);

test('an unknown type is refused with a message naming it', async () => {
  await expect(run(process.execPath, [COMMAND, '--types', 'spaceship'], { cwd: APP_DIR, env: { ...process.env, LOG_LEVEL: 'error' } })).rejects.toMatchObject({
    stderr: expect.stringContaining('unknown type "spaceship"'),
  });
}, 120_000);
