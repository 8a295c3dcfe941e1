import { CONTENT_LOCALES } from '../../config/platform';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';

/** What the app sets up at every start: locales, roles and permissions, sign-up setting, locale coverage. */
const app = useApp();

const localeCodes = async () =>
  ((await app().strapi.db.query('plugin::i18n.locale').findMany({})) as Array<{ code: string }>).map((locale) => locale.code).sort();

const permissionsOf = async (type: string) =>
  (
    (await app()
      .strapi.db.query('plugin::users-permissions.permission')
      .findMany({ where: { role: { type } } })) as Array<{ action: string }>
  )
    .map((permission) => permission.action)
    .sort();

test('every configured locale exists, English is the default', async () => {
  expect(await localeCodes()).toEqual([...CONTENT_LOCALES.enabled].sort());
  expect(await app().strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('en');
  const response = await api(app()).get('/api/i18n/locales');
  expect(response.status).toBe(200);
});

test('the four roles exist and members-only routes are not granted to the public', async () => {
  const types = ((await app().strapi.db.query('plugin::users-permissions.role').findMany({})) as Array<{ type: string }>).map((r) => r.type).sort();
  expect(types).toEqual(['authenticated', 'facilitator', 'org-representative', 'public']);
  const publicActions = await permissionsOf('public');
  expect(publicActions).toContain('api::resource.resource.find');
  expect(publicActions).not.toContain('api::registration.registration.find');
  expect(publicActions).not.toContain('api::suggestion.suggestion.find');
  expect(publicActions).not.toContain('plugin::users-permissions.auth.register');
  for (const role of ['org-representative', 'facilitator']) {
    expect(await permissionsOf(role)).toEqual(expect.arrayContaining(await permissionsOf('authenticated')));
  }
});

test('self-registration is closed: members are invited', async () => {
  const response = await api(app()).post('/api/auth/local/register', { username: 'intruder', email: 'intruder@example.org', password: 'Intruder-123' });
  expect(response.status).toBe(403);
  expect(
    await app()
      .strapi.db.query('plugin::users-permissions.user')
      .count({ where: { email: 'intruder@example.org' } }),
  ).toBe(0);
});

test('a restart changes nothing, and undoes a permission opened by hand', async () => {
  const { strapi } = app();
  const publicRole = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  await strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'api::registration.registration.find', role: publicRole.id } });
  const before = {
    locales: await localeCodes(),
    authenticated: await permissionsOf('authenticated'),
    roles: await strapi.db.query('plugin::users-permissions.role').count(),
  };

  await app().restart();

  expect(await localeCodes()).toEqual(before.locales);
  expect(await permissionsOf('authenticated')).toEqual(before.authenticated);
  expect(await app().strapi.db.query('plugin::users-permissions.role').count()).toBe(before.roles);
  expect(await permissionsOf('public')).not.toContain('api::registration.registration.find');
  expect((await api(app()).get('/api/registrations')).status).toBe(401);
});

test('an issue area created in one locale exists in every locale, ready to be linked and translated', async () => {
  const { strapi } = app();
  const area = await strapi.documents('api::issue-area.issue-area').create({ locale: 'en', data: { name: 'Roma rights', slug: 'roma-rights' } } as never);
  const rows = (await strapi.db.query('api::issue-area.issue-area').findMany({ where: { documentId: area.documentId } })) as Array<{
    locale: string;
    name: string;
  }>;
  expect(rows.map((row) => row.locale).sort()).toEqual([...CONTENT_LOCALES.enabled].sort());
  expect(new Set(rows.map((row) => row.name))).toEqual(new Set(['Roma rights']));

  const resource = await strapi.documents('api::resource.resource').create({
    locale: 'hu',
    status: 'published',
    data: { title: 'Iskolai szegregáció', slug: 'iskolai-szegregacio', kind: 'guide', visibility: 'public', issueAreas: [area.documentId] },
  } as never);
  const response = await api(app()).get(`/api/resources/${resource.documentId}?locale=hu&populate=issueAreas`);
  expect(response.body.data.issueAreas.map((linked: { slug: string }) => linked.slug)).toEqual(['roma-rights']);
});
