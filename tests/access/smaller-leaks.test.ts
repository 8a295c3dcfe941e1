import { randomBytes } from 'node:crypto';
import { createStrapi } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { api, type Caller } from '../helpers/api';
import { APP_DIR, DIST_DIR } from '../helpers/paths';
import { searchConverged } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createFullAccessToken } from '../helpers/users';
import { buildWorld, type World } from './fixture';

/** Smaller leaks and wrong answers: drafts in own data, dropped filters, 500s, CORS, control characters, logs, one audience rule. */
const app = useApp();
let world: World;

beforeAll(async () => {
  world = await buildWorld(app());
}, 120_000);

const anyone = (): Caller => 'public';
const ids = (body: { data: Array<{ documentId: string }> }) => body.data.map((entry) => entry.documentId).sort();

/** What an editor does in the admin panel with "Save" and no "Publish": a draft the content API must not show. */
const saveDraft = (uid: string, documentId: string, data: Record<string, unknown>) =>
  app()
    .strapi.documents(uid as never)
    .update({ documentId, locale: 'en', data } as never);

describe("a member's own data shows published content only", () => {
  beforeAll(async () => {
    await saveDraft('api::organisation.organisation', world.organisations.published, { name: 'Unpublished org rename' });
    await saveDraft('api::workshop.workshop', world.workshops.public, { title: 'Unpublished workshop rename' });
    await saveDraft('api::workshop.workshop', world.workshops.members, { title: 'Unpublished workshop rename' });
    await saveDraft('api::reading-group.reading-group', world.readingGroups.public, { name: 'Unpublished group rename' });
    await saveDraft('api::reading-group.reading-group', world.readingGroups.members, { name: 'Unpublished group rename' });
  });

  const withoutDrafts = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/Unpublished/);

  test('GET /api/members/me shows the published organisation', async () => {
    const response = await api(app(), world.callers.member).get('/api/members/me');
    expect(response.status).toBe(200);
    expect(response.body.data.organisation).toMatchObject({ name: 'Published org', slug: 'w-published-org' });
    withoutDrafts(response.body);
  });

  test('the PUT /api/members/me answer shows the published organisation', async () => {
    const response = await api(app(), world.callers.member).put('/api/members/me', { data: { bio: 'Strategic litigation.' } });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ bio: 'Strategic litigation.', organisation: { name: 'Published org' } });
    withoutDrafts(response.body);
  });

  test('an organisation that was never published is not shown at all', async () => {
    const response = await api(app(), world.callers.hiddenOther).get('/api/members/me');
    expect(response.body.data.organisation).toBeNull();
    const exported = await api(app(), world.callers.hiddenOther).get('/api/me/export');
    expect(exported.body.data.profile.translations[0].organisation).toBeNull();
  });

  test('GET /api/me/export shows the published organisation, workshops and reading groups', async () => {
    const member = (await api(app(), world.callers.member).get('/api/me/export')).body.data;
    expect(member.profile.translations[0].organisation).toEqual({ slug: 'w-published-org', name: 'Published org' });
    expect(member.registrations.map((registration: { workshop: { title: string } }) => registration.workshop.title)).toEqual(['Workshop w-public-workshop']);
    expect(member.readingGroups.map((group: { name: string }) => group.name).sort()).toEqual(['Group w-members-group', 'Group w-public-group']);
    withoutDrafts(member);

    const facilitator = (await api(app(), world.callers.facilitator).get('/api/me/export')).body.data;
    expect(facilitator.facilitating.workshops.map((workshop: { title: string }) => workshop.title).sort()).toEqual([
      'Workshop w-members-workshop',
      'Workshop w-public-workshop',
    ]);
    expect(facilitator.facilitating.readingGroups.map((group: { name: string }) => group.name).sort()).toEqual([
      'Group w-members-group',
      'Group w-public-group',
    ]);
    withoutDrafts(facilitator);

    const representative = (await api(app(), world.callers.representative).get('/api/me/export')).body.data;
    expect(representative.endorsementsMade.map((endorsement: { organisation: { name: string } }) => endorsement.organisation.name)).toEqual([
      'Published org',
      'Published org',
    ]);
    withoutDrafts(representative);
  });

  test('an endorsement names the published organisation, in its answer and in its conflict', async () => {
    const endorse = () =>
      api(app(), world.callers.representative).post('/api/agreement-versions/number/2/endorsements', { data: { statement: 'We support it.' } });
    const first = await endorse();
    expect(first.status).toBe(201);
    expect(first.body.data.organisation).toEqual({ slug: 'w-published-org', name: 'Published org' });
    const again = await endorse();
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('Published org has already endorsed version 2');
  });
});

describe('every filter the caller sends applies, with the visibility rule', () => {
  const member = () => world.callers.member;
  const facilitator = () => world.callers.facilitator;
  const cases: Array<[string, string, () => Caller, () => string[]]> = [
    // The report: a relation filter next to another relation filter was dropped.
    ['endorsements', 'filters[organisation][slug][$eq]=no-such-org&filters[agreementVersion][versionNumber][$eq]=1', anyone, () => []],
    [
      'endorsements',
      'filters[organisation][slug][$eq]=w-published-org&filters[agreementVersion][versionNumber][$eq]=1',
      anyone,
      () => [world.endorsements.ofAdopted],
    ],
    ['endorsements', 'filters[agreementVersion][versionNumber][$eq]=1&filters[endorsedBy][displayName][$eq]=Nobody', member, () => []],
    // A caller filter on the very relation the rule filters on: both apply.
    ['endorsements', 'filters[agreementVersion][versionNumber][$eq]=3', anyone, () => []],
    ['endorsements', 'filters[agreementVersion][stage][$eq]=draft', anyone, () => []],
    ['endorsements', 'filters[agreementVersion][versionNumber][$eq]=1', anyone, () => [world.endorsements.ofAdopted]],
    ['suggestions', 'filters[agreementVersion][versionNumber][$eq]=3', member, () => []],
    ['suggestions', 'filters[agreementVersion][versionNumber][$eq]=2&filters[sectionKey][$eq]=purpose', member, () => [world.suggestions.ofConsultation]],
    // Two restricted relations side by side.
    ['workshops', 'filters[materials][slug][$eq]=no-such-resource&filters[facilitators][displayName][$eq]=Facilitator', anyone, () => []],
    ['workshops', 'filters[materials][slug][$eq]=w-public-resource&filters[facilitators][displayName][$eq]=Nobody', member, () => []],
    [
      'workshops',
      'filters[materials][slug][$eq]=w-members-resource&filters[facilitators][displayName][$eq]=Facilitator',
      member,
      () => [world.workshops.public, world.workshops.members],
    ],
    ['workshops', 'filters[materials][slug][$eq]=w-members-resource&filters[facilitators][displayName][$eq]=Facilitator', anyone, () => []],
    // A relation filter next to the caller's own $and or $or.
    [
      'workshops',
      'filters[issueAreas][slug][$eq]=no-such-area&filters[$or][0][slug][$eq]=w-public-workshop&filters[$or][1][slug][$eq]=w-members-workshop',
      member,
      () => [],
    ],
    ['workshops', 'filters[facilitators][displayName][$eq]=Nobody&filters[$and][0][slug][$eq]=w-public-workshop', anyone, () => []],
    ['members', 'filters[organisation][slug][$eq]=no-such-org&filters[$and][0][displayName][$eq]=Representative', member, () => []],
    [
      'members',
      'filters[$or][0][displayName][$eq]=Representative&filters[$or][1][displayName][$eq]=Facilitator',
      member,
      () => [world.profiles.representative, world.profiles.facilitator],
    ],
    [
      'members',
      'filters[organisation][slug][$eq]=w-published-org&filters[$or][0][displayName][$eq]=Representative&filters[$or][1][displayName][$eq]=Other member',
      member,
      () => [world.profiles.representative],
    ],
    // A rule made of relation filters (registrations) with caller relation filters.
    ['registrations', 'filters[workshop][slug][$eq]=w-public-workshop&filters[member][displayName][$eq]=Nobody', facilitator, () => []],
    [
      'registrations',
      'filters[workshop][slug][$eq]=w-public-workshop&filters[member][displayName][$eq]=Other member',
      facilitator,
      () => [world.registrations.outsiders],
    ],
  ];

  test.each(cases)('/api/%s?%s', async (type, query, caller, expected) => {
    const response = await api(app(), caller()).get(`/api/${type}?${query}&pagination[pageSize]=100`);
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual([...expected()].sort());
    expect(response.body.meta.pagination.total).toBe(expected().length);
  });

  test('in populate too', async () => {
    const populate = (materials: string) =>
      `/api/registrations?populate[workshop][filters][materials][slug][$eq]=${materials}&populate[workshop][filters][facilitators][displayName][$eq]=Nobody`;
    const response = await api(app(), world.callers.member).get(populate('w-public-resource'));
    expect(response.status).toBe(200);
    expect(response.body.data.map((registration: { workshop: unknown }) => registration.workshop)).toEqual([null]);
  });
});

describe('a malformed query is a 400 naming the parameter, never a 500', () => {
  const member = () => world.callers.member;
  const hostile: Array<[string, string, string, () => Caller]> = [
    // Operators inside operators, objects and lists where one value is expected, unknown operators.
    ['resources', 'filters[title][$eq][$ne]=x', 'filters.title.$eq', anyone],
    ['resources', 'filters[title][$not][$eq][$ne]=x', 'filters.title.$not.$eq', anyone],
    ['resources', 'filters[title][$containsi][$x]=1', 'filters.title.$containsi', anyone],
    ['resources', 'filters[title][$eq][0]=a&filters[title][$eq][1]=b', 'filters.title.$eq', anyone],
    ['resources', 'filters[title][0]=a&filters[title][1]=b', 'filters.title', anyone],
    ['resources', 'filters[title][$in][0][a]=b', 'filters.title.$in[0]', anyone],
    ['resources', 'filters[title][$between]=x', 'filters.title.$between', anyone],
    ['resources', 'filters[title][$null]=maybe', 'filters.title.$null', anyone],
    ['resources', 'filters[title][$foo]=x', 'filters.title.$foo', anyone],
    ['resources', 'filters[title][$jsonSupersetOf]=x', 'filters.title.$jsonSupersetOf', anyone],
    ['resources', 'filters[title][$or][0][$eq]=x', 'filters.title.$or', anyone],
    ['resources', 'filters[title][$eq]=a%00b', 'filters.title.$eq', anyone],
    // Logical operators of the wrong shape, operators where a field is expected.
    ['resources', 'filters=x', 'filters', anyone],
    ['resources', 'filters[$and]=x', 'filters.$and', anyone],
    ['resources', 'filters[$and][title]=x', 'filters.$and', anyone],
    ['resources', 'filters[$and][0][$or]=x', 'filters.$and[0].$or', anyone],
    ['resources', 'filters[$or][0]=x', 'filters.$or[0]', anyone],
    ['resources', 'filters[$not]=x', 'filters.$not', anyone],
    ['resources', 'filters[$eq]=x', 'filters.$eq', anyone],
    // Values the database cannot compare with the field (PostgreSQL refuses them).
    ['resources', 'filters[id][$eq]=abc', 'filters.id.$eq', anyone],
    ['resources', 'filters[id][$gt]=99999999999', 'filters.id.$gt', anyone],
    ['resources', 'filters[date][$gt]=yesterday', 'filters.date.$gt', anyone],
    ['resources', 'filters[date][$contains]=2024', 'filters.date.$contains', anyone],
    ['workshops', 'filters[capacity][$gt]=abc', 'filters.capacity.$gt', anyone],
    ['workshops', 'filters[capacity][$contains]=1', 'filters.capacity.$contains', anyone],
    ['workshops', 'filters[capacity][$in][0]=1&filters[capacity][$in][1]=one', 'filters.capacity.$in[1]', anyone],
    ['workshops', 'filters[isOnline][$eq]=maybe', 'filters.isOnline.$eq', anyone],
    ['workshops', 'filters[startsAt][$between][0]=2030-01-01', 'filters.startsAt.$between', anyone],
    ['members', 'filters[countries][$contains]=DE', 'filters.countries.$contains', member],
    ['members', 'filters[countries][$eq]=DE', 'filters.countries.$eq', member],
    // Relations: by id, by fields, not both; nested operators in related fields.
    ['resources', 'filters[issueAreas][$eq]=abc', 'filters.issueAreas.$eq', anyone],
    ['resources', 'filters[issueAreas][$eq]=1&filters[issueAreas][slug]=x', 'filters.issueAreas', anyone],
    ['resources', 'filters[issueAreas][name][$eq][$ne]=x', 'filters.issueAreas.name.$eq', anyone],
    ['resources', 'filters[file][related][id]=1', 'filters.file.related', anyone],
    ['resources', 'filters[file][size][$gt]=big', 'filters.file.size.$gt', anyone],
    ['workshops', 'filters[materials][title][$eq][$ne]=x', 'filters.materials.title.$eq', anyone],
    ['members', 'filters[organisation][name][$eq][$ne]=x', 'filters.organisation.name.$eq', member],
    ['reading-groups', 'filters[sessions][title][$eq][$ne]=x', 'filters.sessions.title.$eq', anyone],
    ['endorsements', 'filters[agreementVersion][versionNumber][$eq]=two', 'filters.agreementVersion.versionNumber.$eq', anyone],
    // Sort and fields.
    ['resources', 'sort[0][title][x]=asc', 'sort[0].title', anyone],
    ['resources', 'sort[title]=up', 'sort.title', anyone],
    ['resources', 'sort=title:sideways', 'sort', anyone],
    ['resources', 'sort=:asc', 'sort', anyone],
    ['resources', 'sort=title:asc,', 'sort', anyone],
    ['resources', 'fields=', 'fields', anyone],
    ['resources', 'fields=title,', 'fields', anyone],
    ['resources', 'fields[0][a]=b', 'fields[0]', anyone],
    // The same inside populate.
    ['resources', 'populate[issueAreas][filters][$and]=x', 'populate.issueAreas.filters.$and', anyone],
    ['resources', 'populate[issueAreas][filters][name][$eq][$ne]=x', 'populate.issueAreas.filters.name.$eq', anyone],
    ['resources', 'populate[issueAreas][fields]=', 'populate.issueAreas.fields', anyone],
    ['resources', 'populate[issueAreas][sort][name]=up', 'populate.issueAreas.sort.name', anyone],
    ['members', 'populate[organisation][filters][name][$eq][$ne]=x', 'populate.organisation.filters.name.$eq', member],
    ['workshops', 'populate[materials][populate][issueAreas][filters][name][$foo]=1', 'populate.materials.populate.issueAreas.filters.name.$foo', anyone],
  ];

  test.each(hostile)('/api/%s?%s → 400 naming %s', async (type, query, parameter, caller) => {
    const response = await api(app(), caller()).get(`/api/${type}?${query}`);
    expect([response.status, response.body.error?.name]).toEqual([400, 'ValidationError']);
    expect(response.body.error.message).toContain(`'${parameter}'`);
  });

  test.each([
    'sort=nonexistent',
    'fields=nonexistent',
    'populate=nonexistent',
    'populate[title]=true',
    'populate[issueAreas][count]=maybe',
    'pagination[page]=abc',
    'pagination[withCount]=maybe',
    'locale[x]=1',
    'filters[nonexistent][$eq]=1',
  ])("/api/resources?%s → 400 (Strapi's own checks)", async (query) => {
    const response = await api(app()).get(`/api/resources?${query}`);
    expect([response.status, response.body.error?.name]).toEqual([400, 'ValidationError']);
  });

  test('a malformed id is a 400 naming it', async () => {
    for (const id of ['%00', 'not%20an%20id', 'x'.repeat(41)]) {
      const response = await api(app()).get(`/api/resources/${id}`);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^Invalid parameter 'id': /);
    }
  });

  test.each([
    'filters[title][$not]=x',
    'filters[$not][title][$eq]=x',
    'filters[title][$in][0]=a&filters[title][$in][1]=b',
    'filters[title][$null]=true',
    'filters[issueAreas][$null]=true',
    'filters[issueAreas][$not][slug][$eq]=w-migration',
    'filters[issueAreas][slug][$eq]=w-migration&filters[issueAreas][$or][0][name][$eq]=Migration',
    'filters[date][$between][0]=2020-01-01&filters[date][$between][1]=2030-12-31',
    'filters[createdAt][$gt]=2020-01-01T00:00:00.000Z',
    'sort[0][title]=asc',
    'sort[0]=slug:desc&sort[1]=title',
    'fields=title,slug',
    'populate[issueAreas][fields][0]=name&populate[issueAreas][sort]=name:asc',
  ])('/api/resources?%s is still answered', async (query) => {
    expect((await api(app()).get(`/api/resources?${query}`)).status).toBe(200);
  });
});

describe('control characters in texts', () => {
  let token: string;
  beforeAll(async () => {
    token = await createFullAccessToken(app());
  });

  const slug = () => `cc-${randomBytes(4).toString('hex')}`;
  const organisation = (data: Record<string, unknown>) => ({ name: 'Acme', slug: slug(), kind: 'ngo', participationStatus: 'active', ...data });
  const resource = (data: Record<string, unknown>) => ({ title: 'Guide', slug: slug(), kind: 'guide', visibility: 'public', ...data });
  /** [type, its uid, field as the message names it, data, field as the error's path names it] */
  const writes: Array<[string, string, string, () => Record<string, unknown>, string]> = [
    ['issue-areas', 'api::issue-area.issue-area', 'name', () => ({ name: 'Roma\u0000rights', slug: slug() }), 'name'],
    ['organisations', 'api::organisation.organisation', 'name', () => organisation({ name: 'Acme \u202Eevil' }), 'name'],
    ['organisations', 'api::organisation.organisation', 'name', () => organisation({ name: 'Acme\u200F' }), 'name'],
    ['organisations', 'api::organisation.organisation', 'slug', () => organisation({ slug: `${slug()}\u202E` }), 'slug'],
    ['organisations', 'api::organisation.organisation', 'website', () => organisation({ website: 'https://acme.example.org/\u0085' }), 'website'],
    ['organisations', 'api::organisation.organisation', 'description', () => organisation({ description: 'First line\u0000' }), 'description'],
    ['skills', 'api::skill.skill', 'name', () => ({ name: 'Asylum\u2066 law', slug: slug(), category: 'area_of_law' }), 'name'],
    ['resources', 'api::resource.resource', 'title', () => resource({ title: 'Guide\u0007' }), 'title'],
    ['resources', 'api::resource.resource', 'court', () => resource({ court: 'ECtHR\u009B' }), 'court'],
    ['resources', 'api::resource.resource', 'body', () => resource({ body: 'Text\u0000' }), 'body'],
    [
      'reading-groups',
      'api::reading-group.reading-group',
      'sessions[0].title',
      () => ({
        name: 'Group',
        slug: slug(),
        capacity: 5,
        groupStatus: 'forming',
        visibility: 'public',
        sessions: [{ title: 'One\u202Aowt', startsAt: '2030-01-10T18:00:00.000Z' }],
      }),
      'sessions.0.title',
    ],
    [
      'workshops',
      'api::workshop.workshop',
      'title',
      () => ({
        title: 'Clinic\u001B[31m',
        slug: slug(),
        format: 'workshop',
        startsAt: '2030-03-01T09:00:00.000Z',
        endsAt: '2030-03-01T17:00:00.000Z',
        timeZone: 'Europe/Berlin',
        isOnline: true,
        capacity: 5,
        visibility: 'public',
      }),
      'title',
    ],
    [
      'agreement-versions',
      'api::agreement-version.agreement-version',
      'sections[0].heading',
      () => ({ versionNumber: 90, title: 'Draft', sections: [{ key: 'purpose', heading: 'Pur\u202Epose', text: 'Why.' }] }),
      'sections.0.heading',
    ],
  ];

  test.each(writes)('POST /api/%s (%s) with a control character in %s → 400 naming it, nothing written', async (type, uid, field, data, path) => {
    const before = await app()
      .strapi.db.query(uid as never)
      .count();
    const response = await api(app(), { token }).post(`/api/${type}`, { data: data() });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
    expect(response.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'))).toContain(path);
    expect(
      await app()
        .strapi.db.query(uid as never)
        .count(),
    ).toBe(before);
  });

  test('multi-line texts keep their newlines and tabs, and right-to-left marks', async () => {
    const response = await api(app(), { token }).post('/api/organisations', {
      data: { name: 'Multi-line', slug: slug(), kind: 'ngo', participationStatus: 'active', description: 'First line\r\nSecond\tline, عربي\u200F' },
    });
    expect(response.status).toBe(201);
  });

  test("a member's own profile: display name refused, bio with newlines kept, bio with NUL refused", async () => {
    const member = world.callers.outsider;
    const name = await api(app(), member).put('/api/members/me', { data: { displayName: 'Eve\u202Eevil' } });
    expect(name.status).toBe(400);
    expect(name.body.error.message).toContain('displayName');
    const bio = await api(app(), member).put('/api/members/me', { data: { bio: 'Line one\nLine two' } });
    expect([bio.status, bio.body.data?.bio]).toEqual([200, 'Line one\nLine two']);
    const nul = await api(app(), member).put('/api/members/me', { data: { bio: 'Nul\u0000' } });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toContain('bio');
  });

  test('an editor in the admin panel gets the same 400', async () => {
    const response = await app()
      .http()
      .post('/content-manager/collection-types/api::organisation.organisation')
      .set('Authorization', `Bearer ${await adminToken(app())}`)
      .send({ name: 'Admin \u202Eevil', slug: slug(), kind: 'ngo', participationStatus: 'active' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('name');
  });
});

describe('one audience rule for the app, the search and the skills map', () => {
  let callers: Record<'public' | 'read-only token' | 'full-access token' | 'member', Caller>;
  beforeAll(async () => {
    const readOnly = await app()
      .strapi.service('admin::api-token')
      .create({ name: `read-only-${randomBytes(4).toString('hex')}`, type: 'read-only', lifespan: null });
    callers = {
      public: 'public',
      'read-only token': { token: readOnly.accessKey },
      'full-access token': { token: world.callers.token },
      member: world.callers.member,
    };
    await searchConverged(app());
  }, 120_000);

  test.each([
    ['public', false],
    ['read-only token', false],
    ['full-access token', true],
    ['member', true],
  ] as const)('%s: members-only content in all three, or in none (%s)', async (name, seesMembersOnly) => {
    const caller = callers[name];
    const content = await api(app(), caller).get('/api/resources?pagination[pageSize]=100');
    const search = await api(app(), caller).get('/api/multilingual-search/search?q=Resource&types=resource&locale=en');
    const matrix = await api(app(), caller).get('/api/skills-mapping/matrix');
    expect([content.status, search.status, matrix.status]).toEqual([200, 200, 200]);
    expect({
      content: ids(content.body).includes(world.resources.members),
      search: search.body.data.some((hit: { documentId: string }) => hit.documentId === world.resources.members),
      exactCounts: matrix.body.meta.exactCounts,
    }).toEqual({ content: seesMembersOnly, search: seesMembersOnly, exactCounts: seesMembersOnly });
  });

  test('an administrator in the admin panel is trusted by the skills map', async () => {
    const response = await app()
      .http()
      .get('/skills-mapping/matrix')
      .set('Authorization', `Bearer ${await adminToken(app())}`);
    expect([response.status, response.body.meta.exactCounts]).toEqual([200, true]);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    app()
      .http()
      .options('/api/resources')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'Authorization');
  const allowedOrigin = async (origin: string) => (await preflight(origin)).headers['access-control-allow-origin'];

  test("by default only the app's own origin is allowed, with credentials", async () => {
    const own = new URL(app().strapi.config.get<string>('server.absoluteUrl')).origin;
    const response = await app().http().get('/api/resources').set('Origin', own);
    expect(response.headers['access-control-allow-origin']).toBe(own);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(await allowedOrigin(own)).toBe(own);
    const other = await app().http().get('/api/resources').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(await allowedOrigin('https://evil.example.com')).toBeUndefined();
  });

  describe('with CORS_ORIGINS', () => {
    beforeAll(async () => {
      process.env.CORS_ORIGINS = 'https://cop.example.org, https://search.example.org';
      await app().restart();
    }, 120_000);
    afterAll(() => {
      delete process.env.CORS_ORIGINS;
    });

    test('the configured origins are allowed, and no other', async () => {
      expect(await allowedOrigin('https://cop.example.org')).toBe('https://cop.example.org');
      expect(await allowedOrigin('https://search.example.org')).toBe('https://search.example.org');
      for (const origin of ['https://evil.example.com', 'https://cop.example.org.evil.example.com', 'null'])
        expect(await allowedOrigin(origin)).toBeUndefined();
    });

    test.each(['*', 'https://cop.example.org/path', 'cop.example.org'])('%j stops start-up, naming CORS_ORIGINS', (value) => {
      process.env.CORS_ORIGINS = value;
      try {
        expect(() => createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false })).toThrow(/CORS_ORIGINS/);
      } finally {
        process.env.CORS_ORIGINS = 'https://cop.example.org, https://search.example.org';
      }
    });
  });
});

describe('logs: refusals in one line, faults with their stack', () => {
  const watchLogs = () => ({ http: jest.spyOn(app().strapi.log, 'http'), error: jest.spyOn(app().strapi.log, 'error') });
  afterEach(() => jest.restoreAllMocks());

  test.each([
    ['GET', '/api/resources?filters[title][$eq][$ne]=x', anyone, 400, "Invalid parameter 'filters.title.$eq'"],
    ['GET', '/api/me/export', () => ({ token: world.callers.token }), 403, 'Sign in as a member to export your data'],
    ['GET', '/api/resources/doesnotexist0000000000000', anyone, 404, 'Not Found'],
    ['POST', '/api/agreement-versions/number/1/endorsements', () => world.callers.representative, 409, 'Published org has already endorsed version 1'],
  ])('%s %s → %i, logged at http level in one line', async (method, path, caller, status, message) => {
    const logs = watchLogs();
    const request = api(app(), caller());
    const response = await (method === 'GET' ? request.get(path) : request.post(path, { data: {} }));
    expect(response.status).toBe(status);
    expect(response.body.error.message).toContain(message);
    const lines = logs.http.mock.calls.map(([line]) => String(line)).filter((line) => line.includes(` ${status} `) && line.includes(message));
    expect(lines).toEqual([`${method} ${path.split('?')[0]} ${status} ${response.body.error.message}`]);
    expect(logs.error).not.toHaveBeenCalled();
  });

  test('a fault is a 500, logged as an error with its stack', async () => {
    const logs = watchLogs();
    const service = app().strapi.service('api::resource.resource') as unknown as { find: () => Promise<unknown> };
    const find = service.find;
    service.find = async () => {
      throw new Error('the database went away');
    };
    try {
      const response = await api(app()).get('/api/resources');
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toContain('database went away');
    } finally {
      service.find = find;
    }
    const [logged] = logs.error.mock.calls.map(([entry]) => entry as unknown as Error);
    expect(logged).toBeInstanceOf(Error);
    expect(logged.stack).toMatch(/the database went away\n\s+at /);
  });

  // Last: the sign-in rate limit holds for this client for a while.
  test('too many sign-in attempts → 429, logged at http level in one line', async () => {
    const logs = watchLogs();
    let response;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      response = await api(app()).post('/api/auth/local', { identifier: 'nobody@test.example.org', password: 'wrong-password' });
      if (response.status === 429) break;
    }
    expect(response!.status).toBe(429);
    expect(logs.http.mock.calls.map(([line]) => String(line))).toContain(`POST /api/auth/local 429 ${response!.body.error.message}`);
    expect(logs.error).not.toHaveBeenCalled();
  });
});
