import type { Doc } from './attributes';
import { MeiliError, indexNotFound, invalid } from './errors';
import { type FilterNode, filterRefusal, matchesFilter } from './filter';
import { type Settings, mergeSettings } from './settings';
import type { Index, Store, Work } from './store';

/**
 * What write tasks do when the queue processes them. Each checks the state at that moment, as
 * the real scheduler does: a request is accepted, its task may still fail.
 */

const now = () => new Date().toISOString();

/** A task failure that is the state of the data, not a contract breach. */
const failure = (code: string, message: string) => new MeiliError(400, code, message, false);

const INDEX_UID = /^[a-zA-Z0-9_-]{1,400}$/;

/** The real server refuses such a uid anywhere (path, body), before enqueuing anything. */
export const checkIndexUid = (uid: string) => {
  if (!INDEX_UID.test(uid)) {
    throw invalid(
      'invalid_index_uid',
      `\`${uid}\` is not a valid index uid. Index uid can be an integer or a string containing only alphanumeric characters, hyphens (-) and underscores (_), and can not be more than 400 bytes.`,
    );
  }
};

const newIndex = (uid: string, primaryKey: string | null, defaults: Settings): Index => ({
  uid,
  primaryKey,
  documents: new Map(),
  settings: structuredClone(defaults),
  createdAt: now(),
  updatedAt: now(),
});

export const createIndex =
  (store: Store, defaults: Settings, uid: string, primaryKey: string | null): Work =>
  () => {
    if (store.indexes.has(uid)) throw failure('index_already_exists', `Index \`${uid}\` already exists.`);
    store.indexes.set(uid, newIndex(uid, primaryKey, defaults));
    return { primaryKey };
  };

export const updateIndex =
  (store: Store, uid: string, change: { primaryKey?: string | null; uid?: string | null }): Work =>
  () => {
    const index = store.requireIndex(uid);
    if (change.primaryKey !== undefined && change.primaryKey !== index.primaryKey) {
      if (index.documents.size > 0)
        throw failure('index_primary_key_already_exists', `Index \`${uid}\`: Index already has a primary key: \`${index.primaryKey}\`.`);
      index.primaryKey = change.primaryKey;
    }
    const renamed = change.uid && change.uid !== uid ? change.uid : undefined;
    if (renamed) {
      if (store.indexes.has(renamed)) throw failure('index_already_exists', `Index \`${renamed}\` already exists.`);
      store.indexes.delete(uid);
      store.indexes.set(renamed, Object.assign(index, { uid: renamed }));
    }
    index.updatedAt = now();
    return { primaryKey: index.primaryKey, ...(renamed ? { oldIndexUid: uid, newIndexUid: renamed } : {}) };
  };

export const deleteIndex =
  (store: Store, uid: string): Work =>
  () => {
    const index = store.requireIndex(uid);
    store.indexes.delete(uid);
    return { deletedDocuments: index.documents.size };
  };

/** Settings sent to a missing index create it, as in the real server. */
export const updateSettings =
  (store: Store, defaults: Settings, uid: string, patch: Record<string, unknown> | undefined): Work =>
  () => {
    const index = store.indexes.get(uid) ?? newIndex(uid, null, defaults);
    index.settings = patch ? mergeSettings(index.settings, patch, defaults) : structuredClone(defaults);
    index.updatedAt = now();
    store.indexes.set(uid, index);
    return {};
  };

/** Without a primary key, the index takes the one attribute of the first document whose name ends with `id`. */
const primaryKeyFor = (index: Index | undefined, requested: string | undefined, documents: Doc[]) => {
  const current = index?.primaryKey ?? null;
  if (current !== null) {
    if (requested !== undefined && requested !== current) throw failure('index_primary_key_already_exists', `Index already has a primary key: \`${current}\`.`);
    return current;
  }
  if (requested !== undefined || documents.length === 0) return requested ?? null;
  const candidates = Object.keys(documents[0]).filter((key) => key.toLowerCase().endsWith('id'));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0)
    throw failure(
      'index_primary_key_no_candidate_found',
      'The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter.',
    );
  throw failure(
    'index_primary_key_multiple_candidates_found',
    `The primary key inference failed as the engine found ${candidates.length} fields ending with \`id\` in their names: ${candidates.map((candidate) => `'${candidate}'`).join(' and ')}. Please specify the primary key manually using the \`primaryKey\` query parameter.`,
  );
};

const DOCUMENT_ID = /^[a-zA-Z0-9_-]{1,511}$/;

/** Ids are integers or strings of letters, digits, `-` and `_`: anything else fails the whole task. */
const documentIdOf = (doc: Doc, primaryKey: string) => {
  const id = doc[primaryKey];
  if (id === undefined) throw failure('missing_document_id', `Document doesn't have a \`${primaryKey}\` attribute: \`${JSON.stringify(doc)}\`.`);
  if ((typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) || (typeof id === 'string' && DOCUMENT_ID.test(id))) return String(id);
  throw failure(
    'invalid_document_id',
    `Document identifier \`${JSON.stringify(id)}\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`,
  );
};

type Addition = { documents: Doc[]; primaryKey?: string; replace: boolean; skipCreation: boolean };

/** POST replaces documents, PUT merges them into the existing ones; a missing index is created. */
export const addDocuments =
  (store: Store, defaults: Settings, uid: string, addition: Addition): Work =>
  () => {
    const existing = store.indexes.get(uid);
    const primaryKey = primaryKeyFor(existing, addition.primaryKey, addition.documents);
    const identified = primaryKey === null ? [] : addition.documents.map((doc) => [documentIdOf(doc, primaryKey), doc] as const);
    const index = existing ?? newIndex(uid, null, defaults);
    index.primaryKey = primaryKey;
    let indexed = 0;
    for (const [id, doc] of identified) {
      const previous = index.documents.get(id);
      if (addition.skipCreation && !previous) continue;
      index.documents.set(id, addition.replace ? structuredClone(doc) : { ...previous, ...structuredClone(doc) });
      indexed += 1;
    }
    index.updatedAt = now();
    store.indexes.set(uid, index);
    return { indexedDocuments: indexed };
  };

const removeDocuments = (index: Index, ids: Iterable<string>) => {
  let deleted = 0;
  for (const id of ids) if (index.documents.delete(id)) deleted += 1;
  index.updatedAt = now();
  return { deletedDocuments: deleted };
};

export const deleteDocuments =
  (store: Store, uid: string, ids: Array<string | number>): Work =>
  () =>
    removeDocuments(store.requireIndex(uid), ids.map(String));

export const deleteAllDocuments =
  (store: Store, uid: string): Work =>
  () => {
    const index = store.requireIndex(uid);
    return removeDocuments(index, [...index.documents.keys()]);
  };

/** The filter was parsed with the request; whether its attributes are filterable is known when the task runs. */
export const deleteByFilter =
  (store: Store, uid: string, filter: FilterNode): Work =>
  () => {
    const index = store.requireIndex(uid);
    const refusal = filterRefusal(filter, index.settings.filterableAttributes);
    if (refusal) throw invalid('invalid_document_filter', `Index \`${uid}\`: ${refusal}`);
    return removeDocuments(
      index,
      [...index.documents].filter(([, doc]) => matchesFilter(filter, doc)).map(([id]) => id),
    );
  };

export type Swap = { indexes: string[]; rename?: boolean };

/** Checks made on the request: pairs of valid uids, each index in one swap only. */
export const checkSwaps = (swaps: Swap[]) => {
  const seen = new Set<string>();
  for (const { indexes } of swaps) {
    if (indexes.length !== 2)
      throw invalid(
        'invalid_swap_indexes',
        `Two indexes must be given for each swap. The list \`[${indexes.join(', ')}]\` contains ${indexes.length} indexes.`,
      );
    for (const uid of indexes) {
      checkIndexUid(uid);
      if (seen.has(uid))
        throw invalid('invalid_swap_duplicate_index_found', `Indexes must be declared only once during a swap. \`${uid}\` was specified several times.`);
      seen.add(uid);
    }
  }
};

/** All swaps at once, or none: every index must exist (with `rename`, the second one must not). */
export const swapIndexes =
  (store: Store, swaps: Swap[]): Work =>
  () => {
    const missing = swaps.flatMap(({ indexes, rename }) => (rename ? indexes.slice(0, 1) : indexes)).filter((uid) => !store.indexes.has(uid));
    if (missing.length === 1) throw indexNotFound(missing[0]);
    if (missing.length > 1) throw failure('index_not_found', `Indexes ${missing.map((uid) => `\`${uid}\``).join(', ')} not found.`);
    const taken = swaps
      .filter(({ rename }) => rename)
      .map(({ indexes }) => indexes[1])
      .find((uid) => store.indexes.has(uid));
    if (taken) throw failure('index_already_exists', `Index \`${taken}\` already exists.`);
    const moved = swaps.flatMap(({ indexes: [a, b], rename }) => {
      const [first, second] = [store.indexes.get(a)!, store.indexes.get(b)];
      return rename ? [[b, first] as const] : [[b, first] as const, [a, second!] as const];
    });
    for (const { indexes, rename } of swaps) if (rename) store.indexes.delete(indexes[0]);
    for (const [uid, index] of moved) store.indexes.set(uid, Object.assign(index, { uid, updatedAt: now() }));
    return { swaps };
  };
