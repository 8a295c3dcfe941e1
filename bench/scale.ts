import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { loadDemoData } from '../src/seed/data-schema';
import { createAdminUser } from '../tests/helpers/admin';
import { APP_DIR } from '../tests/helpers/paths';
import { seconds, startBenchApp } from './lib/app';
import { insertResources } from './lib/generate';
import { loadFromWorker } from './lib/http-load';
import {
  checkSearchAnswer,
  containsiPath,
  fetchJson,
  fetchWithRetry,
  searchPath,
  searchQueries,
  splitWords,
  titleWords,
  typoHits,
  type SearchAnswer,
  type SearchQuery,
} from './lib/search-queries';
import { percentile, timed } from './lib/stats';

/**
 * `npm run bench:scale [-- --docs N]`: the platform at volume, run as an operator runs it.
 *
 * 1. A fresh database (SQLite, or PostgreSQL with BENCH_DATABASE_URL; dropped at the end) gets the
 *    demo data and N generated resources (default 100,000) in every language of the demo resources,
 *    written in batches through Strapi's query layer; PROBES of them carry a word of their own, to
 *    know which documents a search must find. That app is then stopped.
 * 2. `strapi start` runs the compiled app on that database in a child process (NODE_ENV=production,
 *    port BENCH_PORT, default 14310), and the bench prints: start-up until `/_health` answers and until
 *    the first correct search; the server's RSS after start and its peak (VmRSS, VmHWM); search p50/p95
 *    at 1 and 8 clients (queries in every language, warm-up on other words); the same words through
 *    REST `$containsi` on /api/resources as the baseline, with the ratio; a full reindex started the
 *    way an editor does (admin route, admin JWT) with `/_health` and search latency while it runs and
 *    whether searches were answered; RSS peak after it and the same documents found after it.
 * Every answer is checked: hits present, scores numbers, the probes found, the same documents after the reindex.
 */
const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const DOCS = Number(argument('--docs') ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 14310);
const PROBES = 20;
const QUERIES = 200;
const BASELINE_QUERIES = 40;
const START_TIMEOUT_MS = 30 * 60_000;

const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;

/** VmRSS and VmHWM (peak) of a process, in KiB. */
const memoryOf = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
};

const latencySummary = (values: number[]) =>
  values.length === 0
    ? 'no answer'
    : `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} requests)`;

/** The documents an answer lists, in a stable order. */
const hitKeys = (answer: SearchAnswer) => answer.data.map((hit) => `${hit.type}:${hit.documentId}:${hit.locale}`).sort();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `strapi start` on the compiled app, as an operator runs it; its output is kept to explain a failure. */
const startServer = () => {
  // E-mail goes to files (EMAIL_FOLDER) rather than an SMTP relay, which production otherwise requires.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(PORT),
    EMAIL_TRANSPORT: 'folder',
    EMAIL_FROM: 'Community of Practice <no-reply@example.org>',
  };
  // The test harness's environment turns off the OpenAPI build at start; an operator's server does it.
  delete env.OPENAPI_BUILD_AT_START;
  const child = spawn(process.execPath, [path.join(APP_DIR, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean).slice(-50));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output };
};

const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const main = async () => {
  const app = await startBenchApp();
  const { strapi } = app;
  let server: ReturnType<typeof startServer> | undefined;
  try {
    // 1. The library.
    let started = Date.now();
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    console.log(`Seeded the demo data in ${seconds(Date.now() - started)} on ${app.database}`);
    const locales = [...new Set(loadDemoData().resources.map((resource) => resource.locale))].sort();
    started = Date.now();
    const bar = new SingleBar(
      { format: 'Generating resources [{bar}] {percentage}% {value}/{total} · {duration_formatted} elapsed, ETA {eta_formatted}' },
      Presets.shades_classic,
    );
    bar.start(DOCS, 0);
    const written = await insertResources(strapi, { resources: DOCS, locales, membersOnlyShare: 0.3, onProgress: (done) => bar.update(done) });
    bar.stop();
    console.log(`Generated ${DOCS} resources in ${locales.join(', ')} (30% members-only) in ${seconds(Date.now() - started)}`);

    const probes = Array.from({ length: PROBES }, (_, k) => {
      const resource = written[Math.floor(((k + 0.5) * written.length) / PROBES)];
      return { ...resource, word: `scaleprobe${String.fromCharCode(97 + k)}${String.fromCharCode(97 + ((k * 7) % 26))}zz` };
    });
    for (const probe of probes) {
      await strapi.db
        .query('api::resource.resource')
        .updateMany({ where: { documentId: probe.documentId }, data: { title: `${probe.title} ${probe.word}` } } as never);
    }
    const publicProbes = (await strapi.db.query('api::resource.resource').findMany({
      select: ['documentId'],
      where: { documentId: { $in: probes.map((probe) => probe.documentId) }, visibility: 'public', publishedAt: { $notNull: true } },
    })) as Array<{ documentId: string }>;
    const searchable = probes.filter((probe) => publicProbes.some((row) => row.documentId === probe.documentId));
    if (searchable.length === 0) throw new Error('no public probe among the generated resources');
    const admin = await createAdminUser({ strapi });
    await app.stopApp();

    const { measured, warmUp } = splitWords(titleWords(written.slice(0, 5000)));
    const [oneClient, eightClients, warmUpQueries] = [
      searchQueries(measured, QUERIES, 1),
      searchQueries(measured, QUERIES, 2),
      searchQueries(warmUp, QUERIES, 3),
    ];
    const baseUrl = `http://127.0.0.1:${PORT}`;
    const searchUrl = (query: SearchQuery, extra = '') => `${baseUrl}${searchPath(query, extra)}`;
    const probeUrl = (probe: (typeof probes)[number]) => searchUrl({ locale: probe.locale, words: [probe.word], typo: false }, '&types=resource');
    const probesFound = async () => {
      for (const probe of searchable) {
        const answer = await fetchJson<SearchAnswer>(probeUrl(probe));
        checkSearchAnswer(answer, `probe ${probe.word}`);
        if (!answer.data.some((hit) => hit.documentId === probe.documentId)) throw new Error(`probe ${probe.word}: ${probe.documentId} not among the hits`);
      }
    };

    // 2. The server, as an operator starts it.
    const launched = performance.now();
    server = startServer();
    const { child, output } = server;
    const waitFor = async (what: string, ready: () => Promise<boolean>) => {
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before ${what}:\n${output.join('\n')}`);
        if (performance.now() - launched > START_TIMEOUT_MS) throw new Error(`no ${what} after ${seconds(START_TIMEOUT_MS)}:\n${output.join('\n')}`);
        if (await ready().catch(() => false)) return performance.now() - launched;
        await sleep(50);
      }
    };
    const healthAfter = await waitFor('/_health answer', async () => (await fetch(`${baseUrl}/_health`)).ok);
    const searchAfter = await waitFor('correct search', async () => {
      const response = await fetch(probeUrl(searchable[0]));
      return response.ok && ((await response.json()) as SearchAnswer).data.some((hit) => hit.documentId === searchable[0].documentId);
    });
    await probesFound();
    const afterStart = memoryOf(child.pid!);
    const total = DOCS + loadDemoData().resources.length;
    console.log(
      `\n\`strapi start\` (NODE_ENV=production) on ${app.database}, ${DOCS} generated resources plus the demo data (${total} resources and the demo's other types):`,
    );
    console.log(`  start-up: /_health answers after ${seconds(healthAfter)}, first correct search after ${seconds(searchAfter)}`);
    console.log(`  server RSS after start ${mib(afterStart.rss)}, peak so far ${mib(afterStart.peak)}`);

    // Search at 1 and 8 clients: warm-up on other words, then each query once; answers checked after.
    await loadFromWorker(
      warmUpQueries.map((query) => searchUrl(query)),
      4,
    );
    const searchLatency: Record<number, number[]> = {};
    for (const [clients, queries] of [
      [1, oneClient],
      [8, eightClients],
    ] as const)
      searchLatency[clients] = await loadFromWorker(
        queries.map((query) => searchUrl(query)),
        clients,
      );
    const answersBefore = new Map<string, { query: SearchQuery; hits: string[] }>();
    const checked: Array<{ query: SearchQuery; answer: SearchAnswer }> = [];
    for (const query of [...oneClient, ...eightClients]) {
      const url = searchUrl(query);
      const answer = await fetchJson<SearchAnswer>(url);
      checkSearchAnswer(answer, url, !query.typo);
      checked.push({ query, answer });
      answersBefore.set(url, { query, hits: hitKeys(answer) });
    }
    console.log(
      `\nSearch, ${QUERIES} queries per run in ${locales.length} languages (one or two words, 1 in 7 with a typo), as the public; every query without a typo answered with hits, all scores numeric; queries with a typo answered with hits: ${typoHits(checked)}`,
    );
    console.log(`  1 client : ${latencySummary(searchLatency[1])}`);
    console.log(`  8 clients: ${latencySummary(searchLatency[8])}`);

    // The baseline: the same words through REST `$containsi` on resources, against the search restricted to resources.
    const compared = oneClient.filter((query) => !query.typo).slice(0, BASELINE_QUERIES);
    for (const query of compared) {
      const answer = await fetchJson<{ data: unknown[]; meta: { pagination: { total: number } } }>(`${baseUrl}${containsiPath(query)}`);
      if (answer.data.length === 0) throw new Error(`REST $containsi found nothing for ${query.words.join(' ')} (${query.locale})`);
      checkSearchAnswer(await fetchJson<SearchAnswer>(searchUrl(query, '&types=resource')), `${query.words.join(' ')} in resources`);
    }
    console.log(
      `\nSearch against REST \`$containsi\` (title, summary, body, court, case number, ECLI, issue area, skill and organisation names) on /api/resources, ${compared.length} queries without typos, both with hits:`,
    );
    for (const clients of [1, 8]) {
      const viaSearch = await loadFromWorker(
        compared.map((query) => searchUrl(query, '&types=resource')),
        clients,
      );
      const viaRest = await loadFromWorker(
        compared.map((query) => `${baseUrl}${containsiPath(query)}`),
        clients,
      );
      console.log(
        `  ${clients} client${clients > 1 ? 's' : ' '}: search ${latencySummary(viaSearch)} · $containsi ${latencySummary(viaRest)} · ratio search/$containsi at p50 ${(percentile(viaSearch, 50) / percentile(viaRest, 50)).toFixed(2)}`,
      );
    }

    // A full reindex started from the admin panel, while members keep searching and a load balancer keeps checking.
    const { data: session } = await fetchJson<{ data: { token: string } }>(`${baseUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const asAdmin = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const reindexing = { running: true, seenRunning: false, rssPeak: 0 };
    const health: number[] = [];
    const searches: Array<{ ms: number; answered: boolean }> = [];
    const reindexStarted = performance.now();
    // Sampled on a timer of this process: the server's routes may not answer while it rebuilds.
    const sampler = setInterval(() => (reindexing.rssPeak = Math.max(reindexing.rssPeak, memoryOf(child.pid!).rss)), 100);
    const accepted = await fetchWithRetry(`${baseUrl}/multilingual-search/reindex`, { method: 'POST', headers: asAdmin, body: '{}' });
    if (accepted.status !== 202) throw new Error(`reindex: ${accepted.status} ${await accepted.text()}`);
    const probe = async (run: () => Promise<void>) => {
      while (reindexing.running) {
        await run();
        await sleep(20);
      }
    };
    await Promise.all([
      probe(async () => void health.push(await timed(async () => (await fetchWithRetry(`${baseUrl}/_health`)).arrayBuffer()))),
      probe(async () => {
        const query = oneClient[searches.length % oneClient.length];
        let answered = false;
        const ms = await timed(async () => {
          const response = await fetchWithRetry(searchUrl(query));
          answered = response.ok && ((await response.json()) as SearchAnswer).data.length > 0;
        });
        searches.push({ ms, answered });
      }),
      (async () => {
        while (reindexing.running) {
          const status = await fetchJson<{ reindex: unknown }>(`${baseUrl}/multilingual-search/status`, { headers: asAdmin });
          if (status.reindex) reindexing.seenRunning = true;
          else reindexing.running = false;
          await sleep(200);
        }
      })(),
    ]);
    clearInterval(sampler);
    const reindexMs = performance.now() - reindexStarted;
    const afterReindex = memoryOf(child.pid!);
    await probesFound();
    let sameAnswers = 0;
    for (const [url, before] of answersBefore) {
      const answer = await fetchJson<SearchAnswer>(url);
      checkSearchAnswer(answer, `${url} after the reindex`, !before.query.typo);
      const after = hitKeys(answer);
      if (JSON.stringify(after) === JSON.stringify(before.hits)) sameAnswers += 1;
      else console.log(`  different documents after the reindex for ${url}:\n    before ${before.hits.join(' ')}\n    after  ${after.join(' ')}`);
    }
    console.log(
      `\nFull reindex from the admin route: ${seconds(reindexMs)}${reindexing.seenRunning ? '' : ' (the first status check was answered only once it had ended)'}`,
    );
    console.log(`  /_health meanwhile: ${latencySummary(health)}`);
    console.log(
      `  search meanwhile: ${latencySummary(searches.map((search) => search.ms))}, answered with hits ${searches.filter((search) => search.answered).length}/${searches.length}`,
    );
    console.log(
      `  server RSS: ${mib(afterStart.rss)} before, highest sampled during ${mib(reindexing.rssPeak)}, peak (VmHWM) ${mib(afterReindex.peak)}, ${mib(afterReindex.rss)} after`,
    );
    console.log(`  after it: the ${searchable.length} public probes found again; same documents for ${sameAnswers}/${answersBefore.size} queries`);
    if (sameAnswers !== answersBefore.size) throw new Error('the reindex changed the documents found');
    console.log('\nMachine: shared by several developers (2 cores); compare figures with the baselines of the same run.');
  } finally {
    if (server) await stopServer(server.child);
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
