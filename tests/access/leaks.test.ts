import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { buildWorld, type World } from './fixture';

/** The ways members-only content or hidden profiles could leak, each tried on purpose. */
const app = useApp();
let world: World;

beforeAll(async () => {
  world = await buildWorld(app());
}, 120_000);

const documentIds = (body: { data: Array<{ documentId: string }> }) => body.data.map((entry) => entry.documentId);

describe('members-only resources', () => {
  test('a members-only resource linked from a public workshop is absent for the public and present for a member', async () => {
    const path = `/api/workshops/${world.workshops.public}?populate=materials`;
    const asPublic = await api(app()).get(path);
    const asMember = await api(app(), world.callers.member).get(path);
    expect(documentIds({ data: asPublic.body.data.materials })).toEqual([world.resources.public]);
    expect(documentIds({ data: asMember.body.data.materials }).sort()).toEqual([world.resources.public, world.resources.members].sort());
  });

  test('filters[visibility][$eq]=members as the public returns nothing, and a total of 0', async () => {
    const response = await api(app()).get('/api/resources?filters[visibility][$eq]=members');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([]);
    expect(response.body.meta.pagination.total).toBe(0);
  });

  test('filtering workshops by the title of a members-only material finds nothing for the public', async () => {
    const filter = 'filters[materials][title][$contains]=w-members-resource';
    expect(documentIds((await api(app()).get(`/api/workshops?${filter}`)).body)).toEqual([]);
    expect(documentIds((await api(app(), world.callers.member).get(`/api/workshops?${filter}`)).body).sort()).toEqual(
      [world.workshops.public, world.workshops.members].sort(),
    );
  });

  test('a populate count only counts what the caller may see', async () => {
    const response = await api(app()).get(`/api/workshops/${world.workshops.public}?populate[materials][count]=true`);
    expect(response.status).toBe(200);
    expect(response.body.data.materials).toEqual({ count: 1 });
  });

  test('an operator on a restricted relation itself is refused with a 400 naming it', async () => {
    const response = await api(app()).get('/api/workshops?filters[materials][$null]=true');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('filters.materials');
  });

  test('sorting by a field of members-only related rows is refused', async () => {
    const response = await api(app()).get('/api/workshops?sort=materials.title:asc');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('sort');
  });

  test('the 404 for a members-only resource is the 404 of a resource that does not exist', async () => {
    const hidden = await api(app()).get(`/api/resources/${world.resources.members}`);
    const missing = await api(app()).get('/api/resources/doesnotexist0000000000000');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
  });
});

describe('hidden profiles', () => {
  test('are absent for other members from list, single, filters and populate', async () => {
    const other = world.callers.outsider;
    const hidden = world.profiles.hiddenOther;
    expect(documentIds((await api(app(), other).get('/api/members?pagination[pageSize]=100')).body)).not.toContain(hidden);
    expect((await api(app(), other).get(`/api/members/${hidden}`)).status).toBe(404);
    expect((await api(app(), other).get('/api/members?filters[displayName][$eq]=Hidden other')).body.data).toEqual([]);
    const suggestions = await api(app(), other).get('/api/suggestions?populate=author');
    expect(suggestions.body.data.map((entry: { author: unknown }) => entry.author)).toEqual([null]);
    expect((await api(app(), other).get('/api/workshops?filters[facilitators][visibility][$eq]=hidden')).body.data).toEqual([]);
  });

  test('a member always sees their own hidden profile', async () => {
    const response = await api(app(), world.callers.member).get(`/api/members/${world.profiles.ownHidden}`);
    expect(response.status).toBe(200);
    expect(response.body.data.displayName).toBe('Own hidden profile');
  });

  test('never reveal the user account behind a profile', async () => {
    const response = await api(app(), world.callers.member).get('/api/members?populate=*');
    for (const profile of response.body.data) {
      expect(profile).not.toHaveProperty('user');
      expect(JSON.stringify(profile)).not.toContain('@test.example.org');
    }
  });
});

describe('drafts', () => {
  test.each(['status=draft', 'status=draft&publicationFilter=never-published', 'hasPublishedVersion=false'])(
    'never appear on the content API, even with %s, for a full-access token',
    async (query) => {
      const response = await api(app(), { token: world.callers.token }).get(`/api/resources?${query}`);
      expect(documentIds(response.body)).not.toContain(world.resources.draft);
      expect((await api(app(), { token: world.callers.token }).get(`/api/resources/${world.resources.draft}?${query}`)).status).toBe(404);
    },
  );

  test('an agreement version in draft is not visible, nor through its endorsements', async () => {
    const response = await api(app(), world.callers.member).get('/api/endorsements?populate=agreementVersion');
    expect(documentIds(response.body)).toEqual([world.endorsements.ofAdopted]);
  });
});

describe('bad query input', () => {
  test('an unknown locale is a 400 naming the locale parameter', async () => {
    const response = await api(app()).get('/api/resources?locale=xx');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('locale');
  });

  test('filtering on a private attribute is refused, not silently ignored into a leak', async () => {
    const response = await api(app(), world.callers.member).get(`/api/members?filters[user][email][$contains]=example`);
    expect(response.status).toBe(400);
  });
});
