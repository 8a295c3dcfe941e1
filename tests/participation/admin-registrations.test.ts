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
      const row = (await app().strapi.db.query(REGISTRATIONS).findOne({ select: ['status', 'waitlistPosition'], where: { documentId } })) as { status: string; waitlistPosition: number | null } | null;
      return row ? [row.status, row.waitlistPosition] : 'deleted';
    })
  );

test('deleting the confirmed registration confirms the first waitlisted member and moves the others up', async () => {
  const { registrations } = await fullWorkshop(4);
  expect(await states(registrations)).toEqual([['confirmed', null], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3]]);
  expect((await (await contentManager()).delete(registrations[0])).status).toBe(200);
  expect(await states(registrations)).toEqual(['deleted', ['confirmed', null], ['waitlisted', 1], ['waitlisted', 2]]);
});

test('deleting a waitlisted registration closes the gap it leaves', async () => {
  const { registrations } = await fullWorkshop(4);
  expect((await (await contentManager()).delete(registrations[2])).status).toBe(200);
  expect(await states(registrations)).toEqual([['confirmed', null], ['waitlisted', 1], 'deleted', ['waitlisted', 2]]);
});

// The content manager cannot send a registration's `status` yet (it is Strapi's reserved draft/publish
// parameter): a script cancels through the Document Service, where the same rule applies.
test('cancelling the confirmed registration by script gives its place to the first in line', async () => {
  const { registrations } = await fullWorkshop(3);
  await app().strapi.documents(REGISTRATIONS).update({ documentId: registrations[0], data: { status: 'cancelled', waitlistPosition: null } } as never);
  expect(await states(registrations)).toEqual([['cancelled', null], ['confirmed', null], ['waitlisted', 1]]);
});
