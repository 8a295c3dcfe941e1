import { startContractServer, type ContractServer } from './meilisearch/contract-server';
import type { TestApp } from './strapi';

const plugin = (app: TestApp) => app.strapi.plugin('multilingual-search');

/** Waits until the sync worker has applied every change that is due (not those waiting for a retry). */
export const searchSettled = (app: TestApp) => plugin(app).service('sync').settled() as Promise<void>;

/**
 * Waits until a running reindex is done and no change is left to apply, changes waiting for a retry
 * included (they are retried at once, as the admin page's "Retry now" does).
 */
export const searchConverged = async (app: TestApp, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (plugin(app).service('indexer').status() || (await outboxStats(app)).pending > 0) {
    if (Date.now() > deadline) throw new Error(`the search did not converge in ${timeoutMs} ms: ${JSON.stringify(await outboxStats(app))}`);
    await plugin(app).service('sync').retryNow();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await searchSettled(app);
};

export const searchEngine = (app: TestApp) =>
  plugin(app).service('engine').get() as {
    name: string;
    upsert: (...args: unknown[]) => Promise<void>;
    delete: (...args: unknown[]) => Promise<void>;
    listIndexes: () => Promise<Array<{ name: string; documents: number }>>;
    search: (request: Record<string, unknown>) => Promise<{ hits: Array<{ document: Record<string, unknown> }>; total: number }>;
  };

/** The changes not applied yet and failures: of every process (Meilisearch), or of this process (embedded engine). */
export const outboxStats = (app: TestApp) =>
  plugin(app).service('sync').backlog() as Promise<{
    mode: 'queue' | 'log';
    pending: number;
    retrying: number;
    failed: number;
    lastError: { message: string } | null;
  }>;

/**
 * What the index holds for one document: its locales and their fields, read from the engine itself,
 * one index at a time (a search keeps one hit per document).
 */
export const indexedEntries = async (app: TestApp, type: string, documentId: string) => {
  const engine = searchEngine(app);
  const indexes = (await engine.listIndexes()).map((index) => index.name).filter((name) => name.includes(`_${type}_`));
  const entries = await Promise.all(
    indexes.map(async (index) => {
      const result = await engine.search({
        q: '',
        queries: [{ index, locale: index.split('_').pop(), weight: 1, facets: [], sortable: [], filter: { field: 'documentId', op: 'eq', value: documentId } }],
        limit: 1,
        offset: 0,
        window: 1,
        facets: [],
        highlight: [],
      });
      return result.hits.map((hit) => [hit.document.locale as string, hit.document] as const);
    }),
  );
  return Object.fromEntries(entries.flat()) as Record<string, Record<string, unknown>>;
};

/** Makes the embedded engine's writes fail until the returned function is called (it has no server to take down). */
export const breakEngineWrites = async (app: TestApp) => {
  const engine = searchEngine(app);
  const { upsert, delete: remove } = engine;
  const fail = async () => {
    throw new Error('search engine unavailable');
  };
  engine.upsert = fail;
  engine.delete = fail;
  return async () => {
    engine.upsert = upsert;
    engine.delete = remove;
  };
};

const MEILISEARCH_ENV = ['MEILISEARCH_HOST', 'MEILISEARCH_ADMIN_KEY', 'MEILISEARCH_SEARCH_KEY', 'MEILISEARCH_TIMEOUT_MS'];

/**
 * Points the app at a Meilisearch contract server for this test file. Call it before `useApp` so
 * the server is up and the environment set when the app boots.
 */
export const useMeilisearch = () => {
  let server: ContractServer | undefined;
  beforeAll(async () => {
    server = await startContractServer();
    Object.assign(process.env, {
      MEILISEARCH_HOST: server.url,
      MEILISEARCH_ADMIN_KEY: server.masterKey,
      MEILISEARCH_SEARCH_KEY: server.searchKey,
      MEILISEARCH_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    for (const name of MEILISEARCH_ENV) delete process.env[name];
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the contract server is not started (useMeilisearch registers beforeAll)');
    return server;
  };
};

/** Takes the contract server down (connections refused) until the returned function is called. */
export const takeDown = (server: () => ContractServer) => async () => {
  await server().faults.refuseConnections(true);
  return () => server().faults.refuseConnections(false);
};
