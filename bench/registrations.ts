import type { Core } from '@strapi/strapi';
import { SingleBar, Presets } from 'cli-progress';
import { createMembers, type TestUser } from '../tests/helpers/users';
import { seconds, startBenchApp } from './lib/app';
import { requestsFromWorker, type LoadRequest, type LoadResult } from './lib/http-load';
import { percentile } from './lib/stats';

/**
 * `npm run bench:registrations`: members registering for workshops all at the same moment, sent from
 * a worker thread (the client's work is not counted as the server's):
 * - one workshop: 1,000 members register at once for 100 places;
 * - fifty workshops: the same 1,000 members register at once, spread over 50 other workshops
 *   (20 requests each, for 10 places each): workshops must not wait for each other.
 * For each: the time until every request is answered, latency p50/p99, errors, and what the database
 * then holds, checked exactly (confirmed = places, waitlist positions 1…n without gaps given in the
 * order the registrations got their place, each member told what the database holds); a wrong
 * outcome fails the run. Baselines measured in the same run: the same 1,000 registrations sent one
 * after the other to another workshop, and 1,000 simultaneous requests to the cheapest authenticated
 * route (GET /api/users/me: the same sign-in check, no registration), which bounds what any route can
 * do on this machine. SQLite, or PostgreSQL with BENCH_DATABASE_URL (the case that matters).
 */
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 1000);
const PLACES = Number(process.env.BENCH_PLACES ?? 100);
const WORKSHOPS = Number(process.env.BENCH_WORKSHOPS ?? 50);
const SPREAD_PLACES = Math.max(1, Math.floor(REGISTRATIONS / WORKSHOPS / 2));
const DAY = 86_400_000;

const createWorkshop = async (strapi: Core.Strapi, slug: string, capacity: number) => {
  const startsAt = Date.now() + 30 * DAY;
  const created = await strapi.documents('api::workshop.workshop').create({
    locale: 'en',
    data: {
      title: `Benchmark workshop ${slug}`,
      slug,
      format: 'workshop',
      timeZone: 'Europe/Brussels',
      isOnline: true,
      capacity,
      visibility: 'members',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 3_600_000).toISOString(),
      registrationOpensAt: new Date(Date.now() - DAY).toISOString(),
      registrationClosesAt: new Date(startsAt - DAY).toISOString(),
    },
    status: 'published',
  } as never);
  return created.documentId as string;
};

type Registering = { workshop: string; member: TestUser };
type Told = { documentId: string; status: string; waitlistPosition: number | null };

const registrationRequest = (baseUrl: string, { workshop, member }: Registering): LoadRequest => ({
  url: `${baseUrl}/api/workshops/${workshop}/registrations`,
  method: 'POST',
  authorization: `Bearer ${member.jwt}`,
});

/**
 * What the database holds for `workshop`, checked against `capacity` and what each member was told:
 * a list of what is wrong (empty when the outcome is exact).
 */
const checkOutcome = async (strapi: Core.Strapi, workshop: string, capacity: number, requests: number, told: Map<string, Told>) => {
  const rows = (await strapi.db.query('api::registration.registration').findMany({
    select: ['documentId', 'state', 'waitlistPosition', 'updatedAt'],
    where: { workshop: { documentId: workshop } },
  })) as Array<{ documentId: string; state: string; waitlistPosition: number | null; updatedAt: string }>;
  const problems: string[] = [];
  const confirmed = rows.filter((row) => row.state === 'confirmed');
  const waitlisted = rows.filter((row) => row.state === 'waitlisted').sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);
  const expectedConfirmed = Math.min(capacity, requests);
  if (rows.length !== requests) problems.push(`${rows.length} registrations for ${requests} requests`);
  if (confirmed.length !== expectedConfirmed) problems.push(`${confirmed.length} confirmed, expected ${expectedConfirmed}`);
  if (waitlisted.some((row, i) => row.waitlistPosition !== i + 1)) problems.push(`waitlist positions are not 1–${waitlisted.length} without gaps`);
  // A place is given under the workshop's lock, with the time it is given: the waitlist must follow that order, after every confirmation.
  const at = (row: { updatedAt: string }) => Date.parse(row.updatedAt);
  const lastConfirmed = Math.max(...confirmed.map(at));
  if (waitlisted.some((row, i) => at(row) < lastConfirmed || (i > 0 && at(row) < at(waitlisted[i - 1]))))
    problems.push('waitlist positions do not follow the order in which registrations got their place');
  const misinformed = rows.filter((row) => {
    const answer = told.get(row.documentId);
    return answer?.status !== row.state || answer.waitlistPosition !== row.waitlistPosition;
  });
  if (misinformed.length > 0) problems.push(`${misinformed.length} members were told something else than the database holds`);
  return { confirmed: confirmed.length, waitlisted: waitlisted.length, problems };
};

const latencyFigures = (results: LoadResult[], totalMs: number) => {
  const latencies = results.map((result) => result.ms);
  return (
    `settled in ${seconds(totalMs)} (${(results.length / (totalMs / 1000)).toFixed(0)} requests/s), ` +
    `latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`
  );
};

const main = async () => {
  const app = await startBenchApp();
  try {
    const bar = new SingleBar({ format: 'Creating members [{bar}] {value}/{total}' }, Presets.shades_classic);
    bar.start(REGISTRATIONS, 0);
    const members: TestUser[] = [];
    for (let i = 0; i < REGISTRATIONS; i += 100) {
      members.push(...(await createMembers(app, Math.min(100, REGISTRATIONS - i))));
      bar.update(members.length);
    }
    bar.stop();
    const oneByOne = await createWorkshop(app.strapi, 'bench-one-by-one', PLACES);
    const allAtOnce = await createWorkshop(app.strapi, 'bench-all-at-once', PLACES);
    const spread: string[] = [];
    for (let i = 0; i < WORKSHOPS; i += 1) spread.push(await createWorkshop(app.strapi, `bench-spread-${i}`, SPREAD_PLACES));

    /** Sends `registering` (all at once, or one after the other), then checks each workshop's outcome; throws when one is wrong. */
    const run = async (label: string, registering: Registering[], concurrency: number, capacity: number) => {
      const started = performance.now();
      const results = await requestsFromWorker(
        registering.map((one) => registrationRequest(app.baseUrl, one)),
        concurrency,
      );
      const totalMs = performance.now() - started;
      const errors = results.filter((result) => result.status !== 201);
      const told = new Map(
        results
          .filter((result) => result.status === 201)
          .map((result) => [(JSON.parse(result.body).data as Told).documentId, JSON.parse(result.body).data as Told]),
      );
      const workshops = [...new Set(registering.map((one) => one.workshop))];
      const outcomes = await Promise.all(
        workshops.map((workshop) => checkOutcome(app.strapi, workshop, capacity, registering.filter((one) => one.workshop === workshop).length, told)),
      );
      const problems = [
        ...(errors.length > 0 ? [`${errors.length} errors (first: ${errors[0].status} ${errors[0].body.slice(0, 200)})`] : []),
        ...outcomes.flatMap((outcome) => outcome.problems),
      ];
      const held =
        workshops.length === 1
          ? `confirmed ${outcomes[0].confirmed} of ${capacity}, waitlisted 1–${outcomes[0].waitlisted}`
          : `each: confirmed ${capacity} of ${capacity}, waitlisted 1–${outcomes[0].waitlisted}`;
      console.log(`${label.padEnd(34)} ${latencyFigures(results, totalMs)}, errors ${errors.length}; ${held}: ${problems.length === 0 ? 'exact' : 'WRONG'}`);
      if (problems.length > 0) throw new Error(`${label}: ${problems.join('; ')}`);
      return percentile(
        results.map((result) => result.ms),
        99,
      );
    };

    console.log(`\n${REGISTRATIONS} members registering on ${app.database} (client in a worker thread; the machine's other load counts too)`);
    const sequential = await run(
      'one after the other, one workshop',
      members.map((member) => ({ workshop: oneByOne, member })),
      1,
      PLACES,
    );
    const oneWorkshop = await run(
      `all at once, one workshop`,
      members.map((member) => ({ workshop: allAtOnce, member })),
      REGISTRATIONS,
      PLACES,
    );
    const fiftyWorkshops = await run(
      `all at once, ${WORKSHOPS} workshops`,
      members.map((member, i) => ({ workshop: spread[i % WORKSHOPS], member })),
      REGISTRATIONS,
      SPREAD_PLACES,
    );

    const started = performance.now();
    const bare = await requestsFromWorker(
      members.map((member) => ({ url: `${app.baseUrl}/api/users/me`, authorization: `Bearer ${member.jwt}` })),
      REGISTRATIONS,
    );
    const bareMs = performance.now() - started;
    const wrongUser = bare.filter((result, i) => result.status !== 200 || (JSON.parse(result.body) as { id: number }).id !== members[i].id);
    if (wrongUser.length > 0)
      throw new Error(`GET /api/users/me: ${wrongUser.length} wrong answers (first: ${wrongUser[0].status} ${wrongUser[0].body.slice(0, 200)})`);
    const bareP99 = percentile(
      bare.map((result) => result.ms),
      99,
    );
    console.log(`${'all at once, GET /api/users/me'.padEnd(34)} ${latencyFigures(bare, bareMs)}`);

    console.log(
      `p99 all at once, one workshop: ${seconds(oneWorkshop)} (goal ≤ 3 s); ${WORKSHOPS} workshops: ${seconds(fiftyWorkshops)} (goal ≤ 2 s); ` +
        `one after the other: ${sequential.toFixed(0)} ms`,
    );
    console.log(
      `p99 against GET /api/users/me all at once (${bareP99.toFixed(0)} ms): one workshop ${(oneWorkshop / bareP99).toFixed(2)}×, ${WORKSHOPS} workshops ${(fiftyWorkshops / bareP99).toFixed(2)}×`,
    );
  } finally {
    await app.stop();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
