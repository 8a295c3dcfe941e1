import { Presets, SingleBar } from 'cli-progress';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { getService } from '../src/plugins/multilingual-search/server/src/utils/get-service';
import type { SearchRequest } from '../src/plugins/multilingual-search/server/src/engines/types';
import { seconds, startBenchApp } from './lib/app';
import { generateResources, random } from './lib/generate';
import {
  checkSearchAnswer,
  containsiPath,
  fetchJson,
  searchPath,
  searchQueries,
  splitWords,
  titleWords,
  typoHits,
  type SearchAnswer,
  type SearchQuery,
} from './lib/search-queries';
import { loadFromWorker } from './lib/http-load';
import { measureMeilisearchBatching } from './meilisearch-batching';
import { percentile, timed } from './lib/stats';

/**
 * `npm run bench:search`: 20,000 resources in 3 locales plus the demo data's other types.
 * Prints the full reindex time and rate; search latency p50/p95 through the REST API at 1 and 8
 * clients (200 queries each, different ones, after a warm-up on other words), every answer checked
 * (hits with numeric scores, facets where asked), and the same engine requests made directly in this
 * process (API / engine ratio); the outside baseline measured in the same run: the same words through
 * REST `$containsi` on /api/resources (every text field the search covers) against the search on
 * resources, with the ratio; publish-to-searchable delay (the published document is the hit);
 * memory after indexing; and search p50 after EDITS random edits, publications and unpublications
 * (what members get on a live server) against the p50 of the same indexes rebuilt fresh, with both
 * answers compared hit by hit.
 *
 * `npm run bench:search -- --engine meilisearch`: the sync's batching against the Meilisearch
 * contract server (see bench/meilisearch-batching.ts).
 */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 20_000);
const LOCALES = ['fr', 'en', 'de'];
const QUERIES = 200;
const BASELINE_QUERIES = 40;
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 40);
const EDITS = Number(process.env.BENCH_EDITS ?? 1000);

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

    const titles: Array<{ locale: string; title: string }> = [];
    for (const locale of LOCALES) {
      const rows = (await strapi.db.query('api::resource.resource').findMany({ select: ['title'], where: { locale }, limit: 400 })) as Array<{ title: string }>;
      titles.push(...rows.map((row) => ({ locale, title: row.title })));
    }
    const words = titleWords(titles);
    const { measured, warmUp } = splitWords(words);
    // Every fifth query filtered on a kind, every fifth asks for facets; only the others must have hits.
    const extraFor = (i: number) => (i % 5 === 0 ? '&filters[resourceKind]=guide' : i % 5 === 1 ? '&facets=resourceKind,issueArea,language' : '');
    const toUrls = (queries: SearchQuery[]) => queries.map((query, i) => `${app.baseUrl}${searchPath(query, extraFor(i))}`);
    const queries = { 1: searchQueries(measured, QUERIES, 7), 8: searchQueries(measured, QUERIES, 8) };
    const runs = { 1: toUrls(queries[1]), 8: toUrls(queries[8]) };
    await loadFromWorker(toUrls(searchQueries(warmUp, QUERIES, 9)), 4);

    console.log(
      `\nSearch latency, ${QUERIES} different queries per run (fr, en, de; some with typos, filters, facets), as the public, after a warm-up on other words:`,
    );
    const api = { 1: await loadFromWorker(runs[1], 1), 8: await loadFromWorker(runs[8], 8) };

    // Every answer checked, and the engine requests each query makes recorded, to replay the same ones directly.
    const engine = getService(strapi, 'engine').get();
    const search = engine.search.bind(engine);
    let recording: SearchRequest[] = [];
    engine.search = async (request) => {
      recording.push(request);
      return search(request);
    };
    const replay = new Map<string, SearchRequest[]>();
    const checked: Array<{ query: SearchQuery; answer: SearchAnswer }> = [];
    for (const concurrency of [1, 8] as const)
      for (const [i, query] of queries[concurrency].entries()) {
        const url = runs[concurrency][i];
        recording = [];
        const answer = await fetchJson<SearchAnswer>(url);
        checkSearchAnswer(answer, url, i % 5 > 1 && !query.typo);
        checked.push({ query, answer });
        if (i % 5 === 1 && Object.keys(answer.meta.facets ?? {}).length === 0) throw new Error(`${url}: no facets`);
        replay.set(url, recording);
      }
    engine.search = search;

    const direct = async (urls: string[], concurrency: number) => {
      const latencies: number[] = [];
      let nextIndex = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (nextIndex < urls.length) {
            const requests = replay.get(urls[nextIndex++])!;
            latencies.push(await timed(async () => Promise.all(requests.map((request) => search(request)))));
          }
        }),
      );
      return latencies;
    };
    for (const concurrency of [1, 8] as const) {
      const viaEngine = await direct(runs[concurrency], concurrency);
      const [apiP50, engineP50] = [percentile(api[concurrency], 50), percentile(viaEngine, 50)];
      console.log(
        `  concurrency ${concurrency}: REST API p50 ${apiP50.toFixed(2)} ms, p95 ${percentile(api[concurrency], 95).toFixed(2)} ms · engine p50 ${engineP50.toFixed(2)} ms, p95 ${percentile(viaEngine, 95).toFixed(2)} ms · ratio API/engine at p50 ${(apiP50 / engineP50).toFixed(2)} (goal ≤ 1.5)`,
      );
    }
    console.log(
      `  every answer checked: numeric scores, hits for every query without a typo, filter or facets, facets where asked; queries with a typo answered with hits: ${typoHits(checked)}`,
    );

    // The outside baseline: the same words through REST `$containsi`, against the search restricted to resources.
    const compared = queries[1].filter((query, i) => !query.typo && extraFor(i) === '').slice(0, BASELINE_QUERIES);
    for (const query of compared) {
      const rest = await fetchJson<{ data: unknown[] }>(`${app.baseUrl}${containsiPath(query)}`);
      if (rest.data.length === 0) throw new Error(`REST $containsi found nothing for ${query.words.join(' ')} (${query.locale})`);
      checkSearchAnswer(await fetchJson<SearchAnswer>(`${app.baseUrl}${searchPath(query, '&types=resource')}`), `${query.words.join(' ')} in resources`);
    }
    console.log(
      `\nSearch against REST \`$containsi\` (every text field the search covers) on /api/resources, ${compared.length} queries without typos, both answering hits:`,
    );
    for (const concurrency of [1, 8]) {
      const viaSearch = await loadFromWorker(
        compared.map((query) => `${app.baseUrl}${searchPath(query, '&types=resource')}`),
        concurrency,
      );
      const viaRest = await loadFromWorker(
        compared.map((query) => `${app.baseUrl}${containsiPath(query)}`),
        concurrency,
      );
      const [searchP50, restP50] = [percentile(viaSearch, 50), percentile(viaRest, 50)];
      console.log(
        `  concurrency ${concurrency}: search p50 ${searchP50.toFixed(2)} ms, p95 ${percentile(viaSearch, 95).toFixed(2)} ms · $containsi p50 ${restP50.toFixed(2)} ms, p95 ${percentile(viaRest, 95).toFixed(2)} ms · ratio search/$containsi at p50 ${(searchP50 / restP50).toFixed(2)}`,
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
        const answer = await fetchJson<SearchAnswer>(`${app.baseUrl}/api/multilingual-search/search?q=${token}&locale=en&types=resource`);
        if (answer.data.length > 0) {
          checkSearchAnswer(answer, `published ${token}`);
          if (answer.data[0].documentId !== draft.documentId) throw new Error(`${token}: found ${answer.data[0].documentId}, published ${draft.documentId}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      delays.push(performance.now() - publishedAt);
    }
    console.log(
      `\nPublish-to-searchable delay over ${PUBLISHES} publishes (each found as the first hit): p50 ${percentile(delays, 50).toFixed(1)} ms, p95 ${percentile(delays, 95).toFixed(1)} ms`,
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
    const urls = runs[1];
    const answers = async () => Promise.all(urls.map(async (url) => JSON.stringify(await fetchJson<SearchAnswer>(url))));
    const afterEdits = { p50: percentile(await loadFromWorker(urls, 1), 50), answers: await answers() };
    await getService(strapi, 'indexer').reindex();
    const fresh = { p50: percentile(await loadFromWorker(urls, 1), 50), answers: await answers() };
    const same = afterEdits.answers.filter((answer, i) => answer === fresh.answers[i]).length;
    const differing = afterEdits.answers.findIndex((answer, i) => answer !== fresh.answers[i]);
    if (differing >= 0)
      console.log(
        `First differing answer, ${urls[differing]}:\n  after the edits ${afterEdits.answers[differing]}\n  rebuilt fresh   ${fresh.answers[differing]}`,
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
