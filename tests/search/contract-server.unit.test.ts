import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, type Settings } from 'meilisearch';
import { type ContractServer, startContractServer } from '../helpers/meilisearch/contract-server';

/**
 * The Meilisearch contract server, driven by the official client: a realistic flow leaves no
 * violation, requests the real server would refuse are refused and recorded, faults work.
 */

let server: ContractServer;
let client: Meilisearch;

beforeAll(async () => {
  server = await startContractServer();
  client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
});

afterAll(() => server.close());

const settingsFor = (locale: 'deu' | 'eng'): Settings => ({
  searchableAttributes: ['title', 'summary', 'tags'],
  filterableAttributes: ['tags', 'year', 'visibility', 'kind'],
  sortableAttributes: ['year'],
  typoTolerance: { enabled: true, disableOnAttributes: ['kind'], disableOnNumbers: true },
  synonyms: { egmr: ['europäischer gerichtshof für menschenrechte'] },
  localizedAttributes: [{ attributePatterns: ['*'], locales: [locale] }],
});

const german = [
  {
    id: 'de-1',
    title: 'Klimaklage vor dem Bundesverfassungsgericht',
    summary: 'Climate litigation in Germany',
    tags: ['climate', 'Germany'],
    year: 2021,
    visibility: 'public',
    kind: 'case',
  },
  { id: 'de-2', title: 'Wohnungsräumungen', summary: 'Évictions et logement social', tags: ['housing'], year: 2019, visibility: 'members', kind: 'case' },
  { id: 'de-3', title: 'Klima und Wohnen', summary: 'Climate and housing', tags: ['climate', 'housing'], year: 2023, visibility: 'public', kind: 'note' },
];
const english = [
  { id: 'en-1', title: 'Climate cases in Europe', summary: 'Strategic litigation', tags: ['climate'], year: 2022, visibility: 'public', kind: 'case' },
  { id: 'en-2', title: 'Racial profiling', summary: 'Police stops', tags: ['policing'], year: 2020, visibility: 'public', kind: 'case' },
];

/** An index with settings and documents, every task waited for. */
const fill = async (uid: string, locale: 'deu' | 'eng', documents: Array<Record<string, unknown>>) => {
  expect((await client.createIndex(uid, { primaryKey: 'id' }).waitTask()).status).toBe('succeeded');
  expect((await client.index(uid).updateSettings(settingsFor(locale)).waitTask()).status).toBe('succeeded');
  const added = await client.index(uid).addDocuments(documents, { primaryKey: 'id' }).waitTask();
  expect(added).toMatchObject({ status: 'succeeded', details: { receivedDocuments: documents.length, indexedDocuments: documents.length } });
};

/** A raw request, for what the client would not send. */
const send = (method: string, path: string, body?: unknown, key = server.masterKey) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const apiError = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MeilisearchApiError);
  return error as MeilisearchApiError;
};

/** Where every request is meant to be valid. */
const expectNoViolation = () => expect(server.violations).toEqual([]);

describe('a flow through the official client', () => {
  beforeAll(() => server.reset());
  afterEach(expectNoViolation);

  it('creates, configures and fills indexes, and keeps the settings with their defaults', async () => {
    await fill('articles_de', 'deu', german);
    await fill('articles_en', 'eng', english);
    const settings = await client.index('articles_de').getSettings();
    expect(settings).toMatchObject({
      ...settingsFor('deu'),
      typoTolerance: { enabled: true, disableOnAttributes: ['kind'], disableOnNumbers: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      displayedAttributes: ['*'],
      pagination: { maxTotalHits: 1000 },
    });
    expect(server.index('articles_de')?.documents.get('de-1')).toEqual(german[0]);
    const additions = server.requests.filter((request) => request.kind === 'documents' && request.method === 'POST');
    expect(additions.map((request) => request.bytes)).toEqual([german, english].map((documents) => Buffer.byteLength(JSON.stringify(documents))));
  });

  it('deletes documents', async () => {
    const task = await client.index('articles_de').deleteDocuments(['de-2']).waitTask();
    expect(task).toMatchObject({ status: 'succeeded', type: 'documentDeletion', details: { providedIds: 1, deletedDocuments: 1 } });
    expect(server.index('articles_de')?.documents.has('de-2')).toBe(false);
  });

  it('searches one index with a filter, a sort, facets and pages', async () => {
    const result = await client.index('articles_de').search('', {
      filter: ['visibility = public', ['tags = climate', 'year > 2022']],
      sort: ['year:desc'],
      facets: ['tags', 'year'],
      hitsPerPage: 1,
      page: 1,
    });
    expect(result.hits.map((hit) => hit.id)).toEqual(['de-3']);
    expect(result).toMatchObject({
      totalHits: 2,
      totalPages: 2,
      facetDistribution: { tags: { climate: 2, Germany: 1, housing: 1 } },
      facetStats: { year: { min: 2021, max: 2023 } },
    });
  });

  it('runs a federated multi-search with weights, merged facets and highlights', async () => {
    const highlight = { attributesToHighlight: ['title', 'summary'], highlightPreTag: '<mark>', highlightPostTag: '</mark>', showRankingScore: true };
    const result = await client.multiSearch({
      federation: { limit: 10, offset: 0, facetsByIndex: { articles_de: ['tags'], articles_en: ['tags', 'kind'] }, mergeFacets: {} },
      queries: [
        { indexUid: 'articles_de', q: 'climate', federationOptions: { weight: 1 }, ...highlight },
        { indexUid: 'articles_en', q: 'climate', federationOptions: { weight: 2 }, ...highlight },
      ],
    });
    expect(result.hits.map((hit) => [hit._federation?.indexUid, hit.id])).toEqual([
      ['articles_en', 'en-1'],
      ['articles_de', 'de-1'],
      ['articles_de', 'de-3'],
    ]);
    expect(result.hits[0]._federation).toEqual({ indexUid: 'articles_en', queriesPosition: 1, weightedRankingScore: 2 });
    expect(result.hits[1]._formatted?.summary).toBe('<mark>Climate</mark> litigation in Germany');
    expect(result).toMatchObject({ estimatedTotalHits: 3, facetDistribution: { tags: { climate: 3, Germany: 1, housing: 1 }, kind: { case: 1 } } });
    expect(result).not.toHaveProperty('facetsByIndex');
  });

  it('answers facets per index without mergeFacets, and plain multi-search results', async () => {
    const federated = await client.multiSearch({
      federation: { facetsByIndex: { articles_en: ['tags'] } },
      queries: [{ indexUid: 'articles_en', q: 'polic' }],
    });
    expect(federated.hits.map((hit) => hit.id)).toEqual(['en-2']);
    expect(federated.facetsByIndex).toEqual({ articles_en: { distribution: { tags: { policing: 1 } }, stats: {} } });
    const plain = await client.multiSearch({
      queries: [
        { indexUid: 'articles_de', q: 'wohnen' },
        { indexUid: 'articles_en', q: 'stops' },
      ],
    });
    expect(plain.results.map((result) => [result.indexUid, result.hits.map((hit) => hit.id)])).toEqual([
      ['articles_de', ['de-3']],
      ['articles_en', ['en-2']],
    ]);
  });

  it('swaps indexes, and reports stats, tasks and keys', async () => {
    const swap = await client.swapIndexes([{ indexes: ['articles_de', 'articles_en'], rename: false }]).waitTask();
    expect(swap).toMatchObject({ status: 'succeeded', type: 'indexSwap' });
    const stats = await client.getStats();
    expect(stats.indexes.articles_de.numberOfDocuments).toBe(2);
    expect(stats.indexes.articles_en.numberOfDocuments).toBe(2);
    expect(server.index('articles_de')?.documents.has('en-1')).toBe(true);
    expect((await client.index('articles_en').getStats()).fieldDistribution.title).toBe(2);

    const tasks = await client.tasks.getTasks({ uids: [0, 1, 2, swap.uid], statuses: ['succeeded'], types: ['indexCreation', 'indexSwap'], limit: 2 });
    expect(tasks.results.map((task) => task.uid)).toEqual([swap.uid, 0]);
    expect((await client.tasks.getTasks({ indexUids: ['articles_en'], limit: 1, from: 3 })).results.map((task) => task.uid)).toEqual([3]);

    const { results } = await client.getKeys();
    expect(results).toEqual([expect.objectContaining({ uid: server.searchKeyUid, key: server.searchKey, actions: ['search'] })]);
    expect((await client.getKey(server.searchKeyUid)).key).toBe(server.searchKey);
    const searcher = new Meilisearch({ host: server.url, apiKey: server.searchKey });
    expect((await searcher.index('articles_en').search('wohnen')).hits.map((hit) => hit.id)).toEqual(['de-3']);
  });

  it('fails tasks the real server would fail, without calling them violations', async () => {
    expect(await client.deleteIndex('missing').waitTask()).toMatchObject({ status: 'failed', error: { code: 'index_not_found' } });
    const swap = await client.swapIndexes([{ indexes: ['articles_de', 'missing'], rename: false }]).waitTask();
    expect(swap).toMatchObject({ status: 'failed', error: { code: 'index_not_found' } });
    const badId = await client
      .index('articles_de')
      .addDocuments([{ id: 'a:b', title: 'x' }])
      .waitTask();
    expect(badId).toMatchObject({ status: 'failed', error: { code: 'invalid_document_id' } });
  });
});

describe('strictness', () => {
  beforeEach(async () => {
    server.reset();
    await fill('articles', 'deu', german);
  });

  it('refuses a settings body that breaks the schema', async () => {
    const response = await send('PATCH', '/indexes/articles/settings', { searchableAttributes: 'title' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'bad_request', type: 'invalid_request' });
    expect(server.violations).toEqual([
      expect.objectContaining({ method: 'PATCH', path: '/indexes/articles/settings', message: expect.stringContaining('searchableAttributes') }),
    ]);
  });

  it('refuses an unknown locale and an unknown settings key', async () => {
    const locale = await apiError(client.index('articles').updateSettings({ localizedAttributes: [{ attributePatterns: ['*'], locales: ['xx' as never] }] }));
    expect(locale.response.status).toBe(400);
    const typo = await apiError(client.index('articles').updateSettings({ filterableAttribute: ['year'] } as Settings));
    expect(typo.message).toContain('filterableAttribute');
    expect(server.violations).toHaveLength(2);
  });

  it('refuses an unknown query parameter and an invalid index uid', async () => {
    expect((await send('GET', '/indexes/articles/documents?limit=1&fieldz=title')).status).toBe(400);
    expect((await apiError(client.index('articles.v2').getStats())).cause?.code).toBe('invalid_index_uid');
    expect(server.violations.map((violation) => violation.message)).toEqual([expect.stringContaining('fieldz'), expect.stringContaining('articles.v2')]);
  });

  it('refuses a filter, a facet or a sort on an attribute the settings do not allow', async () => {
    const index = client.index('articles');
    expect((await apiError(index.search('', { filter: 'title = x' }))).cause?.code).toBe('invalid_search_filter');
    expect((await apiError(index.search('', { facets: ['title'] }))).cause?.code).toBe('invalid_search_facets');
    expect((await apiError(index.search('', { sort: ['title:asc'] }))).cause?.code).toBe('invalid_search_sort');
    expect((await apiError(index.search('', { filter: 'year >' }))).cause?.code).toBe('invalid_search_filter');
    expect(server.violations).toHaveLength(4);
  });

  it('refuses pagination inside a federated query', async () => {
    const error = await apiError(client.multiSearch({ federation: {}, queries: [{ indexUid: 'articles', q: 'klima', limit: 5 }] }));
    expect(error.cause?.code).toBe('invalid_multi_search_query_pagination');
    expect(server.violations).toHaveLength(1);
  });

  it('checks the key', async () => {
    expect((await send('GET', '/stats', undefined, '')).status).toBe(401);
    expect((await send('GET', '/stats', undefined, 'wrong')).status).toBe(403);
    expect((await send('GET', '/indexes/articles/settings', undefined, server.searchKey)).status).toBe(403);
    expect((await send('GET', '/health', undefined, '')).status).toBe(200);
    expect(server.violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining('missing_authorization_header'),
      expect.stringContaining('invalid_api_key'),
      expect.stringContaining('invalid_api_key'),
    ]);
  });
});

describe('filters with quoted values', () => {
  beforeAll(async () => {
    server.reset();
    await fill('notes', 'eng', [
      { id: 'x1', title: 'tricky', kind: 'x" OR visibility = "members', visibility: 'public', tags: [] },
      { id: 'x2', title: 'private', kind: 'other', visibility: 'members', tags: [] },
      { id: 'x3', title: 'backslash', kind: 'a\\b', visibility: 'public', tags: [] },
    ]);
  });
  afterEach(expectNoViolation);

  const ids = async (filter: string) => (await client.index('notes').search('', { filter })).hits.map((hit) => hit.id);

  it('keeps an escaped value as one value', async () => {
    expect(await ids('kind = "x\\" OR visibility = \\"members"')).toEqual(['x1']);
    // Unescaped, the same text is two conditions: the injection the escaping prevents.
    expect(await ids('kind = "x" OR visibility = "members"')).toEqual(['x2']);
  });

  it('unescapes only quotes, as Meilisearch does: a backslash stays as written', async () => {
    expect(await ids('kind = "a\\b"')).toEqual(['x3']);
    expect(await ids('kind = "a\\\\b"')).toEqual([]);
  });
});

describe('faults', () => {
  beforeEach(async () => {
    server.reset();
    await fill('articles', 'deu', german);
  });
  afterEach(expectNoViolation);

  it('fails the next requests, but not health checks', async () => {
    server.faults.failRequests(1, 503);
    expect((await client.health()).status).toBe('available');
    expect((await apiError(client.getStats())).response.status).toBe(503);
    expect((await client.getStats()).indexes.articles.numberOfDocuments).toBe(3);
  });

  it('fails the next tasks', async () => {
    server.faults.failTasks(1, 'disk full');
    const task = await client.index('articles').deleteDocuments(['de-1']).waitTask();
    expect(task).toMatchObject({ status: 'failed', error: { message: 'disk full', code: 'internal', type: 'internal' } });
    expect(server.index('articles')?.documents.has('de-1')).toBe(true);
    expect((await client.index('articles').deleteDocuments(['de-1']).waitTask()).status).toBe('succeeded');
  });

  it('refuses connections while asked to', async () => {
    await server.faults.refuseConnections(true);
    const error = await client.getStats().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    expect(String((error as Error).cause)).toMatch(/fetch failed/);
    await server.faults.refuseConnections(false);
    expect((await client.getStats()).indexes.articles.numberOfDocuments).toBe(3);
  });

  it('delays answers past a client timeout', async () => {
    server.faults.delayRequests(1, 500);
    const impatient = new Meilisearch({ host: server.url, apiKey: server.masterKey, timeout: 100 });
    const error = await impatient.getStats().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    expect((error as Error).cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
    expect((await impatient.getStats()).indexes.articles.numberOfDocuments).toBe(3);
  });
});
