import { startAppProcess, type AppProcess } from '../helpers/app-process';
import { api } from '../helpers/api';
import { usesPostgres } from '../helpers/databases';
import { useApp } from '../helpers/strapi';
import { createMembers } from '../helpers/users';
import { createWorkshop } from './workshops';

/**
 * Two Strapi processes on one database (as behind a load balancer) take registrations for the same
 * workshop at the same moment: the workshop's places are counted under a lock in the database, not
 * in either process, so the outcome is exactly what one process gives.
 *
 * PostgreSQL only. Two processes can open one SQLite file, but the app is not run that way: Strapi's
 * transactions start deferred (read first, write later), so one process's write fails with
 * "database is locked" whenever the other holds the file (measured: 500s on about a fifth of the requests).
 */
const app = useApp('empty');
const REGISTRATIONS = 'api::registration.registration';
const onPostgres = usesPostgres() ? test : test.skip;
let other: AppProcess | undefined;

beforeAll(async () => {
  if (usesPostgres()) other = await startAppProcess();
}, 180_000);

afterAll(async () => {
  await other?.stop();
}, 60_000);

type Row = { documentId: string; state: string; waitlistPosition: number | null; updatedAt: string; member: { documentId: string } };

const rowsOf = async (workshop: string) =>
  (await app()
    .strapi.db.query(REGISTRATIONS)
    .findMany({ where: { workshop: { documentId: workshop } }, populate: { member: { select: ['documentId'] } } })) as Row[];

const inLine = (rows: Row[]) => rows.filter((row) => row.state === 'waitlisted').sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);

onPostgres(
  '120 members register at once through two processes for 30 places: 30 confirmed, 90 waitlisted 1–90; cancellations on both promote the first in line',
  async () => {
    const workshop = await createWorkshop(app(), { capacity: 30 });
    const members = await createMembers(app(), 120);
    const processes = [app(), other!];
    const through = (i: number) => processes[i % 2];

    const responses = await Promise.all(members.map((member, i) => api(through(i), member).post(`/api/workshops/${workshop}/registrations`)));
    expect(responses.map((response) => response.status)).toEqual(members.map(() => 201));

    const rows = await rowsOf(workshop);
    expect(rows).toHaveLength(120);
    expect(rows.filter((row) => row.state === 'confirmed')).toHaveLength(30);
    const waitlisted = inLine(rows);
    expect(waitlisted.map((row) => row.waitlistPosition)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    // Places were given in the order requests reached the lock, whichever process they came to.
    const at = (row: Row) => Date.parse(row.updatedAt);
    const lastConfirmed = Math.max(...rows.filter((row) => row.state === 'confirmed').map(at));
    expect(waitlisted.every((row, i) => at(row) >= lastConfirmed && (i === 0 || at(row) >= at(waitlisted[i - 1])))).toBe(true);
    const told = new Map(responses.map((response) => [response.body.data.documentId, response.body.data]));
    for (const row of rows) expect([told.get(row.documentId)?.status, told.get(row.documentId)?.waitlistPosition]).toEqual([row.state, row.waitlistPosition]);

    const byMember = new Map(members.map((member, i) => [member.memberId, i]));
    const cancelling = rows
      .filter((row) => row.state === 'confirmed')
      .slice(0, 10)
      .map((row) => byMember.get(row.member.documentId)!);
    const cancellations = await Promise.all(cancelling.map((i) => api(through(i), members[i]).delete(`/api/workshops/${workshop}/registrations`)));
    expect(cancellations.map((response) => response.status)).toEqual(cancelling.map(() => 200));

    const after = await rowsOf(workshop);
    expect(
      after
        .filter((row) => row.state === 'confirmed')
        .map((row) => row.documentId)
        .sort(),
    ).toEqual([...rows.filter((row) => row.state === 'confirmed').slice(10), ...waitlisted.slice(0, 10)].map((row) => row.documentId).sort());
    expect(inLine(after).map((row) => [row.documentId, row.waitlistPosition])).toEqual(waitlisted.slice(10).map((row, i) => [row.documentId, i + 1]));
  },
  240_000,
);

onPostgres(
  'one member registering through both processes at once gets one registration: one 201, one 200 with the same documentId',
  async () => {
    const workshop = await createWorkshop(app(), { capacity: 5 });
    const members = await createMembers(app(), 20);
    const responses = await Promise.all(
      members.flatMap((member) => [app(), other!].map((process) => api(process, member).post(`/api/workshops/${workshop}/registrations`))),
    );
    for (let i = 0; i < members.length; i += 1) {
      const [here, there] = [responses[2 * i], responses[2 * i + 1]];
      expect([here.status, there.status].sort()).toEqual([200, 201]);
      expect(here.body.data.documentId).toBe(there.body.data.documentId);
    }
    const rows = await rowsOf(workshop);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((row) => row.member.documentId)).size).toBe(20);
    expect(rows.filter((row) => row.state === 'confirmed')).toHaveLength(5);
    expect(inLine(rows).map((row) => row.waitlistPosition)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  },
  120_000,
);
