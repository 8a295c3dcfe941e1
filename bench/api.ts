import autocannon from 'autocannon';
import { SingleBar, Presets } from 'cli-progress';
import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { seconds, startBenchApp } from './lib/app';
import { generateResources } from './lib/generate';

/**
 * `npm run bench:api`: requests per second of GET /api/resources?locale=fr&populate=* as the public
 * (the project's scoped controller: visibility enforced on the rows and on what they populate),
 * against Strapi's stock core controller (`factories.createCoreController`, no project code) asked for
 * the same rows with `filters[visibility]=public`, behind the same authentication and permission check
 * (the public role's `find` permission), alternating so drift hits both. The two answers are compared
 * first: the same documents in the same order, and every field both return equal.
 */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 3000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = 8;
const UID = 'api::resource.resource';
const QUERY = 'locale=fr&populate=*&sort=slug:asc&pagination[pageSize]=25';
const PROJECT_PATH = `/api/resources?${QUERY}`;
const STOCK_PATH = `/api/bench-stock/resources?${QUERY}&filters[visibility]=public`;

const measure = async (url: string) => {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors from ${url}`);
  return result.requests.total / result.duration;
};

type Answer = { data: Array<Record<string, unknown>>; meta: { pagination: { total: number } } };

const fetchAnswer = async (url: string) => {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`${response.status} from ${url}: ${await response.text()}`);
  return (await response.json()) as Answer;
};

/** Same documents in the same order, same total, and every field both answers carry equal. Returns the fields compared. */
const compareAnswers = (project: Answer, stock: Answer) => {
  const ids = (answer: Answer) => answer.data.map((row) => row.documentId).join(',');
  if (project.data.length === 0) throw new Error('the project route answered no resources: nothing to compare');
  if (ids(project) !== ids(stock)) throw new Error(`different documents:\n  project ${ids(project)}\n  stock   ${ids(stock)}`);
  if (project.meta.pagination.total !== stock.meta.pagination.total)
    throw new Error(`different totals: project ${project.meta.pagination.total}, stock ${stock.meta.pagination.total}`);
  const shared = new Set<string>();
  project.data.forEach((row, i) => {
    for (const field of Object.keys(row).filter((key) => key in stock.data[i])) {
      if (JSON.stringify(row[field]) !== JSON.stringify(stock.data[i][field]))
        throw new Error(`${row.documentId}.${field} differs:\n  project ${JSON.stringify(row[field])}\n  stock   ${JSON.stringify(stock.data[i][field])}`);
      shared.add(field);
    }
  });
  const projectOnly = Object.keys(project.data[0]).filter((key) => !shared.has(key));
  const stockOnly = Object.keys(stock.data[0]).filter((key) => !shared.has(key));
  return { shared: [...shared], projectOnly, stockOnly };
};

const main = async () => {
  // Strapi's stock controller, served in this process on a content-API route of its own: the same
  // authentication and the public role's permission to find resources as the project's route.
  const app = await startBenchApp({
    beforeMount: (strapi) => {
      const stock = factories.createCoreController(UID)({ strapi }) as unknown as { find: (ctx: Context) => Promise<unknown> };
      strapi.server.routes({
        type: 'content-api',
        routes: [{ method: 'GET', path: '/bench-stock/resources', handler: (ctx: Context) => stock.find(ctx), config: { auth: { scope: [`${UID}.find`] } } }],
      } as never);
    },
  });
  try {
    let started = Date.now();
    await seedDemoData(app.strapi, loadPlatformConfig(app.strapi));
    console.log(`Seeded the demo data in ${seconds(Date.now() - started)}`);
    started = Date.now();
    const bar = new SingleBar({ format: 'Generating resources [{bar}] {value}/{total}' }, Presets.shades_classic);
    bar.start(RESOURCES, 0);
    await generateResources(app.strapi, { resources: RESOURCES, locales: ['fr', 'en', 'de'], membersOnlyShare: 0.4, onProgress: (done) => bar.update(done) });
    bar.stop();
    console.log(`Generated ${RESOURCES} resources (fr, en, de; 40% members-only) in ${seconds(Date.now() - started)} on ${app.database}`);

    const [projectUrl, stockUrl] = [`${app.baseUrl}${PROJECT_PATH}`, `${app.baseUrl}${STOCK_PATH}`];
    const fields = compareAnswers(await fetchAnswer(projectUrl), await fetchAnswer(stockUrl));
    console.log(`\nAnswers compared: same documents in the same order and same total; equal fields: ${fields.shared.join(', ')}`);
    if (fields.projectOnly.length || fields.stockOnly.length)
      console.log(`  only in the project's answer: ${fields.projectOnly.join(', ') || '-'} · only in stock Strapi's: ${fields.stockOnly.join(', ') || '-'}`);

    await measure(projectUrl); // warm-up
    await measure(stockUrl);
    const runs = { project: [] as number[], stock: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      runs.project.push(await measure(projectUrl));
      runs.stock.push(await measure(stockUrl));
    }

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const [project, stockRate] = [median(runs.project), median(runs.stock)];
    console.log(`\nAs the public, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds × ${DURATION} s, median, ${app.database}`);
    console.log(
      `  project (visibility enforced)  GET ${PROJECT_PATH}: ${project.toFixed(0)} req/s (runs: ${runs.project.map((r) => r.toFixed(0)).join(', ')})`,
    );
    console.log(`  stock Strapi core controller   GET ${STOCK_PATH}: ${stockRate.toFixed(0)} req/s (runs: ${runs.stock.map((r) => r.toFixed(0)).join(', ')})`);
    console.log(`  ratio project / stock: ${(project / stockRate).toFixed(2)} (goal ≥ 0.90)`);
  } finally {
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
