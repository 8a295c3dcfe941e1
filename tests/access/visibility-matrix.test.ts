import { api, type Caller } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { buildWorld, type World } from './fixture';

/**
 * Every role × every content type × (list, single, populate from another type), against the rules
 * of DESIGN.md written out independently here: what each caller must see and must not see.
 */
const app = useApp();
let world: World;

beforeAll(async () => {
  world = await buildWorld(app());
}, 120_000);

type RoleName = 'public' | 'member' | 'representative' | 'facilitator' | 'token';
const ROLES: RoleName[] = ['public', 'member', 'representative', 'facilitator', 'token'];

const callerOf = (role: RoleName): Caller => {
  if (role === 'public') return 'public';
  if (role === 'token') return { token: world.callers.token };
  return world.callers[role];
};

/** `null` = the route is for members only: the public is told to sign in (401). */
const expectations: Record<string, (role: RoleName) => string[] | null> = {
  'issue-areas': () => [world.area],
  skills: () => [world.skill],
  organisations: () => [world.organisations.published],
  resources: (role) => (role === 'public' ? [world.resources.public] : [world.resources.public, world.resources.members]),
  workshops: (role) => (role === 'public' ? [world.workshops.public] : [world.workshops.public, world.workshops.members]),
  'reading-groups': (role) => (role === 'public' ? [world.readingGroups.public] : [world.readingGroups.public, world.readingGroups.members]),
  members: (role) => {
    const p = world.profiles;
    if (role === 'public') return [p.facilitator];
    if (role === 'token') return [p.ownHidden, p.representative, p.facilitator, p.outsider, p.hiddenOther];
    const shared = [p.representative, p.facilitator, p.outsider];
    return role === 'member' ? [p.ownHidden, ...shared] : shared;
  },
  registrations: (role) => {
    const r = world.registrations;
    if (role === 'public') return null;
    if (role === 'member') return [r.own];
    if (role === 'representative') return [];
    return [r.own, r.outsiders]; // the facilitator facilitates the workshop; the token is trusted
  },
  'agreement-versions': () => [world.agreementVersions.adopted, world.agreementVersions.consultation],
  endorsements: () => [world.endorsements.ofAdopted],
  suggestions: (role) => (role === 'public' ? null : [world.suggestions.ofConsultation]),
};

const everyDocument = (type: string): string[] => {
  const groups: Record<string, Record<string, string> | string[]> = {
    'issue-areas': [world.area],
    skills: [world.skill],
    organisations: world.organisations,
    resources: world.resources,
    workshops: world.workshops,
    'reading-groups': world.readingGroups,
    members: world.profiles,
    registrations: world.registrations,
    'agreement-versions': world.agreementVersions,
    endorsements: world.endorsements,
    suggestions: world.suggestions,
  };
  return Object.values(groups[type]);
};

const ids = (body: { data: Array<{ documentId: string }> }) => body.data.map((entry) => entry.documentId).sort();

describe.each(ROLES)('as %s', (role) => {
  describe.each(Object.keys(expectations))('%s', (type) => {
    test('list returns exactly the visible documents, with a matching total', async () => {
      const expected = expectations[type](role);
      const response = await api(app(), callerOf(role)).get(`/api/${type}?pagination[pageSize]=100`);
      if (expected === null) {
        expect(response.status).toBe(401);
        return;
      }
      expect(response.status).toBe(200);
      expect(ids(response.body)).toEqual([...expected].sort());
      expect(response.body.meta.pagination.total).toBe(expected.length);
    });

    test('single answers 200 for visible documents and 404 (or 401) otherwise', async () => {
      const expected = expectations[type](role);
      for (const documentId of everyDocument(type)) {
        const response = await api(app(), callerOf(role)).get(`/api/${type}/${documentId}`);
        if (expected === null) expect(response.status).toBe(401);
        else if (expected.includes(documentId)) expect([response.status, response.body.data?.documentId]).toEqual([200, documentId]);
        else expect([response.status, response.body.data ?? null]).toEqual([404, null]);
      }
    });
  });

  const visible = (type: string, candidates: string[]) => candidates.filter((id) => expectations[type](role)?.includes(id)).sort();
  const relationIds = (value: unknown) => (Array.isArray(value) ? value : value ? [value] : []).map((entry: { documentId: string }) => entry.documentId).sort();

  test.each([
    ['workshops', 'materials', 'resources', () => [world.resources.public, world.resources.members]],
    ['workshops', 'facilitators', 'members', () => [world.profiles.facilitator, world.profiles.hiddenOther]],
    ['reading-groups', 'facilitators', 'members', () => [world.profiles.facilitator, world.profiles.hiddenOther]],
    ['resources', 'authorOrganisations', 'organisations', () => [world.organisations.published, world.organisations.draft]],
    ['endorsements', 'endorsedBy', 'members', () => [world.profiles.representative]],
    ['suggestions', 'author', 'members', () => [world.profiles.hiddenOther]],
    ['registrations', 'member', 'members', () => [world.profiles.ownHidden, world.profiles.outsider]],
    ['organisations', 'members', 'members', () => [world.profiles.ownHidden, world.profiles.representative, world.profiles.facilitator]],
  ])('populate %s.%s shows only visible %s', async (type, relation, target, candidates) => {
    for (const populate of [`populate=${relation}`, 'populate=*', `populate[${relation}][fields][0]=documentId`]) {
      const response = await api(app(), callerOf(role)).get(`/api/${type}?${populate}&pagination[pageSize]=100`);
      if (expectations[type](role) === null) {
        expect(response.status).toBe(401);
        continue;
      }
      expect(response.status).toBe(200);
      for (const entry of response.body.data) {
        const related = relationIds(entry[relation]);
        expect(related.every((id) => visible(target, candidates()).includes(id))).toBe(true);
      }
      // Where the relation is shared by every entry, the visible ones are all there.
      const all = [...new Set(response.body.data.flatMap((entry: Record<string, unknown>) => relationIds(entry[relation])))].sort();
      if (response.body.data.length > 0 && type !== 'registrations' && type !== 'suggestions') expect(all).toEqual(visible(target, candidates()));
    }
  });

  test('nested populate of reading-group sessions shows only visible readings', async () => {
    const response = await api(app(), callerOf(role)).get('/api/reading-groups?populate[sessions][populate][readings][fields][0]=title');
    expect(response.status).toBe(200);
    const readings = response.body.data.flatMap((group: { sessions: Array<{ readings: Array<{ documentId: string }> }> }) =>
      group.sessions.flatMap((session) => session.readings.map((reading) => reading.documentId)),
    );
    expect([...new Set(readings)].sort()).toEqual(visible('resources', [world.resources.public, world.resources.members]));
  });

  test('a member profile never shows its draft-only organisation', async () => {
    const response = await api(app(), callerOf(role)).get('/api/members?populate=organisation&pagination[pageSize]=100');
    const organisations = response.body.data.map((entry: { organisation: { documentId: string } | null }) => entry.organisation?.documentId ?? null);
    expect(organisations).not.toContain(world.organisations.draft);
  });

  test('reading-group participants are never part of the content API output', async () => {
    const response = await api(app(), callerOf(role)).get('/api/reading-groups?populate=*');
    expect(response.status).toBe(200);
    for (const group of response.body.data) expect(group).not.toHaveProperty('participants');
  });
});
