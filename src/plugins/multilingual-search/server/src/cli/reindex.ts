import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { MultiBar, Presets } from 'cli-progress';
import { waitForIdleDatabase } from '../../../../../utils/wait-for-idle-database';
import type { ReindexProgress } from '../services/indexer';
import { getService } from '../utils/get-service';

/**
 * `npm run search:reindex [-- --types resource,skill]`: rebuilds the search indexes without
 * downtime (build, then swap), with a progress bar per type and locale. Run from the project folder.
 */
const parseTypes = (argv: string[]) => {
  const at = argv.findIndex((arg) => arg === '--types' || arg.startsWith('--types='));
  if (at === -1) return [];
  const value = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  return (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
};

const main = async () => {
  const appDir = process.cwd();
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  const bars = new MultiBar({ format: '{type} {locale} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
  const byIndex = new Map<string, ReturnType<MultiBar['create']>>();
  try {
    const requested = parseTypes(process.argv.slice(2));
    const unknown = requested.find((name) => !getService(strapi, 'types').get(name));
    if (unknown)
      throw new Error(
        `unknown type "${unknown}"; known: ${getService(strapi, 'types')
          .all()
          .map((type) => type.name)
          .join(', ')}`,
      );
    const engine = getService(strapi, 'engine').get().name;
    const onProgress = ({ type, locale, indexed, total }: ReindexProgress) => {
      const key = `${type} ${locale}`;
      const payload = { type: type.padEnd(18), locale: locale.padEnd(5) };
      if (!byIndex.has(key)) byIndex.set(key, bars.create(total, indexed, payload));
      byIndex.get(key)!.setTotal(total);
      byIndex.get(key)!.update(indexed, payload);
    };
    // The embedded engine first builds this process's indexes, as at any start-up.
    await getService(strapi, 'indexer').whenReady();
    const result = await getService(strapi, 'indexer').reindex(requested, onProgress);
    bars.stop();
    console.log(
      `\nReindexed ${result.documents} documents into ${result.indexes} indexes (${result.types.join(', ')}) in ${(result.ms / 1000).toFixed(1)} s on the ${engine} engine.`,
    );
    if (engine === 'embedded') {
      console.log('The embedded engine keeps its indexes in each server process: this run rebuilt and checked them here.');
      console.log('A running server rebuilds its own at start-up, or now with POST /multilingual-search/reindex (admin).');
    }
  } finally {
    bars.stop();
    await waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
