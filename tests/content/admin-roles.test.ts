import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createMembers } from '../helpers/users';
import { createWorkshop } from '../participation/workshops';

/**
 * The admin-panel roles of src/bootstrap/admin-roles.ts, through the admin panel's own API (the
 * content manager) with a signed-in admin of each role: editors publish content but read no member's
 * personal data; community managers also read registrations and accounts.
 */
const app = useApp('empty');

const RESOURCES = 'api::resource.resource';
const REGISTRATIONS = 'api::registration.registration';
const USERS = 'plugin::users-permissions.user';
const MEMBERS = 'api::member.member';
const READING_GROUPS = 'api::reading-group.reading-group';
const CALENDAR_FEEDS = 'api::calendar-feed.calendar-feed';
const MANAGED_ROLES = ['strapi-editor', 'strapi-author', 'community-manager'];

const contentManager = (token: string) => {
  const base = (uid: string) => `/content-manager/collection-types/${uid}`;
  const call = () => api(app(), { token });
  return {
    list: (uid: string, query = '') => call().get(`${base(uid)}${query}`),
    read: (uid: string, documentId: string, query = '') => call().get(`${base(uid)}/${documentId}${query}`),
    create: (uid: string, data: object, query = '') => call().post(`${base(uid)}${query}`, data),
    publish: (uid: string, documentId: string, query = '') => call().post(`${base(uid)}/${documentId}/actions/publish${query}`, {}),
  };
};

/** Each managed role's permission rows, ids included: a start that changes nothing rewrites nothing. */
const permissionsOfRoles = async () => {
  const rows = (await app()
    .strapi.db.query('admin::permission')
    .findMany({
      where: { role: { code: { $in: MANAGED_ROLES } } },
      populate: ['role'],
    })) as Array<{ id: number; action: string; subject: string | null; properties: unknown; conditions: unknown; role: { code: string } }>;
  return rows.map(({ id, action, subject, properties, conditions, role }) => JSON.stringify([role.code, action, subject, properties, conditions, id])).sort();
};

test('the Editor, Author and Community manager roles exist with their names', async () => {
  const roles = (await app()
    .strapi.db.query('admin::role')
    .findMany({ where: { code: { $in: MANAGED_ROLES } } })) as Array<{ code: string; name: string }>;
  expect(Object.fromEntries(roles.map((role) => [role.code, role.name]))).toEqual({
    'strapi-editor': 'Editor',
    'strapi-author': 'Author',
    'community-manager': 'Community manager',
  });
});

test('an editor creates and publishes a resource', async () => {
  const editor = contentManager(await adminToken(app(), 'strapi-editor'));
  const created = await editor.create(
    RESOURCES,
    { title: 'Guide to interim measures', slug: 'guide-interim-measures', kind: 'guide', visibility: 'public' },
    '?locale=en',
  );
  expect(created.status).toBe(201);
  const published = await editor.publish(RESOURCES, created.body.data.documentId, '?locale=en');
  expect(published.status).toBe(200);
  const response = await api(app()).get('/api/resources?filters[slug][$eq]=guide-interim-measures&locale=en');
  expect(response.body.data.map((resource: { title: string }) => resource.title)).toEqual(['Guide to interim measures']);
});

test("an editor is refused registrations, accounts (members' e-mail addresses) and calendar feeds", async () => {
  const editor = contentManager(await adminToken(app(), 'strapi-editor'));
  expect((await editor.list(REGISTRATIONS)).status).toBe(403);
  expect((await editor.list(USERS)).status).toBe(403);
  expect((await editor.list(CALENDAR_FEEDS)).status).toBe(403);
});

test("an editor reads members' public names only, and no reading group's participants", async () => {
  const [member] = await createMembers(app(), 1);
  const editor = contentManager(await adminToken(app(), 'strapi-editor'));
  const members = await editor.list(MEMBERS, '?locale=en');
  expect(members.status).toBe(200);
  const listed = members.body.results.find((entry: { documentId: string }) => entry.documentId === member.memberId);
  expect(listed).toMatchObject({ displayName: expect.any(String) });
  for (const personal of ['bio', 'visibility', 'countries', 'user']) expect(listed).not.toHaveProperty(personal);

  const group = await app()
    .strapi.documents(READING_GROUPS)
    .create({
      locale: 'en',
      data: {
        name: 'Reading group on standing',
        slug: 'reading-group-standing',
        capacity: 10,
        groupStatus: 'forming',
        visibility: 'members',
        participants: [member.memberId],
      },
    } as never);
  const read = await editor.read(READING_GROUPS, group.documentId, '?locale=en');
  expect(read.status).toBe(200);
  expect(read.body.data.name).toBe('Reading group on standing');
  expect(read.body.data).not.toHaveProperty('participants');
});

test("a community manager reads a workshop's registrations and members' accounts", async () => {
  const workshop = await createWorkshop(app());
  const members = await createMembers(app(), 2);
  for (const member of members) expect((await api(app(), member).post(`/api/workshops/${workshop}/registrations`)).status).toBe(201);
  const manager = contentManager(await adminToken(app(), 'community-manager'));

  const registrations = await manager.list(REGISTRATIONS, `?filters[workshop][documentId][$eq]=${workshop}`);
  expect(registrations.status).toBe(200);
  expect(registrations.body.results).toHaveLength(2);

  const accounts = await manager.list(USERS);
  expect(accounts.status).toBe(200);
  const emails = accounts.body.results.map((account: { email: string }) => account.email);
  expect(emails).toEqual(expect.arrayContaining(members.map((member) => member.email)));
  expect(accounts.body.results[0]).not.toHaveProperty('password');
  // A feed holds only its account and the hash of its secret link: no admin role needs it.
  expect((await manager.list(CALENDAR_FEEDS)).status).toBe(403);
});

test('a restart leaves the roles and their permissions as they were, and undoes a permission added by hand', async () => {
  const before = await permissionsOfRoles();
  const editorRole = await app()
    .strapi.db.query('admin::role')
    .findOne({ where: { code: 'strapi-editor' } });
  await app()
    .strapi.service('admin::permission')
    .createMany([{ action: 'plugin::content-manager.explorer.read', subject: REGISTRATIONS, properties: {}, conditions: [], role: editorRole.id }]);
  expect(await permissionsOfRoles()).not.toEqual(before);

  await app().restart();

  expect(await permissionsOfRoles()).toEqual(before);
  const editor = contentManager(await adminToken(app(), 'strapi-editor'));
  expect((await editor.list(REGISTRATIONS)).status).toBe(403);
});
