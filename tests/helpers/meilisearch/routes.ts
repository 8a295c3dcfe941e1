import { pickAttributes } from './attributes';
import { invalid, notFound } from './errors';
import { FilterError, parseFilter } from './filter';
import * as operations from './operations';
import { type MultiSearchBody, multiSearch } from './multi-search';
import { type BrowseParams, type SearchParams, browseDocuments, searchIndex } from './search';
import { type Settings, checkSettings } from './settings';
import type { Index, NewTask, Store, TaskView } from './store';

/** The operations the contract server answers, by `METHOD /template` of the spec. */

export type KeyView = {
  name: string;
  description: string;
  key: string;
  uid: string;
  actions: string[];
  indexes: string[];
  expiresAt: null;
  createdAt: string;
  updatedAt: string;
};

type Context = {
  store: Store;
  defaults: Settings;
  version: string;
  keys: KeyView[];
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  origin: { method: string; path: string };
};

export type Answer = { status: number; body: unknown };

const ok = (body: unknown): Answer => ({ status: 200, body });

const enqueue = (context: Context, task: Omit<NewTask, 'origin' | 'customMetadata'>): Answer => ({
  status: 202,
  body: context.store.enqueue({ ...task, origin: context.origin, customMetadata: context.query.customMetadata as string | undefined }),
});

const uidOf = (context: Context) => context.pathParams.index_uid;
const indexOf = (context: Context) => context.store.requireIndex(uidOf(context));

const indexView = ({ uid, primaryKey, createdAt, updatedAt }: Index) => ({ uid, createdAt, updatedAt, primaryKey });

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

const indexStats = (store: Store, index: Index) => {
  const docs = [...index.documents.values()];
  const size = docs.reduce((total, doc) => total + sizeOf(doc), 0);
  const fieldDistribution: Record<string, number> = {};
  for (const key of docs.flatMap((doc) => Object.keys(doc))) fieldDistribution[key] = (fieldDistribution[key] ?? 0) + 1;
  return {
    numberOfDocuments: docs.length,
    rawDocumentDbSize: size,
    avgDocumentSize: docs.length ? Math.round(size / docs.length) : 0,
    indexSize: size,
    usedIndexSize: size,
    isIndexing: store.isIndexing(index.uid),
    numberOfEmbeddings: 0,
    numberOfEmbeddedDocuments: 0,
    fieldDistribution,
  };
};

/** `offset`/`limit` pagination of GET /indexes and GET /keys. */
const pageOf = <T>(items: T[], query: Record<string, unknown>) => {
  const offset = (query.offset as number | undefined) ?? 0;
  const limit = (query.limit as number | undefined) ?? 20;
  return { results: items.slice(offset, offset + limit), offset, limit, total: items.length };
};

type TaskQuery = Partial<{
  uids: number[];
  batchUids: number[];
  canceledBy: number[];
  statuses: string[];
  types: string[];
  indexUids: string[];
  limit: number;
  from: number;
  reverse: boolean;
}> &
  Record<string, unknown>;

const DATE_FILTERS = [
  ['afterEnqueuedAt', 'enqueuedAt', 1],
  ['beforeEnqueuedAt', 'enqueuedAt', -1],
  ['afterStartedAt', 'startedAt', 1],
  ['beforeStartedAt', 'startedAt', -1],
  ['afterFinishedAt', 'finishedAt', 1],
  ['beforeFinishedAt', 'finishedAt', -1],
] as const;

const taskMatches = (task: TaskView, query: TaskQuery) => {
  const among = <T>(list: T[] | undefined, value: T) => !list || list.includes(value);
  const dated = DATE_FILTERS.every(([parameter, field, sign]) => {
    const bound = query[parameter];
    if (typeof bound !== 'string') return true;
    const value = (task as Record<string, unknown>)[field];
    return typeof value === 'string' && Math.sign(Date.parse(value) - Date.parse(bound)) === sign;
  });
  // No task is ever canceled here: filtering on `canceledBy` finds none.
  return (
    dated &&
    !query.canceledBy &&
    among(query.uids, task.uid) &&
    among(query.batchUids, task.batchUid ?? -1) &&
    among(query.statuses, task.status) &&
    among(query.types, task.type) &&
    among(query.indexUids, task.indexUid ?? '')
  );
};

/** GET /tasks: newest first (oldest first with `reverse`), from the uid `from`, `next` for the following page. */
const listTasks = (store: Store, query: TaskQuery) => {
  const tasks = store.taskViews();
  if (query.reverse) tasks.reverse();
  const matching = tasks.filter((task) => taskMatches(task, query));
  const limit = query.limit ?? 20;
  const start = query.from === undefined ? 0 : matching.findIndex((task) => (query.reverse ? task.uid >= query.from! : task.uid <= query.from!));
  const results = start < 0 ? [] : matching.slice(start, start + limit);
  return { results, total: matching.length, limit, from: results[0]?.uid ?? null, next: start < 0 ? null : (matching[start + limit]?.uid ?? null) };
};

/** A document addition: one object or an array of objects. */
const documentsOf = (body: unknown) => {
  const documents = Array.isArray(body) ? body : [body];
  const wrong = documents.find((doc) => doc === null || typeof doc !== 'object' || Array.isArray(doc));
  if (wrong !== undefined)
    throw invalid(
      'malformed_payload',
      `The \`json\` payload provided is malformed. \`Couldn't serialize document value: invalid type: ${JSON.stringify(wrong)}, expected a map\`.`,
    );
  return documents as Array<Record<string, unknown>>;
};

const addDocuments = (replace: boolean) => (context: Context) => {
  const documents = documentsOf(context.body);
  return enqueue(context, {
    type: 'documentAdditionOrUpdate',
    indexUid: uidOf(context),
    details: { receivedDocuments: documents.length, indexedDocuments: null },
    work: operations.addDocuments(context.store, context.defaults, uidOf(context), {
      documents,
      primaryKey: context.query.primaryKey as string | undefined,
      replace,
      skipCreation: context.query.skipCreation === true,
    }),
  });
};

const deleteByIds = (context: Context, ids: Array<string | number>) =>
  enqueue(context, {
    type: 'documentDeletion',
    indexUid: uidOf(context),
    details: { providedIds: ids.length, deletedDocuments: null },
    work: operations.deleteDocuments(context.store, uidOf(context), ids),
  });

const deleteByFilter = (context: Context) => {
  const { filter } = context.body as { filter: unknown };
  let node;
  try {
    node = parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterError) throw invalid('invalid_document_filter', error.message);
    throw error;
  }
  if (!node) throw invalid('invalid_document_filter', 'Sending an empty filter is forbidden.');
  return enqueue(context, {
    type: 'documentDeletion',
    indexUid: uidOf(context),
    details: { providedIds: 0, deletedDocuments: null, originalFilter: JSON.stringify(filter) },
    work: operations.deleteByFilter(context.store, uidOf(context), node),
  });
};

const findKey = (context: Context) => {
  const wanted = context.pathParams.key;
  const key = context.keys.find((candidate) => candidate.key === wanted || candidate.uid === wanted);
  if (!key) throw notFound('api_key_not_found', `API key \`${wanted}\` not found.`);
  return key;
};

export const handlers: Record<string, (context: Context) => Answer> = {
  'GET /health': () => ok({ status: 'available' }),
  'GET /version': ({ version }) => ok({ commitSha: 'contract-server', commitDate: '1970-01-01T00:00:00Z', pkgVersion: version }),
  'GET /stats': ({ store }) => {
    const indexes = Object.fromEntries([...store.indexes.values()].map((index) => [index.uid, indexStats(store, index)]));
    const size = Object.values(indexes).reduce((total, stats) => total + stats.rawDocumentDbSize, 0);
    const lastUpdate = store.taskViews().find((task) => task.status === 'succeeded')?.finishedAt ?? null;
    return ok({ databaseSize: size, usedDatabaseSize: size, lastUpdate, indexes });
  },

  'GET /indexes': ({ store, query }) => ok(pageOf([...store.indexes.values()].sort((a, b) => a.uid.localeCompare(b.uid)).map(indexView), query)),
  'POST /indexes': (context) => {
    const { uid, primaryKey = null } = context.body as { uid: string; primaryKey?: string | null };
    operations.checkIndexUid(uid);
    return enqueue(context, {
      type: 'indexCreation',
      indexUid: uid,
      details: { primaryKey },
      work: operations.createIndex(context.store, context.defaults, uid, primaryKey),
    });
  },
  'GET /indexes/{index_uid}': (context) => ok(indexView(indexOf(context))),
  'PATCH /indexes/{index_uid}': (context) => {
    const change = context.body as { primaryKey?: string | null; uid?: string | null };
    if (change.uid) operations.checkIndexUid(change.uid);
    return enqueue(context, {
      type: 'indexUpdate',
      indexUid: uidOf(context),
      details: { ...change },
      work: operations.updateIndex(context.store, uidOf(context), change),
    });
  },
  'DELETE /indexes/{index_uid}': (context) =>
    enqueue(context, {
      type: 'indexDeletion',
      indexUid: uidOf(context),
      details: { deletedDocuments: null },
      work: operations.deleteIndex(context.store, uidOf(context)),
    }),
  'GET /indexes/{index_uid}/stats': (context) => ok(indexStats(context.store, indexOf(context))),

  'GET /indexes/{index_uid}/settings': (context) => ok(indexOf(context).settings),
  'PATCH /indexes/{index_uid}/settings': (context) => {
    const patch = context.body as Record<string, unknown>;
    checkSettings(patch);
    return enqueue(context, {
      type: 'settingsUpdate',
      indexUid: uidOf(context),
      details: patch,
      work: operations.updateSettings(context.store, context.defaults, uidOf(context), patch),
    });
  },
  'DELETE /indexes/{index_uid}/settings': (context) =>
    enqueue(context, {
      type: 'settingsUpdate',
      indexUid: uidOf(context),
      details: {},
      work: operations.updateSettings(context.store, context.defaults, uidOf(context), undefined),
    }),

  'GET /indexes/{index_uid}/documents': (context) => {
    const { sort, ...query } = context.query as BrowseParams & { sort?: string };
    return ok(browseDocuments(indexOf(context), { ...query, sort: sort?.split(',') }));
  },
  'POST /indexes/{index_uid}/documents/fetch': (context) => ok(browseDocuments(indexOf(context), context.body as BrowseParams)),
  'GET /indexes/{index_uid}/documents/{document_id}': (context) => {
    const { document_id: id } = context.pathParams;
    const doc = indexOf(context).documents.get(id);
    if (!doc) throw notFound('document_not_found', `Document \`${id}\` not found.`);
    return ok(pickAttributes(doc, (context.query.fields as string[] | undefined) ?? ['*']));
  },
  'POST /indexes/{index_uid}/documents': addDocuments(true),
  'PUT /indexes/{index_uid}/documents': addDocuments(false),
  'DELETE /indexes/{index_uid}/documents': (context) =>
    enqueue(context, {
      type: 'documentDeletion',
      indexUid: uidOf(context),
      details: { deletedDocuments: null },
      work: operations.deleteAllDocuments(context.store, uidOf(context)),
    }),
  'POST /indexes/{index_uid}/documents/delete-batch': (context) => deleteByIds(context, context.body as Array<string | number>),
  'DELETE /indexes/{index_uid}/documents/{document_id}': (context) => deleteByIds(context, [context.pathParams.document_id]),
  'POST /indexes/{index_uid}/documents/delete': deleteByFilter,

  'POST /indexes/{index_uid}/search': (context) => ok(searchIndex(indexOf(context), context.body as SearchParams)),
  'POST /multi-search': ({ store, body }) => ok(multiSearch(store, body as MultiSearchBody)),
  'POST /swap-indexes': (context) => {
    const swaps = context.body as operations.Swap[];
    operations.checkSwaps(swaps);
    return enqueue(context, { type: 'indexSwap', indexUid: null, details: { swaps }, work: operations.swapIndexes(context.store, swaps) });
  },

  'GET /tasks': ({ store, query }) => ok(listTasks(store, query)),
  'GET /tasks/{task_id}': ({ store, pathParams }) => {
    const task = store.task(Number(pathParams.task_id));
    if (!task) throw notFound('task_not_found', `Task \`${pathParams.task_id}\` not found.`);
    return ok(task);
  },

  'GET /keys': ({ keys, query }) => ok(pageOf(keys, query)),
  'GET /keys/{key}': (context) => ok(findKey(context)),
};
