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
  type SearchResult,
} from '../types';
import { analyzerFor, withinDistance, type LanguageAnalyzer } from './tokenizer';
import { createWordIndex, PREFIX_MIN_LENGTH, TYPO_MIN_LENGTH } from './word-index';

/**
 * The embedded engine: one in-memory Orama database per index, in this process. The default when
 * no Meilisearch is configured; rebuilt from the database at start-up. Orama finds and scores the
 * documents of each index (with the word index of ./word-index); merging the indexes, keeping one
 * hit per document, facets and sorting are done here.
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

const createDatabase = (settings: IndexSettings, analyzer: LanguageAnalyzer) => {
  const schema = Object.fromEntries(Object.entries(settings.fields).map(([field, kind]) => [field, ORAMA_TYPES[kind]]));
  return create({
    schema: { ...schema, id: 'string' } as never,
    components: { index: createWordIndex(analyzer, new Set(settings.exact)) },
    // Results are merged and sorted across indexes here, so Orama keeps no sort index.
    sort: { enabled: false },
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

type Span = { token: string; surface: string; start: number; end: number };

/** Whether a word of a text matches a query word by the rules of the word index (stem, prefix, one typo). */
const matchesDirectly = (query: Span, word: Span) => word.token === query.token || (query.surface.length >= PREFIX_MIN_LENGTH && word.token.startsWith(query.token));
const matchesWithTypo = (query: Span, word: Span) =>
  query.surface.length >= TYPO_MIN_LENGTH && (withinDistance(query.token, word.token, 1) || withinDistance(query.surface, word.surface, 1));

/** Wraps the words of `text` that match a query word in highlight markers. */
const highlight = (text: string, query: Span[], analyzer: LanguageAnalyzer) => {
  const words = analyzer.spans(text);
  const direct = new Set(query.filter((q) => words.some((word) => matchesDirectly(q, word))));
  const matches = words.filter((word) => query.some((q) => (direct.has(q) ? matchesDirectly(q, word) : matchesWithTypo(q, word))));
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

  /** Every hit of one index, with its BM25 score (0 without a query). */
  const searchIndex = async (query: FederatedQuery, q: string) => {
    const index = indexes.get(query.index);
    if (!index) return [];
    const where = query.filter ? toWhere(query.filter, index.settings.fields) : undefined;
    const params = (
      q
        ? {
            term: q,
            properties: index.settings.searchable,
            boost: Object.fromEntries(index.settings.searchable.map((field, rank) => [field, Math.max(1, index.settings.searchable.length - rank)])),
            // One typo, for the query words that match nothing as typed (see ./word-index).
            tolerance: 1,
          }
        : {}
    ) as Record<string, unknown>;
    const result = await oramaSearch(index.db, { ...params, where, limit: Math.max(1, count(index.db)), offset: 0 } as unknown as SearchParams<AnyOrama>);
    return result.hits.map((hit) => ({ score: hit.score, document: hit.document as unknown as SearchDocument }));
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
      const q = request.q.trim();
      const perIndex = await Promise.all(request.queries.map((query) => searchIndex(query, q)));
      // One hit per document: a document found in several languages keeps its best-scoring one.
      const best = new Map<string, { at: number; score: number; document: SearchDocument }>();
      perIndex.forEach((hits, at) => {
        for (const hit of hits) {
          // BM25 scores are unbounded: squash them into (0, 1) before weighting, like Meilisearch's ranking scores.
          const score = request.queries[at].weight * (q ? hit.score / (hit.score + 1) : 1);
          const key = `${hit.document.type}:${hit.document.documentId}`;
          const kept = best.get(key);
          if (!kept || score > kept.score || (score === kept.score && hit.document.id < kept.document.id)) best.set(key, { at, score, document: hit.document });
        }
      });
      const candidates = [...best.values()];

      const facets: SearchResult['facets'] = Object.fromEntries(request.facets.map((field) => [field, {}]));
      for (const { at, document } of candidates) {
        for (const field of request.queries[at].facets) {
          const counts = (facets[field] ??= {});
          const values = new Set([document[field]].flat().filter((value) => value !== undefined && value !== null && value !== '').map(String));
          for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
        }
      }

      const field = request.sort?.field;
      const direction = request.sort?.direction === 'asc' ? 1 : -1;
      candidates.sort((a, b) => {
        if (field) {
          const [x, y] = [a.document[field], b.document[field]];
          if (x !== y) return x === undefined ? 1 : y === undefined ? -1 : (x < y ? -1 : 1) * direction;
        }
        return b.score - a.score || (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0);
      });
      // Only the hits returned are highlighted.
      const hits: SearchHit[] = candidates.slice(request.offset, request.offset + request.limit).map(({ at, score, document }) => {
        const index = indexes.get(request.queries[at].index)!;
        const query = index.analyzer.spans(q);
        return {
          index: request.queries[at].index,
          score,
          document,
          highlighted: Object.fromEntries(
            request.highlight.map((name) => {
              const text = stringValue(document[name]);
              return [name, q ? highlight(text, query, index.analyzer) : text];
            })
          ),
        };
      });
      return { hits, total: candidates.length, facets };
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
