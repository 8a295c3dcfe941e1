import type { Core } from '@strapi/strapi';
import { SingleBar, Presets } from 'cli-progress';
import { createMembers } from '../tests/helpers/users';
import { seconds, startBenchApp } from './lib/app';
import { percentile } from './lib/stats';

/**
 * `npm run bench:registrations`: 1,000 members register at once for a workshop with 100 places, and
 * the time until every request is answered ("settled"), the errors, and what the database then
 * holds (exactly 100 confirmed, 900 waitlisted at positions 1–900). The baseline, measured in the
 * same run: the same number of registrations for another workshop sent one after the other.
 * SQLite, or PostgreSQL with BENCH_DATABASE_URL (the target).
 */
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 1000);
const PLACES = Number(process.env.BENCH_PLACES ?? 100);
const DAY = 86_400_000;

const createWorkshop = async (strapi: Core.Strapi, slug: string) => {
  const startsAt = Date.now() + 30 * DAY;
  const created = await strapi.documents('api::workshop.workshop').create({
    locale: 'en',
    data: {
      title: `Benchmark workshop ${slug}`,
      slug,
      format: 'workshop',
      timeZone: 'Europe/Brussels',
      isOnline: true,
      capacity: PLACES,
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

type Outcome = { ok: boolean; ms: number };

const register = async (baseUrl: string, workshop: string, jwt: string): Promise<Outcome> => {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/workshops/${workshop}/registrations`, { method: 'POST', headers: { Authorization: `Bearer ${jwt}` } });
    await response.arrayBuffer();
    return { ok: response.status === 201, ms: performance.now() - started };
  } catch {
    return { ok: false, ms: performance.now() - started };
  }
};

/** What the database holds for a workshop: confirmed count and the waitlist positions in order. */
const settledState = async (strapi: Core.Strapi, workshop: string) => {
  const rows = (await strapi.db.query('api::registration.registration').findMany({
    select: ['state', 'waitlistPosition'],
    where: { workshop: { documentId: workshop } },
    orderBy: { id: 'asc' },
  })) as Array<{ state: string; waitlistPosition: number | null }>;
  const positions = rows.filter((row) => row.state === 'waitlisted').map((row) => row.waitlistPosition);
  return {
    confirmed: rows.filter((row) => row.state === 'confirmed').length,
    waitlisted: positions.length,
    positionsInOrder: positions.every((position, i) => position === i + 1),
  };
};

const main = async () => {
  const app = await startBenchApp();
  try {
    const bar = new SingleBar({ format: 'Creating members [{bar}] {value}/{total}' }, Presets.shades_classic);
    bar.start(REGISTRATIONS * 2, 0);
    const members = [];
    for (let i = 0; i < REGISTRATIONS * 2; i += 100) {
      members.push(...(await createMembers(app, Math.min(100, REGISTRATIONS * 2 - i))));
      bar.update(members.length);
    }
    bar.stop();
    const [sequentialWorkshop, concurrentWorkshop] = [
      await createWorkshop(app.strapi, 'bench-one-by-one'),
      await createWorkshop(app.strapi, 'bench-all-at-once'),
    ];

    let started = performance.now();
    const sequential: Outcome[] = [];
    for (const member of members.slice(0, REGISTRATIONS)) sequential.push(await register(app.baseUrl, sequentialWorkshop, member.jwt));
    const sequentialMs = performance.now() - started;

    started = performance.now();
    const concurrent = await Promise.all(members.slice(REGISTRATIONS).map((member) => register(app.baseUrl, concurrentWorkshop, member.jwt)));
    const concurrentMs = performance.now() - started;

    const report = (label: string, outcomes: Outcome[], totalMs: number, state: Awaited<ReturnType<typeof settledState>>) => {
      const latencies = outcomes.map((outcome) => outcome.ms);
      console.log(
        `${label.padEnd(22)} settled in ${seconds(totalMs)} (${(outcomes.length / (totalMs / 1000)).toFixed(0)} registrations/s), ` +
          `latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, errors ${outcomes.filter((o) => !o.ok).length}; ` +
          `confirmed ${state.confirmed} of ${PLACES}, waitlisted ${state.waitlisted}, positions 1–${state.waitlisted} in order: ${state.positionsInOrder ? 'yes' : 'NO'}`,
      );
    };
    console.log(`\n${REGISTRATIONS} registrations for ${PLACES} places on ${app.database}`);
    report('one after the other', sequential, sequentialMs, await settledState(app.strapi, sequentialWorkshop));
    report('all at once', concurrent, concurrentMs, await settledState(app.strapi, concurrentWorkshop));
    console.log(`all at once / one after the other: ${(concurrentMs / sequentialMs).toFixed(2)}`);
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
