import { ADMIN_VIEWS, type AdminView } from '../../src/bootstrap/admin-views/views';
import { adminToken } from '../helpers/admin';
import { useApp } from '../helpers/strapi';

/**
 * The content manager's views (src/bootstrap/admin-views), read back through the admin panel's own
 * API as the panel reads them: after a start, after an editor's changes and a restart.
 */
const app = useApp('seeded');

type Configuration = {
  settings: { mainField: string; defaultSortBy: string; defaultSortOrder: string; pageSize: number };
  metadatas: Record<string, { edit: { label?: string; description?: string; mainField?: string }; list: { label?: string; mainField?: unknown } }>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
};

let token: string;
beforeAll(async () => {
  token = await adminToken(app());
});

const configurationPath = (uid: string) =>
  uid.includes('::') ? `/content-manager/content-types/${uid}/configuration` : `/content-manager/components/${uid}/configuration`;

const configurationOf = async (uid: string): Promise<Configuration> => {
  const response = await app().http().get(configurationPath(uid)).set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  return uid.includes('::') ? response.body.data.contentType : response.body.data.component;
};

const expectViewApplied = async (view: AdminView) => {
  const configuration = await configurationOf(view.uid);
  expect(configuration.settings).toMatchObject({ mainField: view.mainField, defaultSortBy: view.sortBy.field, defaultSortOrder: view.sortBy.order });
  expect(configuration.layouts.list).toEqual(view.columns);
  for (const [name, field] of Object.entries(view.fields)) {
    expect({ name, ...configuration.metadatas[name].edit }).toMatchObject({ name, label: field.label, description: field.description ?? '' });
    expect({ name, ...configuration.metadatas[name].list }).toMatchObject({ name, label: field.label });
    if (field.shows) expect({ name, mainField: configuration.metadatas[name].edit.mainField }).toEqual({ name, mainField: field.shows });
  }
  const placed = view.rows.map((row) => row.map((entry) => (typeof entry === 'string' ? entry : entry[0])));
  expect(configuration.layouts.edit.slice(0, placed.length).map((row) => row.map((field) => field.name))).toEqual(placed);
  return configuration;
};

test('every declared view is applied: main field, sort, columns, labels, descriptions, relations by name, field order', async () => {
  for (const view of ADMIN_VIEWS) await expectViewApplied(view);
});

test('the fields editors complained about read in plain English; the lists show the columns asked for', async () => {
  const resource = await configurationOf('api::resource.resource');
  expect(resource.metadatas.issueAreas.edit).toMatchObject({ label: 'Issue areas', mainField: 'name' });
  expect(resource.metadatas.caseNumber.edit.label).toBe('Case number');
  expect(resource.metadatas.ecli.edit.label).toBe('ECLI');
  expect(resource.metadatas.ecli.edit.description).toContain('European Case Law Identifier');
  expect(resource.metadatas.kind.edit.description).toContain('case_note (case note)');
  expect(resource.layouts.list).toEqual(['title', 'kind', 'visibility', 'date']);

  const version = await configurationOf('api::agreement-version.agreement-version');
  expect(version.metadatas.versionNumber.edit.label).toBe('Version number');
  expect(version.metadatas.stage.edit.label).toBe('Stage');
  expect(version.layouts.list).toEqual(['versionNumber', 'title', 'stage', 'consultationOpensAt', 'consultationClosesAt']);
  expect(version.settings.mainField).toBe('title');

  expect((await configurationOf('api::workshop.workshop')).layouts.list).toEqual(['title', 'format', 'startsAt', 'capacity', 'visibility']);
  const member = await configurationOf('api::member.member');
  expect(member.layouts.list).toEqual(['displayName', 'organisation', 'visibility', 'openToQuestions']);
  expect(member.metadatas.organisation.edit.mainField).toBe('name');
  expect((await configurationOf('api::organisation.organisation')).layouts.list).toEqual(['name', 'kind', 'participationStatus', 'joinedOn']);
  const registration = await configurationOf('api::registration.registration');
  expect(registration.metadatas.workshop.edit.mainField).toBe('title');
  expect(registration.metadatas.state.edit.label).toBe('State');
});

test('every field of every edit view has a label that is not its raw name, and every relation names its entries', async () => {
  for (const view of ADMIN_VIEWS) {
    const configuration = await configurationOf(view.uid);
    for (const { name } of configuration.layouts.edit.flat()) {
      expect({ uid: view.uid, name, declared: name in view.fields }).toEqual({ uid: view.uid, name, declared: true });
      expect(configuration.metadatas[name].edit.label).not.toBe(name);
    }
  }
});

test("every list column has a label that is not its raw name, Strapi's timestamps included", async () => {
  for (const view of ADMIN_VIEWS) {
    const configuration = await configurationOf(view.uid);
    for (const name of configuration.layouts.list) {
      expect({ uid: view.uid, name, label: configuration.metadatas[name].list.label }).not.toEqual({ uid: view.uid, name, label: name });
    }
  }
  const registration = await configurationOf('api::registration.registration');
  expect(registration.metadatas.createdAt.list.label).toBe('Registered');
  expect((await configurationOf('api::resource.resource')).metadatas.updatedAt.list.label).toBe('Last edited');
});

test('internal tables are hidden from the content manager; registrations are not', async () => {
  const response = await app().http().get('/content-manager/content-types').set('Authorization', `Bearer ${token}`);
  const displayed = new Map((response.body.data as Array<{ uid: string; isDisplayed: boolean }>).map((type) => [type.uid, type.isDisplayed]));
  for (const uid of [
    'api::calendar-feed.calendar-feed',
    'plugin::skills-mapping.claim',
    'plugin::skills-mapping.coverage-cell',
    'plugin::skills-mapping.coverage-state',
    'plugin::multilingual-search.outbox-item',
    'plugin::multilingual-search.index-sync',
  ]) {
    expect({ uid, displayed: displayed.get(uid) }).toEqual({ uid, displayed: false });
  }
  for (const view of ADMIN_VIEWS.filter(({ uid }) => uid.includes('::'))) {
    expect({ uid: view.uid, displayed: displayed.get(view.uid) }).toEqual({ uid: view.uid, displayed: true });
  }
});

test('the home page offers no guided tour, even to the first super admin (the only one here)', async () => {
  const response = await app().http().get('/admin/guided-tour-meta').set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  expect(response.body.data.isFirstSuperAdminUser).toBe(false);
});

test("the home page's last-edited widget names resources, workshops and agreement versions by their titles, and lists no calendar feed", async () => {
  const { strapi } = app();
  const created = {
    resource: await strapi
      .documents('api::resource.resource')
      .create({ locale: 'en', data: { title: 'Widget check: a guide', slug: 'widget-check-guide', kind: 'guide', visibility: 'members' } } as never),
    workshop: await strapi.documents('api::workshop.workshop').create({
      locale: 'en',
      data: {
        title: 'Widget check: a clinic',
        slug: 'widget-check-clinic',
        format: 'case_clinic',
        startsAt: '2027-03-01T09:00:00Z',
        endsAt: '2027-03-01T17:00:00Z',
        capacity: 20,
        visibility: 'members',
      },
    } as never),
  };
  const response = await app().http().get('/content-manager/homepage/recent-documents?action=update').set('Authorization', `Bearer ${token}`);
  expect(response.status).toBe(200);
  const documents = response.body.data as Array<{ documentId: string; title: unknown; contentTypeUid: string }>;
  expect(documents.find((document) => document.documentId === created.resource.documentId)?.title).toBe('Widget check: a guide');
  expect(documents.find((document) => document.documentId === created.workshop.documentId)?.title).toBe('Widget check: a clinic');
  expect(documents.filter((document) => document.contentTypeUid === 'api::calendar-feed.calendar-feed')).toEqual([]);
  for (const document of documents.filter(({ contentTypeUid }) =>
    ['api::resource.resource', 'api::workshop.workshop', 'api::agreement-version.agreement-version'].includes(contentTypeUid),
  )) {
    expect(document.title).not.toBe(document.documentId);
  }
});

test("a restart restores the declared views over an editor's changes, keeps what they do not declare, and writes nothing when nothing changed", async () => {
  const uid = 'api::resource.resource';
  const before = await configurationOf(uid);
  const edited = {
    settings: { ...before.settings, mainField: 'slug', pageSize: 50 },
    metadatas: Object.fromEntries(
      Object.entries(before.metadatas)
        .filter(([name]) => name !== 'documentId')
        // As the panel saves them: without the relations' list.mainField, which the GET adds.
        .map(
          ([
            name,
            {
              edit,
              list: { mainField: _, ...list },
            },
          ]) => [name, { edit: name === 'caseNumber' ? { ...edit, label: 'caseNumber' } : edit, list }],
        ),
    ),
    layouts: { list: ['title', 'slug'], edit: before.layouts.edit },
  };
  const saved = await app().http().put(`/content-manager/content-types/${uid}/configuration`).set('Authorization', `Bearer ${token}`).send(edited);
  expect(saved.status).toBe(200);
  expect((await configurationOf(uid)).layouts.list).toEqual(['title', 'slug']);

  await app().restart();
  token = await adminToken(app());
  const after = await expectViewApplied(ADMIN_VIEWS.find((view) => view.uid === uid)!);
  expect(after.metadatas.caseNumber.edit.label).toBe('Case number');
  expect(after.settings.pageSize).toBe(50);

  // A second restart has nothing to change: the stored configurations stay as they are.
  const stored = async () =>
    (await app()
      .strapi.db.query('strapi::core-store')
      .findMany({ where: { key: { $startsWith: 'plugin_content_manager_configuration_' } }, orderBy: { key: 'asc' } })) as Array<{
      key: string;
      value: string;
    }>;
  const once = await stored();
  await app().restart();
  expect(await stored()).toEqual(once);
  token = await adminToken(app());
  for (const view of ADMIN_VIEWS) await expectViewApplied(view);
});
