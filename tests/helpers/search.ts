import type { TestApp } from './strapi';

const plugin = (app: TestApp) => app.strapi.plugin('multilingual-search');

/** Waits until the sync worker has applied every change that is due (not those waiting for a retry). */
export const searchSettled = (app: TestApp) => plugin(app).service('sync').settled() as Promise<void>;

export const searchEngine = (app: TestApp) => plugin(app).service('engine').get() as {
  name: string;
  upsert: (...args: unknown[]) => Promise<void>;
  delete: (...args: unknown[]) => Promise<void>;
  listIndexes: () => Promise<Array<{ name: string; documents: number }>>;
  search: (request: Record<string, unknown>) => Promise<{ hits: Array<{ document: Record<string, unknown> }>; total: number }>;
};

export const outboxStats = (app: TestApp) =>
  plugin(app).service('outbox').stats() as Promise<{ pending: number; retrying: number; failed: number; lastError: { message: string } | null }>;

/** What the index holds for one document: its locales and their fields, read from the engine itself. */
export const indexedEntries = async (app: TestApp, type: string, documentId: string) => {
  const engine = searchEngine(app);
  const indexes = (await engine.listIndexes()).map((index) => index.name).filter((name) => name.includes(`_${type}_`));
  const result = await engine.search({
    q: '',
    queries: indexes.map((index) => ({
      index,
      locale: index.split('_').pop(),
      weight: 1,
      facets: [],
      sortable: [],
      filter: { field: 'documentId', op: 'eq', value: documentId },
    })),
    limit: 100,
    offset: 0,
    facets: [],
    highlight: [],
  });
  return Object.fromEntries(result.hits.map((hit) => [hit.document.locale as string, hit.document])) as Record<string, Record<string, unknown>>;
};

/** Makes the engine's writes fail (as if the search server were down) until the returned function is called. */
export const breakEngineWrites = (app: TestApp, message = 'search engine unavailable') => {
  const engine = searchEngine(app);
  const { upsert, delete: remove } = engine;
  engine.upsert = async () => {
    throw new Error(message);
  };
  engine.delete = async () => {
    throw new Error(message);
  };
  return () => {
    engine.upsert = upsert;
    engine.delete = remove;
  };
};
