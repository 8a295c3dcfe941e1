import { api } from '../helpers/api';
import { indexedEntries, outboxStats, searchConverged, searchSettled } from '../helpers/search';
import type { TestApp } from '../helpers/strapi';
import { createFullAccessToken, createUser } from '../helpers/users';

/**
 * The sync tests every engine must pass (run by sync.embedded.test.ts and sync.meilisearch.test.ts):
 * after each step of the draft & publish × locale matrix the index holds exactly the published
 * locales with their published text; relations; and the outbox when the engine fails.
 */
export type SyncSuiteOptions = {
  /** Makes the engine fail (as when its server is down); resolves to the function that repairs it. */
  breakEngine: () => Promise<() => Promise<void>>;
};

export const describeSyncSuite = (app: () => TestApp, { breakEngine }: SyncSuiteOptions) => {
  const RESOURCE = 'api::resource.resource';
  const documents = () => app().strapi.documents(RESOURCE);

  const indexed = async (documentId: string) => {
    await searchSettled(app());
    const entries = await indexedEntries(app(), 'resource', documentId);
    return Object.fromEntries(Object.entries(entries).map(([locale, entry]) => [locale, entry.title]));
  };

  test('the full draft & publish × locale matrix', async () => {
    const { documentId } = (await documents().create({
      locale: 'en',
      data: { title: 'Draft title', slug: 'matrix-resource', kind: 'guide', visibility: 'public' },
    } as never)) as {
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
    const { documentId } = (await members.create({
      locale: 'en',
      data: { displayName: 'Ioana Dumitru', visibility: 'public', bio: 'Housing lawyer.' },
    } as never)) as { documentId: string };
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

  describe('visibility', () => {
    type Hit = { documentId: string };
    const search = (query: string, caller: Parameters<typeof api>[1] = 'public') => api(app(), caller).get(`/api/multilingual-search/search?${query}`);

    test('a members-only resource is never in a public search: hits, totals and facet counts', async () => {
      const member = await createUser(app(), 'authenticated');
      const create = (slug: string, visibility: string) =>
        documents().create({
          locale: 'en',
          status: 'published',
          data: { title: `Zebrafinch ${visibility}`, slug, kind: visibility === 'members' ? 'template' : 'guide', visibility },
        } as never);
      const open = (await create('zebrafinch-public', 'public')) as { documentId: string };
      const closed = (await create('zebrafinch-members', 'members')) as { documentId: string };
      await searchSettled(app());
      const asPublic = await search('q=zebrafinch&locale=en&facets=resourceKind,type');
      const asMember = await search('q=zebrafinch&locale=en&facets=resourceKind,type', member);
      expect((asPublic.body.data as Hit[]).map((hit) => hit.documentId)).toEqual([open.documentId]);
      expect(asPublic.body.meta.pagination.total).toBe(1);
      expect(asPublic.body.meta.facets).toEqual({ resourceKind: { guide: 1 }, type: { resource: 1 } });
      expect((asMember.body.data as Hit[]).map((hit) => hit.documentId).sort()).toEqual([open.documentId, closed.documentId].sort());
      expect(asMember.body.meta.facets.resourceKind).toEqual({ guide: 1, template: 1 });
    });

    test('an injection attempt in a filter value is one plain value and matches nothing', async () => {
      // Its own data, found by one word: a public guide that an escaped quote could add to the results,
      // and a members-only template that an injected `OR visibility = "members"` would show the public.
      const create = (slug: string, kind: string, visibility: string) =>
        documents().create({ locale: 'en', status: 'published', data: { title: `Quetzalbait ${visibility}`, slug, kind, visibility } } as never) as Promise<{
          documentId: string;
        }>;
      const guide = await create('quetzalbait-public', 'guide', 'public');
      await create('quetzalbait-members', 'template', 'members');
      await searchSettled(app());
      const found = async (kind: string) => {
        const response = await search(`q=quetzalbait&filters[resourceKind]=${encodeURIComponent(kind)}&locale=en`);
        expect(response.status).toBe(200);
        return (response.body.data as Hit[]).map((hit) => hit.documentId);
      };
      expect(await found('guide')).toEqual([guide.documentId]);
      for (const value of [
        'x" OR visibility = "members',
        'guide") OR (visibility = "members',
        'x\\" OR resourceKind = "guide',
        'x\\" OR visibility = \\"members',
      ]) {
        expect(await found(value)).toEqual([]);
      }
    });
  });

  describe('the outbox', () => {
    test('while the engine fails, writes succeed and wait; after recovery the index converges and nothing is lost', async () => {
      const token = await createFullAccessToken(app());
      const repair = await breakEngine();
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
      expect(stats.lastError?.message).toBeTruthy();

      await repair();
      await searchConverged(app());
      for (const id of created) expect(Object.keys(await indexed(id))).toEqual(['en']);
      expect(await outboxStats(app())).toMatchObject({ pending: 0, failed: 0 });
    }, 60_000);

    test('a restart in the middle of a backlog still converges', async () => {
      const repair = await breakEngine();
      const { documentId } = (await documents().create({
        locale: 'en',
        status: 'published',
        data: { title: 'Backlog before restart', slug: 'backlog-before-restart', kind: 'guide', visibility: 'public' },
      } as never)) as { documentId: string };
      await searchSettled(app());
      expect((await outboxStats(app())).retrying).toBeGreaterThanOrEqual(1);
      await repair();
      await app().restart();
      await searchConverged(app());
      expect(await indexed(documentId)).toEqual({ en: 'Backlog before restart' });
      expect((await outboxStats(app())).pending).toBe(0);
    });
  });
};
