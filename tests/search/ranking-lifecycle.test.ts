import { loadPlatformConfig } from '../../src/platform-config';
import { seedDemoData } from '../../src/seed';
import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { searchConverged } from '../helpers/search';
import { useApp } from '../helpers/strapi';

/**
 * The search as people live with it: a first `npm run develop` seeds the demo data inside the
 * running server (so every document reaches the embedded indexes through the outbox, one change
 * at a time), editors then edit, publish and unpublish in several locales in the admin panel, and
 * the server restarts now and then (indexes built fresh from the database). The ranking must not
 * depend on that history.
 */
const app = useApp('empty');
const RESOURCES = 'api::resource.resource';

type Hit = { type: string; documentId: string; locale: string; otherLanguage: boolean; score: number | null };
/** `facets` as the JSON text of `meta.facets`: its order is part of the answer. */
type Answer = { status: number; hits: Hit[]; total: number; facets: string };

const QUERIES = [
  'q=discrimination&locale=fr&pageSize=20&facets=*',
  'q=discrimination&locale=en&pageSize=20',
  'q=climat+contentieux&locale=fr&pageSize=20',
  'q=Verfassungsbeschwerde&locale=de&pageSize=20',
  'q=Roma+segregation&locale=hu&pageSize=20',
  'q=asylum+refugees&locale=el&pageSize=20',
  'q=eviction&locale=es&pageSize=20&types=resource&facets=resourceKind,jurisdiction,issueArea,language',
];

const ask = async (query: string, caller: Parameters<typeof api>[1] = 'public'): Promise<Answer> => {
  const response = await api(app(), caller).get(`/api/multilingual-search/search?${query}`);
  return {
    status: response.status,
    hits: response.body.data ?? [],
    total: response.body.meta?.pagination?.total,
    facets: JSON.stringify(response.body.meta?.facets),
  };
};

const askAll = async () => Object.fromEntries(await Promise.all(QUERIES.map(async (query) => [query, await ask(query)] as const)));

/** Same hits in the same order, scores equal within 1e-9 (the API rounds them to 4 decimals). */
const expectSameRanking = (after: Record<string, Answer>, before: Record<string, Answer>) => {
  for (const query of QUERIES) {
    expect({
      query,
      total: after[query].total,
      facets: after[query].facets,
      hits: after[query].hits.map((hit) => `${hit.type}:${hit.documentId}:${hit.locale}`),
    }).toEqual({
      query,
      total: before[query].total,
      facets: before[query].facets,
      hits: before[query].hits.map((hit) => `${hit.type}:${hit.documentId}:${hit.locale}`),
    });
    after[query].hits.forEach((hit, at) => expect(Math.abs((hit.score ?? NaN) - (before[query].hits[at].score ?? NaN))).toBeLessThan(1e-9));
  }
};

/** What every answer must be: numeric scores, the searcher's language first, by score, the same total on every page. */
const expectWellFormed = async (query: string) => {
  const first = await ask(query);
  expect(first.status).toBe(200);
  expect(first.hits.length).toBeGreaterThan(0);
  for (const hit of first.hits) expect(typeof hit.score).toBe('number');
  const firstOther = first.hits.findIndex((hit) => hit.otherLanguage);
  if (firstOther >= 0) expect(first.hits.slice(firstOther).every((hit) => hit.otherLanguage)).toBe(true);
  for (let i = 1; i < first.hits.length; i += 1) expect(first.hits[i - 1].score!).toBeGreaterThanOrEqual(first.hits[i].score!);

  const base = query.replace(/&pageSize=\d+/, '');
  const paged: Hit[] = [];
  for (const pageSize of [1, 3, 10, 50]) {
    const pages = Math.min(5, Math.ceil(first.total / pageSize));
    for (let page = 1; page <= pages; page += 1) {
      const answer = await ask(`${base}&pageSize=${pageSize}&page=${page}`);
      expect({ pageSize, page, total: answer.total }).toEqual({ pageSize, page, total: first.total });
      if (pageSize === 3) paged.push(...answer.hits);
    }
  }
  // Pages of 3 put end to end give the same hits as one page.
  expect(paged.map((hit) => hit.documentId)).toEqual(first.hits.slice(0, paged.length).map((hit) => hit.documentId));
};

let editor: string;

test('seeding inside the running server (first run) ranks like the indexes built at the next start', async () => {
  const { strapi } = app();
  await seedDemoData(strapi, loadPlatformConfig(strapi));
  await searchConverged(app());
  const firstRun = await askAll();
  for (const query of QUERIES) await expectWellFormed(query);

  await app().restart();
  await searchConverged(app());
  expectSameRanking(await askAll(), firstRun);
}, 600_000);

test("after editors' edits, publications and unpublications in several locales: numeric scores, language first, stable totals, same ranking as after a restart", async () => {
  editor = await adminToken(app());
  const admin = () => app().http();
  const resources = (await app()
    .strapi.documents(RESOURCES)
    .findMany({ locale: 'fr', status: 'published', fields: ['title', 'summary'] } as never)) as unknown as Array<{
    documentId: string;
    title: string;
    summary: string;
  }>;
  expect(resources.length).toBeGreaterThanOrEqual(3);

  // Three French resources edited and republished three times each, as in the admin panel.
  for (const resource of resources.slice(0, 3)) {
    for (let round = 1; round <= 3; round += 1) {
      const data = { title: `${resource.title} (${round})`, summary: `${resource.summary} Discrimination, révision ${round}.` };
      const saved = await admin()
        .put(`/content-manager/collection-types/${RESOURCES}/${resource.documentId}?locale=fr`)
        .set('Authorization', `Bearer ${editor}`)
        .send(data);
      expect(saved.status).toBe(200);
      const published = await admin()
        .post(`/content-manager/collection-types/${RESOURCES}/${resource.documentId}/actions/publish?locale=fr`)
        .set('Authorization', `Bearer ${editor}`)
        .send(data);
      expect(published.status).toBe(200);
    }
  }
  // Unpublished in one locale, published again in another.
  const [unpublished] = (await app()
    .strapi.documents(RESOURCES)
    .findMany({ locale: 'en', status: 'published', fields: ['title'] } as never)) as unknown as Array<{ documentId: string }>;
  const off = await admin()
    .post(`/content-manager/collection-types/${RESOURCES}/${unpublished.documentId}/actions/unpublish?locale=en`)
    .set('Authorization', `Bearer ${editor}`)
    .send({});
  expect(off.status).toBe(200);
  const german = (await app()
    .strapi.documents(RESOURCES)
    .findMany({ locale: 'de', status: 'published', fields: ['title'] } as never)) as unknown as Array<{ documentId: string }>;
  const unpublishedDe = german[0];
  await admin()
    .post(`/content-manager/collection-types/${RESOURCES}/${unpublishedDe.documentId}/actions/unpublish?locale=de`)
    .set('Authorization', `Bearer ${editor}`)
    .send({});
  const back = await admin()
    .post(`/content-manager/collection-types/${RESOURCES}/${unpublishedDe.documentId}/actions/publish?locale=de`)
    .set('Authorization', `Bearer ${editor}`)
    .send({});
  expect(back.status).toBe(200);
  await searchConverged(app());

  const edited = await askAll();
  for (const query of QUERIES) await expectWellFormed(query);
  const french = edited['q=discrimination&locale=fr&pageSize=20&facets=*'].hits;
  expect(french[0]).toMatchObject({ locale: 'fr', otherLanguage: false });
  expect(french.filter((hit) => resources.slice(0, 3).some((resource) => resource.documentId === hit.documentId))).toHaveLength(3);

  await app().restart();
  await searchConverged(app());
  expectSameRanking(await askAll(), edited);
}, 600_000);
