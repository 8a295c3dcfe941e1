import autocannon from 'autocannon';
import { SingleBar, Presets } from 'cli-progress';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { getService } from '../src/api/access/get-service';
import { seconds, startBenchApp } from './lib/app';
import { generateResources } from './lib/generate';

/**
 * `npm run bench:api`: requests per second of GET /api/resources?locale=fr&populate=* as the public,
 * with the visibility enforcement on, against the same route with the enforcement bypassed (the
 * scope service replaced by a pass-through in this process), alternating so drift hits both.
 */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 3000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = 8;
const PATH = '/api/resources?locale=fr&populate=*';

const measure = async (url: string) => {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors from ${url}`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
};

const main = async () => {
  const app = await startBenchApp();
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

    const scope = getService(app.strapi, 'scope');
    const enforced = scope.scopeQuery;
    const bypassed: typeof enforced = async (_uid, query) => query;
    const url = `${app.baseUrl}${PATH}`;
    await measure(url); // warm-up

    const runs = { enforced: [] as number[], bypassed: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      scope.scopeQuery = enforced;
      runs.enforced.push((await measure(url)).rps);
      scope.scopeQuery = bypassed;
      runs.bypassed.push((await measure(url)).rps);
    }
    scope.scopeQuery = enforced;

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const [withEnforcement, withoutEnforcement] = [median(runs.enforced), median(runs.bypassed)];
    console.log(`\nGET ${PATH} as the public, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds × ${DURATION} s, median, ${app.database}`);
    console.log(`  visibility enforced : ${withEnforcement.toFixed(0)} req/s (runs: ${runs.enforced.map((r) => r.toFixed(0)).join(', ')})`);
    console.log(`  enforcement bypassed: ${withoutEnforcement.toFixed(0)} req/s (runs: ${runs.bypassed.map((r) => r.toFixed(0)).join(', ')})`);
    console.log(`  ratio enforced / bypassed: ${(withEnforcement / withoutEnforcement).toFixed(2)} (goal ≥ 0.90)`);
  } finally {
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
