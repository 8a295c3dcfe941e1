import { api } from '../helpers/api';
import { errorPaths, namesField } from '../helpers/errors';
import { useApp } from '../helpers/strapi';
import { createFullAccessToken, createUser } from '../helpers/users';

/**
 * Bad values are refused with a 400 that names the field, and nothing is written. Writes go through
 * the REST API with a full-access token, as an integration would (editors' writes in the admin
 * panel pass the same Document Service checks).
 */
const app = useApp();
let token: string;

beforeAll(async () => {
  token = await createFullAccessToken(app());
});

const organisation = (overrides: Record<string, unknown> = {}) => ({
  name: 'Valid organisation',
  slug: 'valid-organisation',
  kind: 'ngo',
  countries: ['DE', 'AT'],
  participationStatus: 'active',
  ...overrides,
});

const countOrganisations = () => app().strapi.db.query('api::organisation.organisation').count();

const postOrganisation = (data: Record<string, unknown>) => api(app(), { token }).post('/api/organisations?status=published', { data });

test('a valid organisation is created', async () => {
  const response = await postOrganisation(organisation());
  expect(response.status).toBe(201);
  expect(response.body.data.countries).toEqual(['DE', 'AT']);
});

test.each([
  ['a wrong enum value', { slug: 'x-kind', kind: 'think_tank' }, 'kind'],
  ['a bad country code', { slug: 'x-country', countries: ['DE', 'XX'] }, 'countries'],
  ['a lowercase country code', { slug: 'x-lower', countries: ['de'] }, 'countries'],
  ['countries that are not a list', { slug: 'x-list', countries: 'DE' }, 'countries'],
  ['a duplicate slug', { slug: 'valid-organisation' }, 'slug'],
  ['a missing required field', { slug: 'x-missing', name: undefined }, 'name'],
  ['a malformed slug', { slug: 'Not A Slug' }, 'slug'],
  ['a website that is not a URL', { slug: 'x-web', website: 'javascript:alert(1)' }, 'website'],
])('%s → 400 naming the field, nothing written', async (_, overrides, field) => {
  const before = await countOrganisations();
  const response = await postOrganisation(organisation(overrides));
  expect(response.status).toBe(400);
  expect(response.body.error.name).toBe('ValidationError');
  expect(namesField(response.body, field)).toBe(true);
  expect(await countOrganisations()).toBe(before);
});

test('a slug taken by a document in another locale is refused too', async () => {
  const created = await api(app(), { token }).post('/api/organisations?locale=fr&status=published', {
    data: organisation({ slug: 'only-in-french', name: 'Organisation française' }),
  });
  expect(created.status).toBe(201);
  const clash = await api(app(), { token }).post('/api/organisations?locale=de&status=published', {
    data: organisation({ slug: 'only-in-french', name: 'Eine andere Organisation' }),
  });
  expect(clash.status).toBe(400);
  expect(errorPaths(clash.body)).toEqual(['slug']);
});

test('a bad ECLI on a resource names the field', async () => {
  const response = await api(app(), { token }).post('/api/resources?status=published', {
    data: { title: 'A judgment', slug: 'a-judgment', kind: 'judgment', visibility: 'public', ecli: 'ECLI-DE-2020' },
  });
  expect(response.status).toBe(400);
  expect(namesField(response.body, 'ecli')).toBe(true);
  expect(
    await app()
      .strapi.db.query('api::resource.resource')
      .count({ where: { slug: 'a-judgment' } }),
  ).toBe(0);
});

test('a valid ECLI and a body as jurisdiction are accepted', async () => {
  const response = await api(app(), { token }).post('/api/resources?status=published', {
    data: {
      title: 'A judgment',
      slug: 'a-valid-judgment',
      kind: 'judgment',
      visibility: 'public',
      jurisdiction: 'CoE',
      ecli: 'ECLI:CE:ECHR:2021:0309JUD004512318',
    },
  });
  expect(response.status).toBe(201);
});

test.each([
  ['an unknown jurisdiction', { jurisdiction: 'EUR' }, 'jurisdiction'],
  ['an unknown licence', { licence: 'WTFPL' }, 'licence'],
])('a resource with %s → 400 naming the field', async (_, overrides, field) => {
  const response = await api(app(), { token }).post('/api/resources?status=published', {
    data: { title: 'A guide', slug: `guide-${field}`, kind: 'guide', visibility: 'public', ...overrides },
  });
  expect(response.status).toBe(400);
  expect(namesField(response.body, field)).toBe(true);
});

test.each([
  ['ends before it starts', { endsAt: '2030-03-01T08:00:00.000Z' }, 'endsAt'],
  ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
  ['no venue while not online', { isOnline: false }, 'venue'],
  ['a bad language code', { languages: ['en', 'xx'] }, 'languages'],
  [
    'registration closing before it opens',
    { registrationOpensAt: '2030-02-10T00:00:00Z', registrationClosesAt: '2030-02-01T00:00:00Z' },
    'registrationClosesAt',
  ],
])('a workshop that has %s → 400 naming the field', async (_, overrides, field) => {
  const response = await api(app(), { token }).post('/api/workshops?status=published', {
    data: {
      title: 'Case clinic',
      slug: `clinic-${field.toLowerCase()}`,
      format: 'case_clinic',
      startsAt: '2030-03-01T09:00:00.000Z',
      endsAt: '2030-03-01T17:00:00.000Z',
      timeZone: 'Europe/Berlin',
      isOnline: true,
      capacity: 12,
      visibility: 'public',
      ...overrides,
    },
  });
  expect(response.status).toBe(400);
  expect(namesField(response.body, field)).toBe(true);
  expect(await app().strapi.db.query('api::workshop.workshop').count()).toBe(0);
});

test('a write in an unknown locale is refused', async () => {
  const response = await api(app(), { token }).post('/api/organisations?locale=xx&status=published', {
    data: organisation({ slug: 'unknown-locale' }),
  });
  expect(response.status).toBe(400);
  expect(response.body.error.message).toContain('locale');
});

describe('a member editing their own profile', () => {
  test('creates it on first use and changes only allowed fields', async () => {
    const member = await createUser(app(), 'authenticated', false);
    expect((await api(app(), member).get('/api/members/me')).status).toBe(404);
    const saved = await api(app(), member).put('/api/members/me', {
      data: { displayName: 'Ana Petrović', languages: ['sr', 'en'], countries: ['RS'], visibility: 'members' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ displayName: 'Ana Petrović', languages: ['sr', 'en'], visibility: 'members' });
    const again = await api(app(), member).get('/api/members/me');
    expect(again.body.data.documentId).toBe(saved.body.data.documentId);
  });

  test.each([
    ['a bad language code', { languages: ['english'] }, 'languages'],
    ['a bad country code', { countries: ['Serbia'] }, 'countries'],
    ['an unknown visibility', { visibility: 'everyone' }, 'visibility'],
    ['a field the member may not set', { organisation: 'abc' }, 'organisation'],
  ])('rejects %s with a 400 naming the field and keeps the profile', async (_, data, field) => {
    const member = await createUser(app(), 'authenticated', { displayName: 'Unchanged', languages: ['de'] });
    const response = await api(app(), member).put('/api/members/me', { data });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
    const profile = await api(app(), member).get('/api/members/me');
    expect(profile.body.data).toMatchObject({ displayName: 'Unchanged', languages: ['de'] });
  });

  test('the public cannot use the own-profile routes', async () => {
    expect((await api(app()).get('/api/members/me')).status).toBe(401);
    expect((await api(app()).put('/api/members/me', { data: { displayName: 'x' } })).status).toBe(401);
  });
});
