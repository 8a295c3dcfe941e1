import { api } from '../helpers/api';
import { adminToken } from '../helpers/admin';
import { searchSettled } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** The search API on the demo data: languages, visibility, bad input, safe highlights, reindexing. */
const app = useApp('seeded');
let member: TestUser;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
  await searchSettled(app());
});

type Hit = { type: string; documentId: string; locale: string; title: string; slug: string | null; snippet: string; otherLanguage: boolean };
const search = (query: string, caller: Parameters<typeof api>[1] = 'public') => api(app(), caller).get(`/api/multilingual-search/search?${query}`);

describe('an inflected or misspelt query finds the document written in that language', () => {
  test.each([
    ['de', 'Verfasungsbeschwerden Klimaschutzgesetz', 'de-klimaklage-verfassungsbeschwerde-leitfaden'],
    ['fr', 'controle au facies', 'fr-controles-au-facies-action-de-groupe'],
    ['pl', 'uzgodnienie plci', 'pl-etpc-jk-przeciwko-polsce-uzgodnienie-plci'],
    ['es', 'desahucios familia vulnerable', 'es-guia-suspension-desahucio-familias-vulnerables'],
    ['it', 'contenziosi strategici protezione', 'it-metodologia-contenzioso-protezione-speciale'],
    ['nl', 'klimaatzaken collectief', 'nl-klimaatzaak-collectieve-actie-wamca-leidraad'],
    ['hu', 'szegregált iskolák roma tanulók', 'hu-kuria-szegregalt-iskola-serelemdij'],
    ['el', 'επαναπροωθήσεις Έβρου', 'el-edda-epanaproothisi-evros-km-kai-loipoi-kata-elladas'],
  ])('%s: "%s"', async (locale, q, slug) => {
    const response = await search(`q=${encodeURIComponent(q)}&locale=${locale}&types=resource`);
    expect(response.status).toBe(200);
    const top = (response.body.data as Hit[]).slice(0, 3);
    expect(top.map((hit) => hit.slug)).toContain(slug);
    const hit = top.find((h) => h.slug === slug)!;
    expect([hit.locale, hit.otherLanguage]).toEqual([locale, false]);
    expect(hit.snippet).toMatch(/<mark>[^<]+<\/mark>/);
  });
});

describe('languages', () => {
  test("hits in the searcher's language come first, other languages follow, marked, and no document twice", async () => {
    const response = await search('q=climate+klimat+climat&locale=fr&pageSize=50');
    const hits = response.body.data as Hit[];
    const firstOther = hits.findIndex((hit) => hit.otherLanguage);
    expect(firstOther).toBeGreaterThan(0);
    expect(hits.slice(0, firstOther).every((hit) => hit.locale === 'fr')).toBe(true);
    expect(hits.slice(firstOther).every((hit) => hit.locale !== 'fr' && hit.otherLanguage)).toBe(true);
    const keys = hits.map((hit) => `${hit.type}:${hit.documentId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("a document translated into the searcher's language is shown in that language only", async () => {
    // de-klimaklage… is written in German and translated into English; a German searcher whose words
    // match both versions gets the German one, never the English copy as well.
    const response = await search('q=Bundesverfassungsgericht+constitutional+complaint+climate&locale=de&types=resource&pageSize=50');
    const copies = (response.body.data as Hit[]).filter((hit) => hit.slug === 'de-klimaklage-verfassungsbeschwerde-leitfaden');
    expect(copies.map((hit) => hit.locale)).toEqual(['de']);
    const english = await search('q=constitutional+complaint+climate+legislation&locale=en&types=resource&pageSize=50');
    const inEnglish = (english.body.data as Hit[]).filter((hit) => hit.slug === 'de-klimaklage-verfassungsbeschwerde-leitfaden');
    expect(inEnglish.map((hit) => [hit.locale, hit.otherLanguage])).toEqual([['en', false]]);
  });
});

describe('visibility', () => {
  test('public totals count public documents only', async () => {
    const publicResources = await app()
      .strapi.db.query('api::resource.resource')
      .count({ where: { visibility: 'public', locale: 'pl', publishedAt: { $notNull: true } } });
    const response = await search('locale=pl&types=resource&filters[language]=pl&pageSize=1');
    expect(response.body.meta.pagination.total).toBe(publicResources);
  });

  test('a caller with invalid credentials is refused rather than served as the public', async () => {
    const response = await search('q=climate', { jwt: 'not-a-valid-token' });
    expect(response.status).toBe(401);
  });

  test('hidden profiles are never found, even by members', async () => {
    const hidden = (await app()
      .strapi.db.query('api::member.member')
      .findOne({ where: { visibility: 'hidden', locale: 'en' } })) as { displayName: string; documentId: string };
    const response = await search(`q=${encodeURIComponent(hidden.displayName)}&types=member&locale=en`, member);
    expect((response.body.data as Hit[]).map((hit) => hit.documentId)).not.toContain(hidden.documentId);
  });
});

describe('filters, facets, sorting and pages', () => {
  test('filters narrow, facets count, pages do not overlap', async () => {
    const all = await search('locale=en&types=resource&facets=resourceKind,issueArea&pageSize=5');
    expect(all.status).toBe(200);
    const [kind, count] = Object.entries(all.body.meta.facets.resourceKind as Record<string, number>)[0];
    const filtered = await search(`locale=en&types=resource&filters[resourceKind]=${kind}&pageSize=50`);
    expect(filtered.body.meta.pagination.total).toBe(count);
    const second = await search('locale=en&types=resource&pageSize=5&page=2');
    const firstIds = (all.body.data as Hit[]).map((hit) => hit.documentId);
    expect((second.body.data as Hit[]).some((hit) => firstIds.includes(hit.documentId))).toBe(false);
  });

  test('agreementStatus counts and filters the versions by their `stage` attribute; drafts are never indexed', async () => {
    const response = await search('locale=en&types=agreement-version&facets=agreementStatus&pageSize=50');
    expect(response.status).toBe(200);
    const counts = response.body.meta.facets.agreementStatus as Record<string, number>;
    expect(
      Object.keys(counts)
        .filter((stage) => counts[stage] > 0)
        .sort(),
    ).toEqual(['adopted', 'consultation', 'superseded']);
    const adopted = await search('locale=en&types=agreement-version&filters[agreementStatus]=adopted&pageSize=50');
    expect(adopted.body.meta.pagination.total).toBe(counts.adopted);
  });

  test('a date range and a sort by date: every hit in the range, newest first, and oldest first with :asc', async () => {
    const range = 'types=resource&locale=de&filters[dateFrom]=2023-01-01&filters[dateTo]=2024-12-31&pageSize=50';
    const datesOf = async (sort: string) => {
      const response = await search(`${range}&sort=${sort}`);
      expect(response.status).toBe(200);
      const hits = response.body.data as Hit[];
      const rows = (await app()
        .strapi.db.query('api::resource.resource')
        .findMany({
          where: { documentId: { $in: hits.map((hit) => hit.documentId) }, publishedAt: { $notNull: true } },
        })) as Array<{ documentId: string; locale: string; date: string }>;
      const dateOf = new Map(rows.map((row) => [`${row.documentId}/${row.locale}`, row.date]));
      return hits.map((hit) => dateOf.get(`${hit.documentId}/${hit.locale}`) as string);
    };
    const newestFirst = await datesOf('date:desc');
    // Enough distinct dates for a wrong order to show.
    expect(new Set(newestFirst).size).toBeGreaterThanOrEqual(3);
    expect(newestFirst.every((date) => date >= '2023-01-01' && date <= '2024-12-31')).toBe(true);
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());
    // More resources than a page: the first page of each order holds the other's far end.
    const oldestFirst = await datesOf('date:asc');
    expect(oldestFirst).toEqual([...oldestFirst].sort());
    expect(oldestFirst[0] <= newestFirst[newestFirst.length - 1]).toBe(true);
    expect(newestFirst[0] >= oldestFirst[oldestFirst.length - 1]).toBe(true);
  });
});

describe('bad input is a 400 naming the parameter', () => {
  test.each([
    ['an unknown filter', 'filters[colour]=red', 'filters.colour'],
    ['an unknown type', 'types=resource,spaceship', 'types'],
    ['an unknown locale', 'locale=xx', 'locale'],
    ['a page that is not a number', 'page=abc', 'page'],
    ['a page size over the bound', 'pageSize=500', 'pageSize'],
    ['a page beyond the deepest one', 'page=5000', 'page'],
    ['a malformed date', 'filters[dateFrom]=yesterday&types=resource', 'filters.dateFrom'],
    ['a sort on a field that is not sortable', 'sort=password:asc', 'sort'],
    ['an unknown facet', 'facets=secret', 'facets'],
    ['an unknown parameter', 'debug=true', 'debug'],
    ['a 10 KB query', `q=${'a'.repeat(10_240)}`, 'q'],
  ])('%s', async (_, query, parameter) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`'${parameter}'`);
  });
});

test('highlights are escaped HTML apart from the <mark> tags', async () => {
  const { strapi } = app();
  await strapi.documents('api::resource.resource').create({
    locale: 'en',
    status: 'published',
    data: {
      title: 'Escaping test',
      slug: 'escaping-test',
      kind: 'article',
      visibility: 'public',
      summary: 'The <script>alert("xss")</script> quokkaword & <b>bold</b> claims.',
    },
  } as never);
  await searchSettled(app());
  const response = await search('q=quokkaword&locale=en');
  const snippet = (response.body.data as Hit[])[0].snippet;
  expect(snippet).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
  expect(snippet).toContain('<mark>quokkaword</mark>');
  expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
});

describe('reindex', () => {
  /** The search status once the running reindex has finished, polled for 30 s at most. */
  const statusOnceReindexed = async (admin: string) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const status = await app().http().get('/multilingual-search/status').set('Authorization', `Bearer ${admin}`);
      if (!status.body.reindex) return status;
      if (Date.now() > deadline) throw new Error(`the reindex was still running after 30 s: ${JSON.stringify(status.body.reindex)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  test('searches during a reindex answer from a complete index', async () => {
    const before = (await search('locale=en&pageSize=1')).body.meta.pagination.total;
    const indexer = app().strapi.plugin('multilingual-search').service('indexer');
    const running = indexer.reindex([]);
    const totals: number[] = [];
    while (indexer.status()) {
      totals.push((await search('locale=en&pageSize=1')).body.meta.pagination.total);
    }
    await running;
    expect(totals.length).toBeGreaterThan(0);
    expect(new Set(totals)).toEqual(new Set([before]));
    expect((await search('locale=en&pageSize=1')).body.meta.pagination.total).toBe(before);
  });

  test('the reindex route is for admins with the permission only', async () => {
    expect((await api(app(), member).post('/multilingual-search/reindex', {})).status).toBe(401);
    const editor = await adminToken(app(), 'strapi-editor');
    expect((await app().http().post('/multilingual-search/reindex').set('Authorization', `Bearer ${editor}`).send({})).status).toBe(403);
    const admin = await adminToken(app());
    const started = await app()
      .http()
      .post('/multilingual-search/reindex')
      .set('Authorization', `Bearer ${admin}`)
      .send({ types: ['skill'] });
    expect(started.status).toBe(202);
    const status = await statusOnceReindexed(admin);
    expect(status.body.engine).toBe('embedded');
    expect(status.body.indexes.find((index: { name: string }) => index.name.endsWith('_skill_de')).documents).toBeGreaterThanOrEqual(60);
    expect(
      (
        await app()
          .http()
          .post('/multilingual-search/reindex')
          .set('Authorization', `Bearer ${admin}`)
          .send({ types: ['nope'] })
      ).status,
    ).toBe(400);
  });
});
