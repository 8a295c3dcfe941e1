import { createId } from '@paralleldrive/cuid2';
import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { bootStrapi, stopStrapi } from '../helpers/boot';
import { useApp } from '../helpers/strapi';

/**
 * The server as an operator runs it with the embedded engine: it answers liveness (`/_health`) from
 * the start while the index is built, reports readiness (`/_ready`) separately, builds the index
 * from the database as it is now (changes made while it was down included), and keeps answering
 * during a full reindex (on SQLite, whose queries never wait on I/O, a rebuild that did not yield
 * would hold every route until it ended).
 */
const app = useApp('seeded');
const RESOURCES = 'api::resource.resource';
const LIBRARY = 5000;
const WORD = 'zebrafinch';

const indexer = () => app().strapi.plugin('multilingual-search').service('indexer');
const search = (q: string) => api(app()).get(`/api/multilingual-search/search?q=${encodeURIComponent(q)}&locale=en&types=resource`);

/**
 * Published English resources written straight into the database, with their drafts, as a bulk
 * import would: the running index does not know them until it is rebuilt.
 */
const importLibrary = async () => {
  const now = new Date();
  const rows = Array.from({ length: LIBRARY }, (_, i) => ({
    documentId: createId(),
    locale: 'en',
    title: `Imported ${WORD} guide ${i}`,
    slug: `imported-${WORD}-${i}`,
    summary: `How litigators document ${WORD} cases, part ${i}.`,
    kind: 'guide',
    visibility: 'public',
    createdAt: now,
    updatedAt: now,
  }));
  const both = rows.flatMap((row) => [
    { ...row, publishedAt: null },
    { ...row, publishedAt: now },
  ]);
  for (let i = 0; i < both.length; i += 500)
    await app()
      .strapi.db.query(RESOURCES)
      .createMany({ data: both.slice(i, i + 500) });
};

const waitUntil = async (done: () => boolean, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

beforeAll(importLibrary, 120_000);

test('once the index is built: /_health answers 204 and /_ready 200 with what it checked', async () => {
  expect((await app().http().get('/_health')).status).toBe(204);
  const ready = await app().http().get('/_ready');
  expect(ready.status).toBe(200);
  expect(ready.headers['cache-control']).toBe('no-store');
  expect(ready.body).toEqual({ ready: true, checks: { database: 'ok', search: { state: 'ready', indexed: expect.any(Number), total: expect.any(Number) } } });
});

test('a full reindex keeps the server answering: health checks and searches come back during the rebuild, from the old index until the swap', async () => {
  // Imported straight into the database: the live index does not have them yet.
  expect((await search(WORD)).body.meta.pagination.total).toBe(0);
  const before = await search('discrimination');
  expect(before.body.meta.pagination.total).toBeGreaterThan(0);

  const token = await adminToken(app());
  const started = await app().http().post('/multilingual-search/reindex').set('Authorization', `Bearer ${token}`).send({});
  expect(started.status).toBe(202);
  expect(indexer().status()).not.toBeNull();

  const health = await app().http().get('/_health');
  const during = await search('discrimination');
  const notYet = await search(WORD);
  // All three were answered while the rebuild was still running.
  expect(indexer().status()).not.toBeNull();
  expect(health.status).toBe(204);
  expect(during.status).toBe(200);
  expect(during.body.data.map((hit: { documentId: string }) => hit.documentId)).toEqual(before.body.data.map((hit: { documentId: string }) => hit.documentId));
  expect(notYet.body.meta.pagination.total).toBe(0);
  const second = await app().http().post('/multilingual-search/reindex').set('Authorization', `Bearer ${token}`).send({});
  expect(second.status).toBe(409);

  await waitUntil(() => indexer().status() === null);
  expect((await search(WORD)).body.meta.pagination.total).toBe(LIBRARY);
}, 180_000);

test('after a restart: live at once, ready once the index is built, searches refused meanwhile, and what changed while the server was down is found', async () => {
  let renamed = '';
  // While this server is down, another process publishes a new title.
  const publishNewTitle = async () => {
    const writer = await bootStrapi();
    const [first] = (await writer.documents(RESOURCES).findMany({ locale: 'en', status: 'published', filters: { slug: `imported-${WORD}-0` } })) as Array<{
      documentId: string;
    }>;
    renamed = first.documentId;
    await writer.documents(RESOURCES).update({ documentId: renamed, locale: 'en', data: { title: 'Renamed while the server was down: kingfisher' } } as never);
    await writer.documents(RESOURCES).publish({ documentId: renamed, locale: 'en' });
    await stopStrapi(writer);
  };
  await app().restart({ notWaitingForSearch: true }, publishNewTitle);

  const observed: Array<{ health: number; ready: number; search: number; retryAfter?: string }> = [];
  while (indexer().readiness().state !== 'ready') {
    const [health, ready, found] = [await app().http().get('/_health'), await app().http().get('/_ready'), await search('kingfisher')];
    observed.push({ health: health.status, ready: ready.status, search: found.status, retryAfter: found.headers['retry-after'] });
    if (found.status === 503) expect(found.body.error.message).toMatch(/being built after a restart \(\d+ of \d+ documents so far\)/);
  }
  // The build takes seconds with this library: it was seen in progress, answering liveness and
  // refusing searches. Only the last round may have raced the end of the build.
  const refused = { health: 204, ready: 503, search: 503, retryAfter: '5' };
  expect(observed.length).toBeGreaterThan(1);
  expect(observed.slice(0, -1)).toEqual(observed.slice(0, -1).map(() => refused));

  expect((await app().http().get('/_ready')).status).toBe(200);
  const found = await search('kingfisher');
  expect(found.status).toBe(200);
  expect(found.body.data.map((hit: { documentId: string }) => hit.documentId)).toEqual([renamed]);
}, 240_000);
