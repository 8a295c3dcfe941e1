import { startContractServer } from '../tests/helpers/meilisearch/contract-server';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { getService } from '../src/plugins/multilingual-search/server/src/utils/get-service';
import { seconds, startBenchApp } from './lib/app';
import { generateResources } from './lib/generate';

const CHANGES = Number(process.env.BENCH_CHANGES ?? 3000);

/**
 * HTTP requests and bytes the sync sends to Meilisearch per 1,000 changes, split into document
 * writes and task polling, against the contract server (no Meilisearch can run here). Goal: one
 * document write per affected index per batch.
 */
export const measureMeilisearchBatching = async () => {
  const server = await startContractServer();
  Object.assign(process.env, { MEILISEARCH_HOST: server.url, MEILISEARCH_ADMIN_KEY: server.masterKey, MEILISEARCH_SEARCH_KEY: server.searchKey });
  const app = await startBenchApp();
  const { strapi } = app;
  try {
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    const sync = getService(strapi, 'sync');
    await sync.settled(300_000);

    // Which (batch, index, operation) the worker wanted: the ideal number of document writes.
    const engine = getService(strapi, 'engine').get();
    const outbox = getService(strapi, 'outbox');
    let batch = 0;
    let changes = 0;
    const wanted = new Set<string>();
    const claim = outbox.claim.bind(outbox);
    outbox.claim = async (limit) => {
      const items = await claim(limit);
      if (items.length) {
        batch += 1;
        changes += items.length;
      }
      return items;
    };
    for (const operation of ['upsert', 'delete'] as const) {
      const original = engine[operation].bind(engine) as (index: string, items: never[]) => Promise<void>;
      engine[operation] = (async (index: string, items: never[]) => {
        wanted.add(`${batch}:${index}:${operation}`);
        return original(index, items);
      }) as never;
    }

    const from = server.requests.length;
    const started = Date.now();
    await generateResources(strapi, { resources: CHANGES, locales: ['fr', 'en', 'de'], membersOnlyShare: 0.3 });
    await sync.settled(300_000);
    const requests = server.requests.slice(from);
    const total = (kind: string) => requests.filter((request) => request.kind === kind);
    const perThousand = (n: number) => ((1000 * n) / changes).toFixed(1);
    const bytes = (list: typeof requests) => list.reduce((sum, request) => sum + request.bytes, 0);
    const [writes, polls] = [total('documents'), total('tasks')];

    console.log(`\nMeilisearch sync batching (contract server, ${app.database}): ${changes} changes in ${batch} batches, ${seconds(Date.now() - started)}`);
    console.log(
      `  document writes : ${writes.length} requests, ${perThousand(writes.length)} per 1,000 changes, ${perThousand(bytes(writes) / 1024)} KiB sent per 1,000 changes`,
    );
    console.log(`  task polling    : ${polls.length} requests, ${perThousand(polls.length)} per 1,000 changes`);
    console.log(`  other           : ${requests.length - writes.length - polls.length} requests (index creation, settings, stats)`);
    console.log(`  document writes per affected index per batch: ${(writes.length / wanted.size).toFixed(2)} (goal 1.00; ${wanted.size} index writes wanted)`);
    console.log(`  contract violations: ${server.violations.length}`);
  } finally {
    await app.stop();
    await server.close();
  }
};
