import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createMembers } from '../helpers/users';
import { createWorkshop } from './workshops';

/**
 * An editor who deletes or cancels a registration in the admin panel frees its place as a member's
 * own cancellation does: the first in line is confirmed, and the waitlist closes up.
 */
const app = useApp('empty');
const REGISTRATIONS = 'api::registration.registration';

const contentManager = async () => {
  const token = await adminToken(app());
  const base = `/content-manager/collection-types/${REGISTRATIONS}`;
  return {
    delete: (documentId: string) => app().http().delete(`${base}/${documentId}`).set('Authorization', `Bearer ${token}`),
    save: (documentId: string, data: object) => app().http().put(`${base}/${documentId}`).set('Authorization', `Bearer ${token}`).send(data),
  };
};

/** A workshop of one place, with `count` members registered in turn: one confirmed, the others waitlisted 1, 2… */
const fullWorkshop = async (count: number) => {
  const workshop = await createWorkshop(app(), { capacity: 1 });
  const registrations: string[] = [];
  for (const member of await createMembers(app(), count)) {
    const response = await api(app(), member).post(`/api/workshops/${workshop}/registrations`);
    expect(response.status).toBe(201);
    registrations.push(response.body.data.documentId);
  }
  return { workshop, registrations };
};

const states = async (registrations: string[]) =>
  Promise.all(
    registrations.map(async (documentId) => {
      const row = (await app()
        .strapi.db.query(REGISTRATIONS)
        .findOne({ select: ['state', 'waitlistPosition'], where: { documentId } })) as { state: string; waitlistPosition: number | null } | null;
      return row ? [row.state, row.waitlistPosition] : 'deleted';
    }),
  );

test('deleting the confirmed registration confirms the first waitlisted member and moves the others up', async () => {
  const { registrations } = await fullWorkshop(4);
  expect(await states(registrations)).toEqual([
    ['confirmed', null],
    ['waitlisted', 1],
    ['waitlisted', 2],
    ['waitlisted', 3],
  ]);
  expect((await (await contentManager()).delete(registrations[0])).status).toBe(200);
  expect(await states(registrations)).toEqual(['deleted', ['confirmed', null], ['waitlisted', 1], ['waitlisted', 2]]);
});

test('deleting a waitlisted registration closes the gap it leaves', async () => {
  const { registrations } = await fullWorkshop(4);
  expect((await (await contentManager()).delete(registrations[2])).status).toBe(200);
  expect(await states(registrations)).toEqual([['confirmed', null], ['waitlisted', 1], 'deleted', ['waitlisted', 2]]);
});

// The attribute is `state`: as `status`, Strapi's reserved draft/publish parameter, the content manager could not save it.
test('cancelling the confirmed registration in the admin panel gives its place to the first in line', async () => {
  const { registrations } = await fullWorkshop(3);
  const saved = await (await contentManager()).save(registrations[0], { state: 'cancelled', waitlistPosition: null });
  expect([saved.status, saved.body.data?.state]).toEqual([200, 'cancelled']);
  expect(await states(registrations)).toEqual([
    ['cancelled', null],
    ['confirmed', null],
    ['waitlisted', 1],
  ]);
});

test('the admin panel cannot overbook a workshop nor waitlist without a position: refused, naming the field, nothing written', async () => {
  const { registrations } = await fullWorkshop(2);
  const editor = await contentManager();
  const overbooking = await editor.save(registrations[1], { state: 'confirmed', waitlistPosition: null });
  expect([overbooking.status, overbooking.body.error?.message]).toEqual([409, expect.stringMatching(/^state "confirmed" would overbook/)]);
  const unplaced = await editor.save(registrations[0], { state: 'waitlisted', waitlistPosition: null });
  expect([unplaced.status, unplaced.body.error?.details?.errors?.[0]?.path]).toEqual([400, ['waitlistPosition']]);
  expect(await states(registrations)).toEqual([
    ['confirmed', null],
    ['waitlisted', 1],
  ]);
});
