/**
 * What the plugin needs from a search engine. Implemented by the embedded engine (Orama, in
 * process) and by Meilisearch; the sync worker, the indexer and the search service only use this.
 */

export type FieldKind = 'text' | 'texts' | 'keyword' | 'keywords' | 'number' | 'boolean';

export type IndexSettings = {
  /** The language of the index (a Strapi locale code): stemming, stop words, localized attributes. */
  locale: string;
  /** Every field of the documents and its kind. */
  fields: Record<string, FieldKind>;
  /** Full-text fields in ranking order. */
  searchable: string[];
  filterable: string[];
  sortable: string[];
  /** Fields without typo tolerance (identifiers). */
  exact: string[];
};

/** A search document: `id` is `<type>-<documentId>-<locale>`. */
export type SearchDocument = Record<string, string | string[] | number | boolean> & {
  id: string;
  type: string;
  documentId: string;
  locale: string;
  visibility: 'public' | 'members';
};

/** Engine-neutral filter. Values are data, never syntax: each engine escapes them its own way. */
export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { not: Filter }
  | { field: string; op: 'eq'; value: string | number | boolean }
  | { field: string; op: 'in'; values: string[] }
  | { field: string; op: 'gte' | 'lte'; value: number };

export type FederatedQuery = {
  index: string;
  /** The language of the index. */
  locale: string;
  filter?: Filter;
  /** Relative importance of this index's hits when merging (the searcher's language weighs more). */
  weight: number;
  /** The request's facets that this index has, and the fields it can sort on. */
  facets: string[];
  sortable: string[];
};

export type SearchRequest = {
  q: string;
  queries: FederatedQuery[];
  /** The page of merged hits: one hit per document (see SearchResult). */
  limit: number;
  offset: number;
  /** The deepest hit a search can page to: an engine that cannot count distinct documents exactly counts them among this many hits. */
  window: number;
  facets: string[];
  sort?: { field: string; direction: 'asc' | 'desc' };
  /** Fields returned with highlight markers around matched words. */
  highlight: string[];
};

export type SearchHit = {
  index: string;
  score: number;
  document: SearchDocument;
  /** Highlighted values of `highlight` fields: matches wrapped in HIGHLIGHT_START / HIGHLIGHT_END. */
  highlighted: Record<string, string>;
};

/**
 * Hits are merged across indexes, one per document (`type` + `documentId`): a document found in
 * several languages keeps its best-scoring hit. `total` counts documents, not index entries, so it
 * is the same whatever page is asked for.
 */
export type SearchResult = {
  hits: SearchHit[];
  total: number;
  /** field → value → count of the documents found. */
  facets: Record<string, Record<string, number>>;
};

/** Markers engines put around matches; replaced by <mark> only after HTML-escaping the text. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export type IndexStats = { name: string; documents: number };

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Creates the index if needed and applies its settings (idempotent). */
  ensureIndex(index: string, settings: IndexSettings): Promise<void>;
  upsert(index: string, documents: SearchDocument[]): Promise<void>;
  delete(index: string, ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Exchanges the contents of each pair of indexes atomically (all pairs at once). */
  swap(pairs: Array<[string, string]>): Promise<void>;
  dropIndex(index: string): Promise<void>;
  listIndexes(): Promise<IndexStats[]>;
  health(): Promise<{ ok: boolean; message?: string }>;
}

/**
 * A failure of the engine itself (unreachable, too slow, failing on its side), as opposed to a
 * request it refused or a fault in this code: searches answer 503 for this one only, and everything
 * else is a 500 that is logged as the bug it is.
 */
export class EngineUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineUnavailableError';
  }
}
