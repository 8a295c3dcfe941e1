import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { outboxStats, searchConverged, searchSettled, useMeilisearch } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createFullAccessToken, createUser } from '../helpers/users';

/** What only the Meilisearch engine does: settings, tasks, faults, tenant tokens, secrets. */
const meilisearch = useMeilisearch();
const app = useApp('seeded');
const logged: string[] = [];

beforeAll(async () => {
  // Everything the app logs, to check that the admin key never appears in a log line.
  for (const level of ['error', 'warn', 'info', 'debug', 'http'] as const) {
    const original = app().strapi.log[level].bind(app().strapi.log);
    app().strapi.log[level] = ((message: unknown) => {
      logged.push(String(message));
      return original(message as string);
    }) as never;
  }
  await searchConverged(app());
}, 120_000);

const search = (query: string, caller: Parameters<typeof api>[1] = 'public') => api(app(), caller).get(`/api/multilingual-search/search?${query}`);
const settingsRequests = () => meilisearch().requests.filter((request) => request.kind === 'settings' && request.method === 'PATCH');
const resources = () => app().strapi.documents('api::resource.resource');

describe('index settings', () => {
  test('every index has its settings: ranking order, filters, exact identifiers, and its language where Meilisearch knows it', () => {
    const german = meilisearch().index('test_resource_de')!.settings;
    expect(german.searchableAttributes).toEqual(['title', 'summary', 'issueAreaName', 'skillName', 'organisationName', 'body', 'court', 'caseNumber', 'ecli']);
    expect(german.filterableAttributes).toEqual(expect.arrayContaining(['visibility', 'locales', 'issueArea', 'resourceKind', 'jurisdiction']));
    expect(german.typoTolerance).toMatchObject({ disableOnAttributes: ['ecli', 'caseNumber'], disableOnNumbers: true });
    expect(german.localizedAttributes).toEqual([{ attributePatterns: ['*'], locales: ['de'] }]);
    // The embedded engine's stop words, so that a query of articles does not match everything.
    expect(german.stopWords).toEqual(expect.arrayContaining(['der', 'die', 'und']));
    // Irish is not a language Meilisearch knows: it detects the language rather than being told a wrong one.
    expect(meilisearch().index('test_skill_ga')?.settings.localizedAttributes ?? []).toEqual([]);
  });

  test('an unchanged configuration sends no settings request at the next start; a changed one re-applies them', async () => {
    await app().restart();
    const before = settingsRequests().length;
    await app().restart();
    expect(settingsRequests().length).toBe(before);

    const types = app().strapi.config.get('plugin::multilingual-search.types') as Record<string, { searchable: string[] }>;
    types.resource.searchable = ['title', 'body', 'summary'];
    await app().strapi.plugin('multilingual-search').service('indexer').prepareRemote();
    const applied = settingsRequests()
      .slice(before)
      .map((request) => request.path);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((path) => path.includes('/indexes/test_resource_'))).toBe(true);
    expect(meilisearch().index('test_resource_de')!.settings.searchableAttributes).toEqual(['title', 'body', 'summary']);
  });
});

describe('faults', () => {
  test('Meilisearch answering 500: writes succeed, the backlog shows on the admin status, and drains when it recovers', async () => {
    const token = await createFullAccessToken(app());
    const admin = await adminToken(app());
    meilisearch().faults.failRequests(1_000, 500);
    const response = await api(app(), { token }).post('/api/resources?status=published', {
      data: { title: 'Written during an outage', slug: 'written-during-outage', kind: 'guide', visibility: 'public' },
    });
    expect(response.status).toBe(201);
    await searchSettled(app());
    const status = await app().http().get('/multilingual-search/status').set('Authorization', `Bearer ${admin}`);
    expect(status.body.outbox.retrying).toBeGreaterThanOrEqual(1);
    expect(status.body.outbox.lastError.message).toBeTruthy();
    expect(status.body.health.ok).toBe(false);
    // Searching meanwhile is a 503 that says so, not a 500.
    expect((await search('q=outage&locale=en')).status).toBe(503);

    meilisearch().faults.failRequests(0);
    await searchConverged(app());
    const found = await search('q=outage&locale=en&types=resource');
    expect(found.body.data.map((hit: { slug: string }) => hit.slug)).toEqual(['written-during-outage']);
  });

  test('a failed task is retried through the outbox', async () => {
    meilisearch().faults.failTasks(1, 'disk full');
    await resources().create({
      locale: 'en',
      status: 'published',
      data: { title: 'Quetzalfailure retried', slug: 'failed-task-once', kind: 'guide', visibility: 'public' },
    } as never);
    await searchSettled(app());
    expect((await outboxStats(app())).lastError?.message).toContain('disk full');
    await searchConverged(app());
    const found = await search('q=quetzalfailure&locale=en&types=resource');
    expect(found.body.data.map((hit: { slug: string }) => hit.slug)).toContain('failed-task-once');
  });

  test('Meilisearch unreachable: searches answer 503', async () => {
    await searchSettled(app());
    await meilisearch().faults.refuseConnections(true);
    try {
      const response = await search('q=climate&locale=en');
      expect(response.status).toBe(503);
      expect(response.body.error.name).toBe('ServiceUnavailableError');
    } finally {
      await meilisearch().faults.refuseConnections(false);
    }
  });

  test('a search Meilisearch refuses (400: a fault in the request, not in the engine) is a 500 that says nothing of the engine', async () => {
    await searchSettled(app());
    meilisearch().faults.failRequests(1, 400);
    const response = await search('q=climate&locale=en');
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toMatch(/unavailable|meilisearch/i);
    expect((await search('q=climate&locale=en')).status).toBe(200);
  });
});

test('every search during a reindex answers from a complete index', async () => {
  const before = (await search('locale=en&pageSize=1')).body.meta.pagination.total;
  const indexer = app().strapi.plugin('multilingual-search').service('indexer');
  const running = indexer.reindex([]);
  const totals: number[] = [];
  while (indexer.status()) totals.push((await search('locale=en&pageSize=1')).body.meta.pagination.total);
  await running;
  expect(totals.length).toBeGreaterThan(0);
  expect(new Set(totals)).toEqual(new Set([before]));
  expect(
    meilisearch()
      .indexUids()
      .filter((uid) => uid.includes('__')),
  ).toEqual([]);
  // Every index rebuilt against the contract server, which validates each request: a minute on a loaded machine.
}, 180_000);

test('a start on an empty Meilisearch: not ready until every index is built, and a build that fails is tried again', async () => {
  const before = (await search('locale=en&pageSize=1')).body.meta.pagination.total;
  await app().restart({ notWaitingForSearch: true }, async () => {
    meilisearch().reset();
    meilisearch().faults.failTasks(1, 'Injected fault: disk full during the first build.');
  });
  const ready = await app().http().get('/_ready');
  expect(ready.status).toBe(503);
  expect(ready.body.checks.search.state).toBe('building');
  expect((await search('locale=en&pageSize=1')).status).toBe(503);
  // Until the next attempt succeeds, the readiness check says why the last one failed.
  let failure: string | undefined;
  while (!failure) {
    const { body } = await app().http().get('/_ready');
    expect(body.checks.search.state).toBe('building');
    failure = body.checks.search.lastError;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(failure).toContain('disk full during the first build');

  await app().strapi.plugin('multilingual-search').service('indexer').whenReady();
  expect((await app().http().get('/_ready')).body.checks.search).toEqual({ state: 'ready', indexed: expect.any(Number), total: expect.any(Number) });
  expect((await app().http().get('/_ready')).status).toBe(200);
  expect((await search('locale=en&pageSize=1')).body.meta.pagination.total).toBe(before);
}, 180_000);

test('Meilisearch down at start-up: the app starts and is ready, searches answer 503, and the start-up is tried again once it is back', async () => {
  const before = (await search('locale=en&pageSize=1')).body.meta.pagination.total;
  await app().restart(undefined, () => meilisearch().faults.refuseConnections(true));
  const downSince = meilisearch().requests.length;
  try {
    expect((await app().http().get('/_ready')).status).toBe(200);
    expect((await search('locale=en&pageSize=1')).status).toBe(503);
  } finally {
    await meilisearch().faults.refuseConnections(false);
  }
  // The next attempt (after 1, 2, 4… s) lists the indexes (GET /stats), and would apply changed settings.
  const deadline = Date.now() + 30_000;
  while (
    !meilisearch()
      .requests.slice(downSince)
      .some((request) => request.method === 'GET' && request.path === '/stats')
  ) {
    expect(Date.now()).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await search('locale=en&pageSize=1')).body.meta.pagination.total).toBe(before);
});

test('the admin status lists the indexes by type, then locale, with the last sync every process sees, restarts included', async () => {
  const changedAfter = Date.now();
  await resources().create({
    locale: 'fr',
    status: 'published',
    data: { title: 'Statut de l’index', slug: 'statut-index', kind: 'guide', visibility: 'public' },
  } as never);
  await searchSettled(app());
  // The time is in the database, not in the memory of the process that applied the change.
  await app().restart();
  const status = await app()
    .http()
    .get('/multilingual-search/status')
    .set('Authorization', `Bearer ${await adminToken(app())}`);
  const indexes = status.body.indexes as Array<{ name: string; type: string; locale: string; lastSync: number | null }>;
  const order = indexes.map((index) => [index.type, index.locale]);
  expect(order).toEqual([...order].sort(([typeA, localeA], [typeB, localeB]) => typeA.localeCompare(typeB) || localeA.localeCompare(localeB)));
  const french = indexes.find((index) => index.name === 'test_resource_fr')!;
  expect(french.lastSync).toBeGreaterThanOrEqual(changedAfter);
  expect(french.lastSync).toBeLessThanOrEqual(Date.now());
  expect(status.body.outbox.mode).toBe('queue');
});

describe('tenant tokens', () => {
  const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

  test('the public gets a token limited to public documents; members one without that limit; both expire', async () => {
    const member = await createUser(app(), 'authenticated');
    const asPublic = await api(app()).get('/api/multilingual-search/token');
    const asMember = await api(app(), member).get('/api/multilingual-search/token');
    expect([asPublic.status, asMember.status]).toEqual([200, 200]);
    const [publicClaims, memberClaims] = [decode(asPublic.body.data.token), decode(asMember.body.data.token)];
    expect(publicClaims.searchRules).toEqual({ 'test_*': { filter: 'visibility = "public"' } });
    expect(memberClaims.searchRules).toEqual({ 'test_*': {} });
    expect(publicClaims.apiKeyUid).toBe(meilisearch().searchKeyUid);
    const inAnHour = Date.now() / 1000 + 3600;
    expect(publicClaims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(publicClaims.exp).toBeLessThanOrEqual(inAnHour + 5);
    expect(asPublic.body.data.host).toBe(meilisearch().url);
    expect(asPublic.body.data.indexes).toContain('test_resource_de');
    expect(asPublic.headers['cache-control']).toBe('no-store');
  });

  test('tokens switched off in the configuration: 404', async () => {
    app().strapi.config.set('plugin::multilingual-search.tenantTokens.enabled', false);
    try {
      expect((await api(app()).get('/api/multilingual-search/token')).status).toBe(404);
    } finally {
      app().strapi.config.set('plugin::multilingual-search.tenantTokens.enabled', true);
    }
  });

  test('the admin key is in no response and no log line', async () => {
    const admin = await adminToken(app());
    const bodies = [
      JSON.stringify((await api(app()).get('/api/multilingual-search/token')).body),
      JSON.stringify((await app().http().get('/multilingual-search/status').set('Authorization', `Bearer ${admin}`)).body),
      JSON.stringify((await search('q=climate&locale=en')).body),
    ];
    for (const text of [...bodies, ...logged]) expect(text).not.toContain(meilisearch().masterKey);
  });
});

// Checked after every test of the file has run: a request the real server would reject fails the file.
afterAll(() => {
  expect(meilisearch().violations).toEqual([]);
});
