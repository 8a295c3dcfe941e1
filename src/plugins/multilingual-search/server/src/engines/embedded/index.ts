import { count, create, insertMultiple, removeMultiple, search as oramaSearch, type AnyOrama, type SearchParams } from '@orama/orama';
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type FederatedQuery,
  type FieldKind,
  type Filter,
  type IndexSettings,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from '../types';
import { analyzerFor, withinDistance, type LanguageAnalyzer } from './tokenizer';

/**
 * The embedded engine: one in-memory Orama database per index, in this process. The default when
 * no Meilisearch is configured; rebuilt from the database at start-up.
 */

type Index = { db: AnyOrama; settings: IndexSettings; analyzer: LanguageAnalyzer };

const ORAMA_TYPES: Record<FieldKind, string> = {
  text: 'string',
  texts: 'string[]',
  keyword: 'enum',
  keywords: 'enum[]',
  number: 'number',
  boolean: 'boolean',
};

/** One typo allowed once a query has a word of this length (as Meilisearch does by default). */
const TYPO_MIN_LENGTH = 5;

const createDatabase = (settings: IndexSettings, analyzer: LanguageAnalyzer) => {
  const exact = new Set(settings.exact);
  const schema = Object.fromEntries(Object.entries(settings.fields).map(([field, kind]) => [field, ORAMA_TYPES[kind]]));
  return create({
    schema: { ...schema, id: 'string' } as never,
    components: {
      tokenizer: {
        language: analyzer.language ?? 'none',
        normalizationCache: new Map(),
        tokenize: (raw: string, _language?: string, property?: string) =>
          property && exact.has(property)
            ? [...new Set(raw.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))]
            : analyzer.tokens(raw),
      },
    } as never,
    sort: { unsortableProperties: Object.keys(settings.fields).filter((field) => !settings.sortable.includes(field)) },
  });
};

const toWhere = (filter: Filter, fields: Record<string, FieldKind>): Record<string, unknown> => {
  if ('and' in filter) return { and: filter.and.map((part) => toWhere(part, fields)) };
  if ('or' in filter) return { or: filter.or.map((part) => toWhere(part, fields)) };
  if ('not' in filter) return { not: toWhere(filter.not, fields) };
  const kind = fields[filter.field];
  if (filter.op === 'gte' || filter.op === 'lte') return { [filter.field]: { [filter.op]: filter.value } };
  const values = filter.op === 'in' ? filter.values : [filter.value];
  if (kind === 'keywords') return { [filter.field]: { containsAny: values } };
  if (kind === 'boolean') return { [filter.field]: values[0] };
  return { [filter.field]: filter.op === 'in' ? { in: values } : { eq: filter.value } };
};

/** Wraps the words of `text` that match a query token (same stem, or one typo away) in highlight markers. */
const highlight = (text: string, queryTokens: string[], analyzer: LanguageAnalyzer, typos: boolean) => {
  const matches = analyzer
    .spans(text)
    .filter(({ token }) => queryTokens.some((q) => q === token || (typos && q.length >= TYPO_MIN_LENGTH && withinDistance(q, token, 1))));
  let out = '';
  let at = 0;
  for (const { start, end } of matches) {
    out += `${text.slice(at, start)}${HIGHLIGHT_START}${text.slice(start, end)}${HIGHLIGHT_END}`;
    at = end;
  }
  return out + text.slice(at);
};

const stringValue = (value: unknown) => (Array.isArray(value) ? value.join(' · ') : value === undefined || value === null ? '' : String(value));

export const createEmbeddedEngine = (): SearchEngine => {
  const indexes = new Map<string, Index>();

  const get = (name: string) => {
    const index = indexes.get(name);
    if (!index) throw new Error(`search index "${name}" does not exist`);
    return index;
  };

  const searchIndex = async (query: FederatedQuery, request: SearchRequest, window: number, allowTypos: boolean) => {
    const index = indexes.get(query.index);
    if (!index) return null;
    const queryTokens = index.analyzer.tokens(request.q);
    if (request.q.trim() && queryTokens.length === 0) return { index, queryTokens, typos: false, result: null };
    const typos = allowTypos && queryTokens.some((token) => token.length >= TYPO_MIN_LENGTH);
    const searchable = index.settings.searchable;
    const params = {
      term: request.q,
      properties: searchable,
      boost: Object.fromEntries(searchable.map((field, rank) => [field, Math.max(1, searchable.length - rank)])),
      tolerance: typos ? 1 : 0,
      where: query.filter ? toWhere(query.filter, index.settings.fields) : undefined,
      facets: Object.fromEntries(query.facets.map((field) => [field, { limit: 500 }])),
      limit: window,
      offset: 0,
      ...(request.sort && query.sortable.includes(request.sort.field)
        ? { sortBy: { property: request.sort.field, order: request.sort.direction === 'asc' ? 'ASC' : 'DESC' } }
        : {}),
    } as unknown as SearchParams<AnyOrama>;
    return { index, queryTokens, typos, result: await oramaSearch(index.db, params) };
  };

  return {
    name: 'embedded',

    async ensureIndex(name, settings) {
      const existing = indexes.get(name);
      if (existing && JSON.stringify(existing.settings) === JSON.stringify(settings)) return;
      const analyzer = analyzerFor(settings.locale);
      indexes.set(name, { db: createDatabase(settings, analyzer), settings, analyzer });
    },

    async upsert(name, documents) {
      if (documents.length === 0) return;
      const { db, settings } = get(name);
      // Orama's facets iterate list fields: a document without one gets an empty list.
      const lists = Object.keys(settings.fields).filter((field) => settings.fields[field] === 'keywords' || settings.fields[field] === 'texts');
      const complete = documents.map((document) => ({ ...Object.fromEntries(lists.map((field) => [field, []])), ...document }));
      await removeMultiple(db, documents.map((document) => document.id));
      await insertMultiple(db, complete as never[], 500);
    },

    async delete(name, ids) {
      const index = indexes.get(name);
      if (index && ids.length > 0) await removeMultiple(index.db, ids);
    },

    async search(request) {
      const window = request.offset + request.limit;
      const run = (allowTypos: boolean) => Promise.all(request.queries.map((query) => searchIndex(query, request, window, allowTypos)));
      // Typo-tolerant matching costs most of a search: it is only used when exact words (after
      // stemming) do not fill the page, which is when the query has a typo.
      let results = await run(false);
      if (request.q.trim() && results.reduce((sum, entry) => sum + (entry?.result?.count ?? 0), 0) < window) results = await run(true);
      const candidates: Array<{ at: number; score: number; document: SearchDocument }> = [];
      const facets: SearchResult['facets'] = {};
      let total = 0;
      results.forEach((entry, at) => {
        if (!entry?.result) return;
        total += entry.result.count;
        for (const [field, facet] of Object.entries(entry.result.facets ?? {})) {
          const counts = (facets[field] ??= {});
          for (const [value, n] of Object.entries((facet as { values: Record<string, number> }).values)) {
            if (value !== '' && value !== 'undefined') counts[value] = (counts[value] ?? 0) + n;
          }
        }
        for (const hit of entry.result.hits) {
          // BM25 scores are unbounded: squash them into (0, 1) before weighting, like Meilisearch's ranking scores.
          const score = request.queries[at].weight * (request.q.trim() ? hit.score / (hit.score + 1) : 1);
          candidates.push({ at, score, document: hit.document as unknown as SearchDocument });
        }
      });
      const field = request.sort?.field;
      const direction = request.sort?.direction === 'asc' ? 1 : -1;
      candidates.sort((a, b) => {
        if (field) {
          const [x, y] = [a.document[field], b.document[field]];
          if (x !== y) return x === undefined ? 1 : y === undefined ? -1 : (x < y ? -1 : 1) * direction;
        }
        return b.score - a.score;
      });
      // Only the hits returned are highlighted.
      const hits: SearchHit[] = candidates.slice(request.offset, window).map(({ at, score, document }) => {
        const { index, queryTokens, typos } = results[at]!;
        return {
          index: request.queries[at].index,
          score,
          document,
          highlighted: Object.fromEntries(
            request.highlight.map((name) => {
              const text = stringValue(document[name]);
              return [name, request.q.trim() ? highlight(text, queryTokens, index.analyzer, typos) : text];
            })
          ),
        };
      });
      return { hits, total, facets };
    },

    async swap(pairs) {
      for (const [a, b] of pairs) {
        const [x, y] = [indexes.get(a), indexes.get(b)];
        if (y) indexes.set(a, y);
        else indexes.delete(a);
        if (x) indexes.set(b, x);
        else indexes.delete(b);
      }
    },

    async dropIndex(name) {
      indexes.delete(name);
    },

    async listIndexes() {
      return Promise.all([...indexes].map(async ([name, index]) => ({ name, documents: await count(index.db) })));
    },

    async health() {
      return { ok: true, message: `in process, ${indexes.size} indexes` };
    },
  };
};
