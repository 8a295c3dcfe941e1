import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createMembers, createUser } from '../helpers/users';
import { createWorkshop } from './workshops';

const app = useApp('empty');

type Registration = {
  documentId: string;
  status: string;
  waitlistPosition: number | null;
  places: { capacity: number; taken: number; left: number; waitlisted: number };
};

/** Registrations of a workshop as the database holds them, in the order they were written. */
const rowsOf = async (workshop: string) =>
  (await app()
    .strapi.db.query('api::registration.registration')
    .findMany({
      where: { workshop: { documentId: workshop } },
      populate: { member: { select: ['documentId'] } },
      orderBy: { id: 'asc' },
    })) as Array<{ id: number; documentId: string; state: string; waitlistPosition: number | null; updatedAt: string; member: { documentId: string } }>;

type Row = Awaited<ReturnType<typeof rowsOf>>[number];

/** The waitlisted registrations, first in line first. */
const inLine = (rows: Row[]) => rows.filter((row) => row.state === 'waitlisted').sort((a, b) => a.waitlistPosition! - b.waitlistPosition!);

/**
 * Registrations get their place, and with it their `updatedAt`, in the order requests reach the
 * workshop's lock: every confirmation came before the first waitlisting, and the waitlist is in that order.
 */
const expectPlacesInLockOrder = (rows: Row[]) => {
  const at = (row: Row) => Date.parse(row.updatedAt);
  const lastConfirmed = Math.max(...rows.filter((row) => row.state === 'confirmed').map(at));
  const waiting = inLine(rows).map(at);
  expect(waiting.every((time, i) => time >= lastConfirmed && (i === 0 || time >= waiting[i - 1]))).toBe(true);
};

describe('workshop registration with capacity and a waitlist', () => {
  test('200 members register at once for 50 places: 50 confirmed, 150 waitlisted 1–150 in the order they reached the lock; 10 cancellations promote the first 10', async () => {
    const workshop = await createWorkshop(app(), { capacity: 50 });
    const members = await createMembers(app(), 200);

    const responses = await Promise.all(members.map((member) => api(app(), member).post(`/api/workshops/${workshop}/registrations`)));
    expect(responses.map((response) => response.status)).toEqual(members.map(() => 201));

    const rows = await rowsOf(workshop);
    expect(rows).toHaveLength(200);
    expect(rows.filter((row) => row.state === 'confirmed')).toHaveLength(50);
    const waitlisted = inLine(rows);
    expect(waitlisted.map((row) => row.waitlistPosition)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expectPlacesInLockOrder(rows);

    // Each member was told what the database holds.
    const told = new Map(responses.map((response) => [(response.body.data as Registration).documentId, response.body.data as Registration]));
    for (const row of rows) expect([told.get(row.documentId)?.status, told.get(row.documentId)?.waitlistPosition]).toEqual([row.state, row.waitlistPosition]);

    const shown = await api(app(), 'public').get(`/api/workshops/${workshop}`);
    expect(shown.status).toBe(404); // members-only workshop
    const asMember = await api(app(), members[0]).get(`/api/workshops/${workshop}`);
    expect(asMember.body.data.places).toEqual({ capacity: 50, taken: 50, left: 0, waitlisted: 150 });

    const byMember = new Map(members.map((member) => [member.memberId, member]));
    const cancelling = rows
      .filter((row) => row.state === 'confirmed')
      .slice(0, 10)
      .map((row) => byMember.get(row.member.documentId)!);
    const firstInLine = waitlisted.slice(0, 10).map((row) => row.documentId);
    const cancellations = await Promise.all(cancelling.map((member) => api(app(), member).delete(`/api/workshops/${workshop}/registrations`)));
    expect(cancellations.map((response) => [response.status, response.body.data?.status])).toEqual(cancelling.map(() => [200, 'cancelled']));

    const after = await rowsOf(workshop);
    expect(after.filter((row) => row.state === 'confirmed')).toHaveLength(50);
    expect(after.filter((row) => row.state === 'cancelled')).toHaveLength(10);
    expect(after.filter((row) => firstInLine.includes(row.documentId)).map((row) => row.state)).toEqual(firstInLine.map(() => 'confirmed'));
    const stillWaiting = inLine(after);
    expect(stillWaiting.map((row) => row.documentId)).toEqual(waitlisted.slice(10).map((row) => row.documentId));
    expect(stillWaiting.map((row) => row.waitlistPosition)).toEqual(Array.from({ length: 140 }, (_, i) => i + 1));
  }, 180_000);

  test('registering twice returns the same registration; re-registering after cancelling gets the row back, at the end of the line when full', async () => {
    const workshop = await createWorkshop(app(), { capacity: 1 });
    const [first, second] = await createMembers(app(), 2);

    const created = await api(app(), first).post(`/api/workshops/${workshop}/registrations`);
    const again = await api(app(), first).post(`/api/workshops/${workshop}/registrations`);
    expect([created.status, again.status]).toEqual([201, 200]);
    expect(again.body.data.documentId).toBe(created.body.data.documentId);
    expect(again.body.meta.created).toBe(false);
    expect(created.body.data).toMatchObject({ status: 'confirmed', waitlistPosition: null, places: { capacity: 1, taken: 1, left: 0, waitlisted: 0 } });

    const queued = await api(app(), second).post(`/api/workshops/${workshop}/registrations`);
    expect(queued.body.data).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    await api(app(), first).delete(`/api/workshops/${workshop}/registrations`).expect(200);
    const back = await api(app(), first).post(`/api/workshops/${workshop}/registrations`);
    expect(back.status).toBe(201);
    expect(back.body.data).toMatchObject({ documentId: created.body.data.documentId, status: 'waitlisted', waitlistPosition: 1 });
    const rows = await rowsOf(workshop);
    expect(rows.map((row) => [row.documentId, row.state])).toEqual([
      [created.body.data.documentId, 'waitlisted'],
      [queued.body.data.documentId, 'confirmed'],
    ]);
  });

  test("cancelling someone else's registration is a 403 and changes nothing; the member's own works", async () => {
    const workshop = await createWorkshop(app());
    const [owner, other] = await createMembers(app(), 2);
    const registration = (await api(app(), owner).post(`/api/workshops/${workshop}/registrations`).expect(201)).body.data as Registration;

    const denied = await api(app(), other).delete(`/api/registrations/${registration.documentId}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/only the member who registered/i);
    expect((await api(app(), 'public').delete(`/api/registrations/${registration.documentId}`)).status).toBe(401);
    expect((await rowsOf(workshop)).map((row) => row.state)).toEqual(['confirmed']);

    const cancelled = await api(app(), owner).delete(`/api/registrations/${registration.documentId}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', places: { taken: 0, left: 20 } });
    expect((await api(app(), owner).delete(`/api/workshops/${workshop}/registrations`)).status).toBe(404);
  });

  test('outside the registration window, for an unknown, unpublished or started workshop: 409 or 404, nothing written', async () => {
    const [member] = await createMembers(app(), 1);
    const notYet = await createWorkshop(app(), { opensInDays: 2 });
    const closed = await createWorkshop(app(), { opensInDays: -10, closesInDays: -1 });
    const started = await createWorkshop(app(), { startsInDays: -0.1, opensInDays: -10, closesInDays: null });
    const draft = await createWorkshop(app(), { published: false });

    const register = (workshop: string) => api(app(), member).post(`/api/workshops/${workshop}/registrations`);
    const early = await register(notYet);
    expect([early.status, early.body.error.message]).toEqual([409, expect.stringMatching(/opens on/)]);
    expect((await register(closed)).body.error.message).toMatch(/closed on/);
    expect((await register(started)).body.error.message).toMatch(/started on/);
    expect((await register(draft)).status).toBe(404);
    expect((await register('abcdefghijklmnopqrstuvwx')).status).toBe(404);

    const malformed = await register('not-an-id!');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe("Invalid parameter 'id': must be a documentId");
    for (const workshop of [notYet, closed, started, draft]) expect(await rowsOf(workshop)).toEqual([]);
  });

  test('only members register; a member needs a profile', async () => {
    const workshop = await createWorkshop(app(), { visibility: 'public' });
    expect((await api(app(), 'public').post(`/api/workshops/${workshop}/registrations`)).status).toBe(401);
    const noProfile = await createUser(app(), 'authenticated', false);
    const response = await api(app(), noProfile).post(`/api/workshops/${workshop}/registrations`);
    expect([response.status, response.body.error.message]).toEqual([403, expect.stringMatching(/PUT \/api\/members\/me/)]);
    expect(await rowsOf(workshop)).toEqual([]);
  });

  test('places are on every workshop response, for the public too, without names; registrations are seen by their member and the facilitators only', async () => {
    const facilitator = await createUser(app(), 'facilitator', { displayName: 'Facilitating Fatima', visibility: 'hidden' });
    const workshop = await createWorkshop(app(), { visibility: 'public', capacity: 12, facilitators: [facilitator.memberId!] });
    const [alice, bob, carol] = await createMembers(app(), 3);
    for (const member of [alice, bob]) await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);

    const one = await api(app(), 'public').get(`/api/workshops/${workshop}`);
    expect(one.body.data.places).toEqual({ capacity: 12, taken: 2, left: 10, waitlisted: 0 });
    const list = await api(app(), 'public').get('/api/workshops?fields[0]=title');
    expect(list.body.data.find((entry: { documentId: string }) => entry.documentId === workshop).places).toEqual({
      capacity: 12,
      taken: 2,
      left: 10,
      waitlisted: 0,
    });
    expect(JSON.stringify([one.body, list.body])).not.toMatch(/Bulk member/);

    const own = await api(app(), alice).get('/api/registrations?populate=workshop');
    expect(own.body.data).toHaveLength(1);
    expect(own.body.data[0].workshop.documentId).toBe(workshop);
    expect((await api(app(), carol).get('/api/registrations')).body.data).toEqual([]);
    expect((await api(app(), 'public').get('/api/registrations')).status).toBe(401);

    const seen = await api(app(), facilitator).get(`/api/workshops/${workshop}/registrations`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.map((entry: { member: { documentId: string } }) => entry.member.documentId).sort()).toEqual([alice.memberId, bob.memberId].sort());
    expect((await api(app(), facilitator).get('/api/registrations')).body.data).toHaveLength(2);
    expect((await api(app(), carol).get(`/api/workshops/${workshop}/registrations`)).status).toBe(403);
    expect((await api(app(), alice).get(`/api/workshops/${workshop}/registrations`)).status).toBe(403);
    expect((await api(app(), 'public').get(`/api/workshops/${workshop}/registrations`)).status).toBe(401);
  });

  test('publishing a workshop with more places gives them to the waitlist, first in line first', async () => {
    const workshop = await createWorkshop(app(), { capacity: 1 });
    const members = await createMembers(app(), 4);
    for (const member of members) await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);

    await app()
      .strapi.documents('api::workshop.workshop')
      .update({ documentId: workshop, locale: 'en', data: { capacity: 3 }, status: 'published' } as never);

    const rows = await rowsOf(workshop);
    expect(rows.map((row) => [row.state, row.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
    ]);
  });
});
