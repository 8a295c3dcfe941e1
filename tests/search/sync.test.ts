import { api } from '../helpers/api';
import { breakEngineWrites, indexedEntries, outboxStats, searchSettled } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createFullAccessToken } from '../helpers/users';

/** Index sync for a type with i18n and draft & publish: after each step the index holds exactly the published locales, with their published text. */
const app = useApp();
const RESOURCE = 'api::resource.resource';
const documents = () => app().strapi.documents(RESOURCE);

const indexed = async (documentId: string) => {
  await searchSettled(app());
  const entries = await indexedEntries(app(), 'resource', documentId);
  return Object.fromEntries(Object.entries(entries).map(([locale, entry]) => [locale, entry.title]));
};

test('the full draft & publish × locale matrix', async () => {
  const { documentId } = (await documents().create({ locale: 'en', data: { title: 'Draft title', slug: 'matrix-resource', kind: 'guide', visibility: 'public' } } as never)) as {
    documentId: string;
  };
  expect(await indexed(documentId)).toEqual({}); // a draft never reaches the index

  await documents().publish({ documentId, locale: 'en' } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title' });

  await documents().update({ documentId, locale: 'fr', data: { title: 'Titre publié', slug: 'matrix-resource' } } as never);
  await documents().publish({ documentId, locale: '*' } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title', fr: 'Titre publié' });

  await documents().update({ documentId, locale: 'en', data: { title: 'Edited but not published' } } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title', fr: 'Titre publié' });

  await documents().unpublish({ documentId, locale: 'fr' } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title' });

  await documents().discardDraft({ documentId, locale: 'en' } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title' });

  await documents().publish({ documentId, locale: 'fr' } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title', fr: 'Titre publié' });

  await documents().delete({ documentId, locale: 'fr' } as never);
  expect(await indexed(documentId)).toEqual({ en: 'Draft title' });

  await documents().delete({ documentId, locale: '*' } as never);
  expect(await indexed(documentId)).toEqual({});
});

test('a profile made hidden leaves the index in every locale', async () => {
  const members = app().strapi.documents('api::member.member');
  const { documentId } = (await members.create({ locale: 'en', data: { displayName: 'Ioana Dumitru', visibility: 'public', bio: 'Housing lawyer.' } } as never)) as { documentId: string };
  await members.update({ documentId, locale: 'ro', data: { bio: 'Avocată în drept locativ.' } } as never);
  await searchSettled(app());
  expect(Object.keys(await indexedEntries(app(), 'member', documentId)).sort()).toEqual(['en', 'ro']);
  await members.update({ documentId, locale: 'en', data: { visibility: 'hidden' } } as never);
  await searchSettled(app());
  expect(await indexedEntries(app(), 'member', documentId)).toEqual({});
});

test('renaming an organisation updates its name in every resource that embeds it', async () => {
  const organisations = app().strapi.documents('api::organisation.organisation');
  const organisation = (await organisations.create({
    locale: 'en',
    status: 'published',
    data: { name: 'Old Name Collective', slug: 'renamed-org', kind: 'ngo', countries: ['IE'], participationStatus: 'active' },
  } as never)) as { documentId: string };
  const ids: string[] = [];
  for (const n of [1, 2]) {
    const resource = (await documents().create({
      locale: 'en',
      status: 'published',
      data: { title: `Renaming test ${n}`, slug: `renaming-test-${n}`, kind: 'report', visibility: 'public', authorOrganisations: [organisation.documentId] },
    } as never)) as { documentId: string };
    ids.push(resource.documentId);
  }
  await searchSettled(app());
  await organisations.update({ documentId: organisation.documentId, locale: 'en', status: 'published', data: { name: 'New Name Alliance' } } as never);
  await searchSettled(app());
  for (const id of ids) expect((await indexedEntries(app(), 'resource', id)).en.organisationName).toEqual(['New Name Alliance']);
  const search = await api(app()).get('/api/multilingual-search/search?q=alliance&types=resource&locale=en');
  expect(search.body.data.map((hit: { documentId: string }) => hit.documentId).sort()).toEqual([...ids].sort());
  expect((await api(app()).get('/api/multilingual-search/search?q=collective&types=resource&locale=en')).body.meta.pagination.total).toBe(0);
});

describe('the outbox', () => {
  test('while the engine fails, writes succeed and wait; after recovery the index converges and nothing is lost', async () => {
    const token = await createFullAccessToken(app());
    const repair = breakEngineWrites(app());
    const created: string[] = [];
    for (const n of [1, 2, 3]) {
      const response = await api(app(), { token }).post('/api/resources?status=published', {
        data: { title: `Written while down ${n}`, slug: `written-while-down-${n}`, kind: 'guide', visibility: 'public' },
      });
      expect(response.status).toBe(201);
      created.push(response.body.data.documentId);
    }
    await searchSettled(app());
    const stats = await outboxStats(app());
    expect(stats.retrying).toBeGreaterThanOrEqual(1);
    expect(stats.lastError?.message).toContain('search engine unavailable');
    for (const id of created) expect(await indexedEntries(app(), 'resource', id)).toEqual({});

    repair();
    const deadline = Date.now() + 20_000;
    while ((await outboxStats(app())).pending > 0 && Date.now() < deadline) {
      app().strapi.plugin('multilingual-search').service('sync').wake();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const id of created) expect(Object.keys(await indexed(id))).toEqual(['en']);
    expect(await outboxStats(app())).toMatchObject({ pending: 0, failed: 0 });
  }, 60_000);

  test('a restart in the middle of a backlog still converges', async () => {
    const repair = breakEngineWrites(app());
    const { documentId } = (await documents().create({
      locale: 'en',
      status: 'published',
      data: { title: 'Backlog before restart', slug: 'backlog-before-restart', kind: 'guide', visibility: 'public' },
    } as never)) as { documentId: string };
    await searchSettled(app());
    expect((await outboxStats(app())).retrying).toBeGreaterThanOrEqual(1);
    repair();
    await app().restart();
    expect(await indexed(documentId)).toEqual({ en: 'Backlog before restart' });
    expect((await outboxStats(app())).pending).toBe(0);
  });
});
