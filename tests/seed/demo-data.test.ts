import { loadPlatformConfig } from '../../src/platform-config';
import { seedDemoData } from '../../src/seed';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';

/** The demo data, as seeded into the `seeded` template: volumes, languages, and idempotency. */
const app = useApp('seeded');

const published = (uid: string, where: Record<string, unknown> = {}) =>
  app()
    .strapi.db.query(uid as never)
    .findMany({ where: { publishedAt: { $notNull: true }, ...where } }) as Promise<Array<Record<string, unknown>>>;

const distinct = <T>(values: T[]) => [...new Set(values)];

test('at least 30 organisations in 15 or more countries', async () => {
  const organisations = await published('api::organisation.organisation', { locale: 'en' });
  expect(organisations.length).toBeGreaterThanOrEqual(30);
  expect(distinct(organisations.flatMap((o) => o.countries as string[])).length).toBeGreaterThanOrEqual(15);
});

test('the 9 issue areas and 60+ skills are named in at least 8 languages each', async () => {
  const { strapi } = app();
  const translatedNames = async (uid: string) => {
    const rows = (await strapi.db.query(uid as never).findMany({ select: ['documentId', 'locale', 'name'] })) as Array<{
      documentId: string;
      locale: string;
      name: string;
    }>;
    const english = new Map(rows.filter((r) => r.locale === 'en').map((r) => [r.documentId, r.name]));
    const languages = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.locale === 'en' || row.name !== english.get(row.documentId)) {
        languages.set(row.documentId, (languages.get(row.documentId) ?? new Set()).add(row.locale));
      }
    }
    return [...english.keys()].map((id) => languages.get(id)?.size ?? 0);
  };
  const areas = await translatedNames('api::issue-area.issue-area');
  const skills = await translatedNames('api::skill.skill');
  expect(areas).toHaveLength(9);
  expect(skills.length).toBeGreaterThanOrEqual(60);
  expect(Math.min(...areas, ...skills)).toBeGreaterThanOrEqual(8);
});

test('150+ resources written in at least 8 languages, some members-only', async () => {
  const resources = await published('api::resource.resource');
  const documents = distinct(resources.map((r) => r.documentId));
  expect(documents.length).toBeGreaterThanOrEqual(150);
  const languages = distinct(resources.map((r) => r.locale as string));
  expect(languages.length).toBeGreaterThanOrEqual(8);
  for (const locale of languages) expect(resources.filter((r) => r.locale === locale).length).toBeGreaterThanOrEqual(10);
  expect(resources.some((r) => r.visibility === 'members')).toBe(true);
  expect(resources.some((r) => r.visibility === 'public')).toBe(true);
});

test('100+ members with every visibility setting', async () => {
  const members = (await app()
    .strapi.db.query('api::member.member')
    .findMany({ where: { locale: 'en' } })) as Array<{ visibility: string }>;
  expect(members.length).toBeGreaterThanOrEqual(100);
  expect(distinct(members.map((m) => m.visibility)).sort()).toEqual(['hidden', 'members', 'public']);
});

test('reading groups, workshops past and upcoming, and agreement versions 1 to 3', async () => {
  const now = Date.now();
  expect((await published('api::reading-group.reading-group', { locale: 'en' })).length).toBeGreaterThanOrEqual(3);
  const workshops = await published('api::workshop.workshop', { locale: 'en' });
  expect(workshops.some((w) => Date.parse(w.startsAt as string) < now)).toBe(true);
  expect(workshops.some((w) => Date.parse(w.startsAt as string) > now)).toBe(true);
  const versions = (await app()
    .strapi.db.query('api::agreement-version.agreement-version')
    .findMany({ where: { locale: 'en' }, orderBy: { versionNumber: 'asc' } })) as Array<{
    versionNumber: number;
    stage: string;
  }>;
  expect(versions.map((v) => [v.versionNumber, v.stage])).toEqual([
    [1, 'superseded'],
    [2, 'adopted'],
    [3, 'consultation'],
  ]);
});

test('GET /api/resources?locale=de serves German demo content to the public, public resources only', async () => {
  const response = await api(app()).get('/api/resources?locale=de&pagination[pageSize]=100');
  expect(response.status).toBe(200);
  expect(response.body.data.length).toBeGreaterThanOrEqual(10);
  expect(response.body.data.every((r: { locale: string; visibility: string }) => r.locale === 'de' && r.visibility === 'public')).toBe(true);
  expect(response.body.data.map((r: { title: string }) => r.title).join(' ')).toMatch(/[äöüß]|\b(der|die|das|und)\b/);
});

test('seeding twice changes nothing', async () => {
  const { strapi } = app();
  const types = [
    'api::issue-area.issue-area',
    'api::skill.skill',
    'api::organisation.organisation',
    'api::member.member',
    'api::resource.resource',
    'api::workshop.workshop',
    'api::reading-group.reading-group',
    'api::agreement-version.agreement-version',
    'api::suggestion.suggestion',
    'api::endorsement.endorsement',
    'plugin::users-permissions.user',
  ];
  const snapshot = async () =>
    Promise.all(
      types.map(async (uid) => {
        const rows = (await strapi.db.query(uid as never).findMany({ select: ['id', 'updatedAt'] })) as Array<{ id: number; updatedAt: string }>;
        return [uid, rows.length, rows.reduce((latest, row) => (String(row.updatedAt) > latest ? String(row.updatedAt) : latest), '')];
      }),
    );
  const before = await snapshot();
  await seedDemoData(strapi, loadPlatformConfig(strapi));
  expect(await snapshot()).toEqual(before);
});

test('demo members sign in with the documented demo password', async () => {
  const member = (await app()
    .strapi.db.query('plugin::users-permissions.user')
    .findOne({ where: { role: { type: 'facilitator' } } })) as { email: string };
  const response = await api(app()).post('/api/auth/local', { identifier: member.email, password: 'Demo-member-2026' });
  expect(response.status).toBe(200);
  const own = await api(app(), { jwt: response.body.jwt }).get('/api/members/me');
  expect(own.status).toBe(200);
});
