import { Presets, SingleBar } from 'cli-progress';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { getService } from '../src/plugins/multilingual-search/server/src/utils/get-service';
import type { SearchRequest } from '../src/plugins/multilingual-search/server/src/engines/types';
import { seconds, startBenchApp } from './lib/app';
import { generateResources, random } from './lib/generate';
import { loadFromWorker } from './lib/http-load';
import { measureMeilisearchBatching } from './meilisearch-batching';
import { percentile, timed } from './lib/stats';

/**
 * `npm run bench:search`: 20,000 resources in 3 locales plus the demo data's other types.
 * Prints the full reindex time and rate; search latency p50/p95 for 200 fixed queries through the
 * REST API at concurrency 1 and 8, and for the same engine requests made directly in this process
 * (API / engine ratio); publish-to-searchable delay; memory after indexing; and search p50 after
 * EDITS random edits, publications and unpublications (what members get on a live server) against
 * the p50 of the same indexes rebuilt fresh, with both answers compared hit by hit.
 *
 * `npm run bench:search -- --engine meilisearch`: the sync's batching against the Meilisearch
 * contract server (see bench/meilisearch-batching.ts).
 */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 20_000);
const LOCALES = ['fr', 'en', 'de'];
const QUERIES = 200;
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 40);
const EDITS = Number(process.env.BENCH_EDITS ?? 1000);

/** A kept-alive connection the server has just closed is retried once (ECONNRESET). */
const fetchWithRetry = async (url: string) => {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
};

const fixedQueries = (words: Record<string, string[]>) => {
  const next = random(7);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const typo = (word: string) => (word.length > 6 ? word.slice(0, 3) + word.slice(4) : word);
  return Array.from({ length: QUERIES }, (_, i) => {
    const locale = LOCALES[i % LOCALES.length];
    const terms = [pick(words[locale]), ...(i % 3 === 0 ? [pick(words[locale])] : [])];
    const q = (i % 7 === 0 ? terms.map(typo) : terms).join(' ');
    const extra = i % 5 === 0 ? '&filters[resourceKind]=guide' : i % 5 === 1 ? '&facets=resourceKind,issueArea,language' : '';
    return `q=${encodeURIComponent(q)}&locale=${locale}&pageSize=10${extra}`;
  });
};

const main = async () => {
  const app = await startBenchApp();
  const { strapi } = app;
  try {
    let started = Date.now();
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    console.log(`Seeded the demo data in ${seconds(Date.now() - started)} on ${app.database}`);

    // Generated through the Document Service; the worker is held, and the full rebuild below indexes it
    // all and reads the outbox on from there.
    const resume = await getService(strapi, 'sync').pause();
    started = Date.now();
    const bar = new SingleBar({ format: 'Generating resources [{bar}] {value}/{total}' }, Presets.shades_classic);
    bar.start(RESOURCES, 0);
    await generateResources(strapi, { resources: RESOURCES, locales: LOCALES, membersOnlyShare: 0.3, onProgress: (n) => bar.update(n) });
    bar.stop();
    console.log(`Generated ${RESOURCES} resources in ${LOCALES.join(', ')} in ${seconds(Date.now() - started)}`);

    const reindex = await getService(strapi, 'indexer').rebuildAll();
    resume();
    const memory = process.memoryUsage();
    console.log(
      `\nFull reindex: ${reindex.documents} documents into ${reindex.indexes} indexes in ${seconds(reindex.ms)} → ${Math.round(reindex.documents / (reindex.ms / 1000))} documents/s`,
    );
    console.log(`Memory after indexing: RSS ${Math.round(memory.rss / 2 ** 20)} MiB, heap used ${Math.round(memory.heapUsed / 2 ** 20)} MiB`);

    const words: Record<string, string[]> = {};
    for (const locale of LOCALES) {
      const rows = (await strapi.db.query('api::resource.resource').findMany({ select: ['title'], where: { locale }, limit: 400 })) as Array<{ title: string }>;
      words[locale] = [...new Set(rows.flatMap((row) => row.title.split(/[^\p{L}]+/u)).filter((word) => word.length >= 5))];
    }
    const queries = fixedQueries(words);

    // Every engine request the API makes is recorded, to replay the same ones directly.
    const engine = getService(strapi, 'engine').get();
    const search = engine.search.bind(engine);
    const recorded: SearchRequest[] = [];
    engine.search = async (request) => {
      recorded.push(request);
      return search(request);
    };
    const viaApi = async (query: string) => {
      const response = await fetchWithRetry(`${app.baseUrl}/api/multilingual-search/search?${query}`);
      if (response.status !== 200) throw new Error(`${response.status} for ${query}: ${await response.text()}`);
      await response.json();
    };
    for (const query of queries) await viaApi(query); // warm-up, and the requests to replay
    engine.search = search;
    const replay = recorded.slice(0, QUERIES);

    const runAt = async (concurrency: number, run: (i: number) => Promise<void>) => {
      const latencies: number[] = [];
      let nextIndex = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (nextIndex < QUERIES) {
            const i = nextIndex++;
            latencies.push(await timed(() => run(i)));
          }
        }),
      );
      return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
    };

    const urls = queries.map((query) => `${app.baseUrl}/api/multilingual-search/search?${query}`);
    console.log(`\nSearch latency, ${QUERIES} fixed queries (fr, en, de; some with typos, filters, facets), as the public:`);
    for (const concurrency of [1, 8]) {
      const latencies = await loadFromWorker(urls, concurrency);
      const api = { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
      const direct = await runAt(concurrency, async (i) => void (await search(replay[i])));
      console.log(
        `  concurrency ${concurrency}: REST API p50 ${api.p50.toFixed(2)} ms, p95 ${api.p95.toFixed(2)} ms · engine p50 ${direct.p50.toFixed(2)} ms, p95 ${direct.p95.toFixed(2)} ms · ratio API/engine at p50 ${(api.p50 / direct.p50).toFixed(2)} (goal ≤ 1.5)`,
      );
    }

    const delays: number[] = [];
    for (let i = 0; i < PUBLISHES; i += 1) {
      const token = `benchtoken${i}x${Date.now().toString(36)}`;
      const draft = (await strapi.documents('api::resource.resource').create({
        locale: 'en',
        data: { title: `Publish delay ${token}`, slug: `publish-delay-${i}`, kind: 'guide', visibility: 'public' },
      } as never)) as { documentId: string };
      const publishedAt = performance.now();
      await strapi.documents('api::resource.resource').publish({ documentId: draft.documentId, locale: 'en' } as never);
      for (;;) {
        const response = await fetchWithRetry(`${app.baseUrl}/api/multilingual-search/search?q=${token}&locale=en&types=resource`);
        if (((await response.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      delays.push(performance.now() - publishedAt);
    }
    console.log(
      `\nPublish-to-searchable delay over ${PUBLISHES} publishes: p50 ${percentile(delays, 50).toFixed(1)} ms, p95 ${percentile(delays, 95).toFixed(1)} ms`,
    );

    // A live server: editors edit, publish and unpublish; the indexes follow through the outbox.
    const next = random(11);
    const editable = (await strapi.db
      .query('api::resource.resource')
      .findMany({ select: ['documentId', 'locale'], where: { publishedAt: { $null: true } }, limit: 5000 })) as Array<{
      documentId: string;
      locale: string;
    }>;
    started = Date.now();
    for (let i = 0; i < EDITS; i += 1) {
      const { documentId, locale } = editable[Math.floor(next() * editable.length)];
      const roll = next();
      const documents = strapi.documents('api::resource.resource');
      if (roll < 0.15) await documents.unpublish({ documentId, locale } as never);
      else if (roll < 0.3) await documents.publish({ documentId, locale } as never);
      else {
        const vocabulary = words[locale] ?? words.en;
        const summary = `Edited ${i}: ${Array.from({ length: 8 }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ')}`;
        await documents.update({ documentId, locale, status: 'published', data: { summary } } as never);
      }
    }
    await getService(strapi, 'sync').settled(300_000);
    console.log(`\n${EDITS} random edits, publications and unpublications applied in ${seconds(Date.now() - started)}`);
    const answers = async () =>
      Promise.all(urls.map(async (url) => JSON.stringify((await (await fetchWithRetry(url)).json()) as { data: unknown; meta: { pagination: unknown } })));
    const afterEdits = { p50: percentile(await loadFromWorker(urls, 1), 50), answers: await answers() };
    await getService(strapi, 'indexer').reindex();
    const fresh = { p50: percentile(await loadFromWorker(urls, 1), 50), answers: await answers() };
    const same = afterEdits.answers.filter((answer, i) => answer === fresh.answers[i]).length;
    const differing = afterEdits.answers.findIndex((answer, i) => answer !== fresh.answers[i]);
    if (differing >= 0)
      console.log(
        `First differing answer, ${queries[differing]}:\n  after the edits ${afterEdits.answers[differing]}\n  rebuilt fresh   ${fresh.answers[differing]}`,
      );
    console.log(
      `Search p50 after the edits ${afterEdits.p50.toFixed(2)} ms · rebuilt fresh ${fresh.p50.toFixed(2)} ms · ratio ${(afterEdits.p50 / fresh.p50).toFixed(2)} (goal ≈ 1) · answers identical (hits, order, scores, totals) ${same}/${urls.length}`,
    );
  } finally {
    await app.stop();
  }
};

const run = process.argv.includes('meilisearch') ? measureMeilisearchBatching : main;

run().catch((error) => {
  console.error(error);
  process.exit(1);
});
