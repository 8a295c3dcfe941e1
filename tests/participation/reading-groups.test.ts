import { randomBytes } from 'node:crypto';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createMembers, createUser } from '../helpers/users';

const app = useApp('empty');
const GROUPS = 'api::reading-group.reading-group';

const createResource = async (visibility: 'public' | 'members') => {
  const suffix = randomBytes(4).toString('hex');
  const created = await app()
    .strapi.documents('api::resource.resource')
    .create({
      locale: 'en',
      data: { title: `Reading ${visibility} ${suffix}`, slug: `reading-${suffix}`, kind: 'guide', licence: 'CC-BY-4.0', visibility },
      status: 'published',
    } as never);
  return created.documentId as string;
};

/** A published reading group in English and German, as an editor would set it up. */
const createGroup = async (options: { capacity: number; facilitators?: string[]; status?: 'forming' | 'active' | 'closed'; readings?: string[] }) => {
  const suffix = randomBytes(4).toString('hex');
  const shared = {
    slug: `group-${suffix}`,
    capacity: options.capacity,
    groupStatus: options.status ?? 'forming',
    visibility: 'public',
    facilitators: options.facilitators ?? [],
    sessions: [{ title: 'First session', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), readings: options.readings ?? [] }],
  };
  const created = await app()
    .strapi.documents(GROUPS)
    .create({ locale: 'en', data: { ...shared, name: `Reading group ${suffix}` }, status: 'published' } as never);
  // Relations point at entries in the same locale: the German sessions have no readings (the resources are in English).
  const german = { ...shared, sessions: shared.sessions.map((session) => ({ ...session, readings: [] })) };
  await app()
    .strapi.documents(GROUPS)
    .update({ documentId: created.documentId, locale: 'de', data: { ...german, name: `Lesegruppe ${suffix}` }, status: 'published' } as never);
  return created.documentId as string;
};

/** Participants linked on each row of the group (every locale, draft and published), by profile documentId. */
const linksOf = async (group: string) => {
  const rows = (await app()
    .strapi.db.query(GROUPS)
    .findMany({ where: { documentId: group }, populate: { participants: { select: ['documentId'] } } })) as Array<{
    participants: Array<{ documentId: string }>;
  }>;
  return rows.map((row) => row.participants.map((p) => p.documentId).sort());
};

describe('reading groups: joining and leaving with capacity', () => {
  test('members join until the group is full (409, nothing written); joining twice changes nothing; leaving frees the place', async () => {
    const group = await createGroup({ capacity: 2 });
    const [ana, ben, cleo] = await createMembers(app(), 3);

    const joined = await api(app(), ana).post(`/api/reading-groups/${group}/participants`);
    expect(joined.status).toBe(201);
    expect(joined.body.data.places).toEqual({ capacity: 2, taken: 1, left: 1 });
    const again = await api(app(), ana).post(`/api/reading-groups/${group}/participants`);
    expect([again.status, again.body.meta.joined, again.body.data.places.taken]).toEqual([200, false, 1]);
    await api(app(), ben).post(`/api/reading-groups/${group}/participants`).expect(201);

    const full = await api(app(), cleo).post(`/api/reading-groups/${group}/participants`);
    expect([full.status, full.body.error.message]).toEqual([409, 'This reading group is full (2 of 2 places)']);
    // Every row of the document (en and de, draft and published) holds the same two participants.
    expect(await linksOf(group)).toEqual(Array(4).fill([ana.memberId, ben.memberId].sort()));

    const left = await api(app(), ana).delete(`/api/reading-groups/${group}/participants`);
    expect([left.status, left.body.data.places]).toEqual([200, { capacity: 2, taken: 1, left: 1 }]);
    expect((await api(app(), ana).delete(`/api/reading-groups/${group}/participants`)).status).toBe(404);
    await api(app(), cleo).post(`/api/reading-groups/${group}/participants`).expect(201);
    expect(await linksOf(group)).toEqual(Array(4).fill([ben.memberId, cleo.memberId].sort()));

    const shown = await api(app(), 'public').get(`/api/reading-groups/${group}?locale=de`);
    expect(shown.body.data.places).toEqual({ capacity: 2, taken: 2, left: 0 });
    expect(shown.body.data.participants).toBeUndefined();
  });

  test('concurrent joins never overfill a group', async () => {
    const group = await createGroup({ capacity: 5 });
    const members = await createMembers(app(), 20);
    const responses = await Promise.all(members.map((member) => api(app(), member).post(`/api/reading-groups/${group}/participants`)));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(5);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(15);
    expect(new Set((await linksOf(group)).map((links) => links.length))).toEqual(new Set([5]));
  });

  test('a closed group, an unknown or malformed id, a caller without profile or sign-in', async () => {
    const closed = await createGroup({ capacity: 5, status: 'closed' });
    const [member] = await createMembers(app(), 1);
    expect((await api(app(), member).post(`/api/reading-groups/${closed}/participants`)).status).toBe(409);
    expect((await api(app(), member).post('/api/reading-groups/abcdefghijklmnopqrstuvwx/participants')).status).toBe(404);
    const malformed = await api(app(), member).post('/api/reading-groups/x;drop/participants');
    expect([malformed.status, malformed.body.error.message]).toEqual([400, "Invalid parameter 'id': must be a documentId"]);
    expect((await api(app(), 'public').post(`/api/reading-groups/${closed}/participants`)).status).toBe(401);
    const noProfile = await createUser(app(), 'authenticated', false);
    const refused = await api(app(), noProfile).post(`/api/reading-groups/${closed}/participants`);
    expect([refused.status, refused.body.error.message]).toEqual([403, expect.stringMatching(/PUT \/api\/members\/me/)]);
    expect(await linksOf(closed)).toEqual(Array(4).fill([]));
  });

  test('participants are seen by participants and facilitators only; hidden profiles are named to facilitators only', async () => {
    const facilitator = await createUser(app(), 'facilitator', { displayName: 'Fenna Facilitator' });
    const group = await createGroup({ capacity: 10, facilitators: [facilitator.memberId!] });
    const visible = await createUser(app(), 'authenticated', { displayName: 'Vera Visible', visibility: 'members' });
    const hidden = await createUser(app(), 'authenticated', { displayName: 'Hanna Hidden', visibility: 'hidden' });
    const outsider = await createUser(app(), 'authenticated', { displayName: 'Otto Outsider', visibility: 'public' });
    for (const member of [visible, hidden]) await api(app(), member).post(`/api/reading-groups/${group}/participants`).expect(201);

    const names = (body: { data: Array<{ displayName: string }> }) => body.data.map((p) => p.displayName);
    const byFacilitator = await api(app(), facilitator).get(`/api/reading-groups/${group}/participants`);
    expect([names(byFacilitator.body), byFacilitator.body.meta]).toEqual([['Hanna Hidden', 'Vera Visible'], { count: 2, notNamed: 0 }]);
    const byVisible = await api(app(), visible).get(`/api/reading-groups/${group}/participants`);
    expect([names(byVisible.body), byVisible.body.meta]).toEqual([['Vera Visible'], { count: 2, notNamed: 1 }]);
    expect(names((await api(app(), hidden).get(`/api/reading-groups/${group}/participants`)).body)).toEqual(['Hanna Hidden', 'Vera Visible']);

    expect((await api(app(), outsider).get(`/api/reading-groups/${group}/participants`)).status).toBe(403);
    expect((await api(app(), 'public').get(`/api/reading-groups/${group}/participants`)).status).toBe(401);
    const populated = await api(app(), outsider).get(`/api/reading-groups/${group}?populate=*`);
    expect(JSON.stringify(populated.body)).not.toMatch(/Hanna|Vera/);
  });

  test("sessions' readings respect the resources' visibility", async () => {
    const [open, membersOnly] = [await createResource('public'), await createResource('members')];
    const group = await createGroup({ capacity: 5, readings: [open, membersOnly] });
    const [member] = await createMembers(app(), 1);
    const path = `/api/reading-groups/${group}?populate[sessions][populate][readings][fields][0]=title`;
    const readings = (body: { data: { sessions: Array<{ readings: Array<{ documentId: string }> }> } }) =>
      body.data.sessions.flatMap((session) => session.readings.map((reading) => reading.documentId)).sort();
    expect(readings((await api(app(), 'public').get(path)).body)).toEqual([open]);
    expect(readings((await api(app(), member).get(path)).body)).toEqual([open, membersOnly].sort());
  });
});
