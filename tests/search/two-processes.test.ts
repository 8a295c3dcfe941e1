import { startAppProcess } from '../helpers/app-process';
import { usesPostgres } from '../helpers/databases';
import { searchConverged, useMeilisearch } from '../helpers/search';
import { useApp } from '../helpers/strapi';

/**
 * Two app processes on one PostgreSQL drain one outbox of 10,000 changes: each change is applied
 * by exactly one of them, and the index ends equal to the database. (SQLite runs one process.)
 */
const meilisearch = useMeilisearch();
const app = useApp();
const CHANGES = 10_000;
const RESOURCES = 300;

const onPostgres = usesPostgres() ? test : test.skip;

onPostgres(
  'two processes, 10,000 changes: each applied exactly once, the index equal to the database',
  async () => {
    const { strapi } = app();
    const documentIds: string[] = [];
    for (let i = 0; i < RESOURCES; i += 1) {
      const resource = (await strapi.documents('api::resource.resource').create({
        locale: i % 3 === 0 ? 'fr' : 'en',
        status: 'published',
        data: { title: `Shared outbox ${i}`, slug: `shared-outbox-${i}`, kind: 'guide', visibility: i % 4 === 0 ? 'members' : 'public' },
      } as never)) as { documentId: string };
      documentIds.push(resource.documentId);
    }
    await searchConverged(app());

    const outbox = strapi.plugin('multilingual-search').service('outbox');
    const claim = outbox.claim.bind(outbox);
    const claimedHere: number[] = [];
    outbox.claim = async (limit: number) => {
      const items = await claim(limit);
      claimedHere.push(...items.map((item: { id: number }) => item.id));
      return items;
    };

    const other = await startAppProcess();

    const ids: number[] = [];
    for (let i = 0; i < CHANGES; i += 500) {
      ids.push(
        ...(await outbox.record(
          Array.from({ length: Math.min(500, CHANGES - i) }, (_, j) => ({
            uid: 'api::resource.resource',
            documentId: documentIds[(i + j) % RESOURCES],
            locales: [],
          })),
        )),
      );
    }
    const recorded = new Set(ids);
    await searchConverged(app(), 240_000);

    const claimedThere = await other.stop();

    const all = [...claimedHere, ...claimedThere].filter((id) => recorded.has(id));
    expect(claimedThere.filter((id) => recorded.has(id)).length).toBeGreaterThan(0);
    expect(claimedHere.filter((id) => recorded.has(id)).length).toBeGreaterThan(0);
    expect(all.length).toBe(CHANGES);
    expect(new Set(all)).toEqual(recorded);

    const published = (await strapi.db.query('api::resource.resource').findMany({
      select: ['documentId', 'locale', 'title'],
      where: { publishedAt: { $notNull: true } },
    })) as Array<{ documentId: string; locale: string; title: string }>;
    const inIndex = ['en', 'fr'].flatMap((locale) =>
      [...(meilisearch().index(`test_resource_${locale}`)?.documents.values() ?? [])].map(
        (document) => `${document.documentId}:${document.locale}:${document.title}`,
      ),
    );
    expect(inIndex.sort()).toEqual(published.map((row) => `${row.documentId}:${row.locale}:${row.title}`).sort());
    expect(meilisearch().violations).toEqual([]);
  },
  300_000,
);
