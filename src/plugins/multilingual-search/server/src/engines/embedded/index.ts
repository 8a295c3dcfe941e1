import { count, create, insertMultiple, removeMultiple, type AnyOrama } from '@orama/orama';
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
import { analyzerFor, type LanguageAnalyzer } from './tokenizer';
import { createSharedDictionary, createWordIndex, typoCandidates, type SharedDictionary, type TypoCandidates, type WordIndex } from './word-index';

/**
 * The embedded engine: one in-memory Orama database per index, in this process. The default when
 * no Meilisearch is configured; rebuilt from the database at start-up. Orama finds and scores the
 * documents of each index (with the word index of ./word-index); merging the indexes, keeping one
 * hit per document, facets and sorting are done here.
 */

/** Orama's BM25 parameters (its defaults). */
const BM25 = { k: 1.2, b: 0.75, d: 0.5 };

/** `boost`: searchable fields weighted by their rank (the first counts most). */
type Index = { db: AnyOrama; settings: IndexSettings; analyzer: LanguageAnalyzer; words: WordIndex; boost: Record<string, number> };

const ORAMA_TYPES: Record<FieldKind, string> = {
  text: 'string',
  texts: 'string[]',
  keyword: 'enum',
  keywords: 'enum[]',
  number: 'number',
  boolean: 'boolean',
};

const createIndex = (settings: IndexSettings, dictionary: SharedDictionary): Index => {
  const analyzer = analyzerFor(settings.locale);
  const textFields = Object.keys(settings.fields).filter((field) => settings.fields[field] === 'text' || settings.fields[field] === 'texts');
  const words = createWordIndex(analyzer, new Set(settings.exact), textFields, dictionary);
  const schema = Object.fromEntries(Object.entries(settings.fields).map(([field, kind]) => [field, ORAMA_TYPES[kind]]));
  const db = create({
    // Orama keys documents on their `id` without it being in the schema (where it would be indexed as text).
    schema: schema as never,
    components: { index: words },
    // Results are merged and sorted across indexes here, so Orama keeps no sort index.
    sort: { enabled: false },
  });
  const boost = Object.fromEntries(settings.searchable.map((field, rank) => [field, Math.max(1, settings.searchable.length - rank)]));
  return { db, settings, analyzer, words, boost };
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

/** Wraps the words of `text` that are among the words the query matched in highlight markers. */
const highlight = (text: string, matched: Set<string>, analyzer: LanguageAnalyzer) => {
  let out = '';
  let at = 0;
  for (const { token, start, end } of analyzer.spans(text)) {
    if (!matched.has(token)) continue;
    out += `${text.slice(at, start)}${HIGHLIGHT_START}${text.slice(start, end)}${HIGHLIGHT_END}`;
    at = end;
  }
  return out + text.slice(at);
};

/** The query's words as typed (folded), in every index's language. */
const queryWords = (prepared: Array<{ matches?: { words: Array<{ surface: string }> } } | undefined>) => [
  ...new Set(prepared.flatMap((entry) => entry?.matches?.words.map((word) => word.surface) ?? [])),
];

type Candidate = { at: number; score: number; document: SearchDocument };

/** The first `count` items in `order` (a total order): what sorting them all and slicing gives, without sorting them all. */
const firstInOrder = <T>(items: T[], count: number, order: (a: T, b: T) => number) => {
  const first: T[] = [];
  for (const item of items) {
    if (first.length === count && (count === 0 || order(item, first[count - 1]) >= 0)) continue;
    let [low, high] = [0, first.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(first[middle], item) <= 0) low = middle + 1;
      else high = middle;
    }
    first.splice(low, 0, item);
    if (first.length > count) first.pop();
  }
  return first;
};

const stringValue = (value: unknown) => (Array.isArray(value) ? value.join(' · ') : value === undefined || value === null ? '' : String(value));

export const createEmbeddedEngine = (): SearchEngine => {
  const indexes = new Map<string, Index>();
  const dictionary = createSharedDictionary();

  const get = (name: string) => {
    const index = indexes.get(name);
    if (!index) throw new Error(`search index "${name}" does not exist`);
    return index;
  };

  /** Where each index stands in a search: its words' matches, and the documents its filter allows. */
  const prepare = (query: FederatedQuery, q: string) => {
    const index = indexes.get(query.index);
    if (!index) return undefined;
    const { db, settings, words } = index;
    const allowed = query.filter
      ? (db.index.searchByWhereClause(db.data.index, db.tokenizer, toWhere(query.filter, settings.fields) as never, undefined) as Set<number>)
      : undefined;
    return { index, allowed, matches: q ? words.match(q, settings.searchable) : undefined };
  };

  /**
   * Every hit of one index, with its BM25 score (0 without a query). Orama filters (its where
   * clause) and stores the documents; the word index scores. Hits are merged, sorted and paged
   * across indexes by the caller, so Orama's own paging and sorting of every hit are skipped.
   */
  const hitsOf = ({ index, allowed, matches }: NonNullable<ReturnType<typeof prepare>>) => {
    const { db, words, boost } = index;
    const scored: Array<[number, number]> = matches
      ? words.score(matches, boost, BM25, count(db), allowed)
      : [...(allowed ?? Object.keys(db.documentsStore.getAll(db.data.docs)).map(Number))].map((id) => [id, 0]);
    return { scored, documents: (id: number) => db.documentsStore.get(db.data.docs, id as never) as unknown as SearchDocument };
  };

  return {
    name: 'embedded',

    async ensureIndex(name, settings) {
      const existing = indexes.get(name);
      if (existing && JSON.stringify(existing.settings) === JSON.stringify(settings)) return;
      existing?.words.release();
      indexes.set(name, createIndex(settings, dictionary));
    },

    async upsert(name, documents) {
      if (documents.length === 0) return;
      const { db, settings } = get(name);
      // Orama's facets iterate list fields: a document without one gets an empty list.
      const lists = Object.keys(settings.fields).filter((field) => settings.fields[field] === 'keywords' || settings.fields[field] === 'texts');
      const complete = documents.map((document) => ({ ...Object.fromEntries(lists.map((field) => [field, []])), ...document }));
      await removeMultiple(
        db,
        documents.map((document) => document.id),
      );
      await insertMultiple(db, complete as never[], 500);
    },

    async delete(name, ids) {
      const index = indexes.get(name);
      if (index && ids.length > 0) await removeMultiple(index.db, ids);
    },

    async search(request) {
      const q = request.q.trim();
      const prepared = request.queries.map((query) => prepare(query, q));
      // One typo for the words that match nothing as typed in any index (not merely in one of them:
      // most indexes lack most words). Each word's neighbours are looked up once, in the dictionary
      // of every index, and each index only checks those few words.
      const matchedSomewhere = new Set(prepared.flatMap((entry) => [...(entry?.matches?.matched ?? [])]));
      const unmatched = new Set(queryWords(prepared).filter((surface) => !matchedSomewhere.has(surface)));
      const neighbours = new Map<string, TypoCandidates>();
      const candidatesOf = (word: { token: string; surface: string }) => {
        const key = `${word.token}\u0000${word.surface}`;
        return neighbours.get(key) ?? neighbours.set(key, typoCandidates(dictionary, word)).get(key)!;
      };
      if (unmatched.size > 0) for (const entry of prepared) if (entry?.matches) entry.index.words.matchTypos(entry.matches, unmatched, candidatesOf);
      const perIndex = prepared.map((entry) => entry && hitsOf(entry));
      // One hit per document: a document found in several languages keeps its best-scoring one.
      // Keyed by type, then document id (no key string built per hit).
      const best = new Map<string, Map<string, Candidate>>();
      perIndex.forEach((found, at) => {
        if (!found) return;
        const { weight } = request.queries[at];
        for (const [id, bm25] of found.scored) {
          // BM25 scores are unbounded: squash them into (0, 1) before weighting, like Meilisearch's ranking scores.
          const score = weight * (q ? bm25 / (bm25 + 1) : 1);
          const document = found.documents(id);
          const ofType = best.get(document.type) ?? best.set(document.type, new Map()).get(document.type)!;
          const kept = ofType.get(document.documentId);
          if (!kept || score > kept.score || (score === kept.score && document.id < kept.document.id)) ofType.set(document.documentId, { at, score, document });
        }
      });
      const candidates = [...best.values()].flatMap((ofType) => [...ofType.values()]);

      const facets: SearchResult['facets'] = Object.fromEntries(request.facets.map((field) => [field, {}]));
      for (const { at, document } of candidates) {
        for (const field of request.queries[at].facets) {
          const counts = (facets[field] ??= {});
          const value = document[field];
          if (!Array.isArray(value)) {
            if (value !== undefined && value !== null && value !== '') counts[String(value)] = (counts[String(value)] ?? 0) + 1;
            continue;
          }
          const values = new Set(value.filter((item) => item !== undefined && item !== null && item !== '').map(String));
          for (const item of values) counts[item] = (counts[item] ?? 0) + 1;
        }
      }

      const field = request.sort?.field;
      const direction = request.sort?.direction === 'asc' ? 1 : -1;
      const order = (a: Candidate, b: Candidate) => {
        if (field) {
          const [x, y] = [a.document[field], b.document[field]];
          if (x !== y) return x === undefined ? 1 : y === undefined ? -1 : (x < y ? -1 : 1) * direction;
        }
        return b.score - a.score || (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0);
      };
      // Only the hits returned are highlighted, with the words their index matched.
      const matchedWords = new Map<number, Set<string>>();
      const hits: SearchHit[] = firstInOrder(candidates, request.offset + request.limit, order)
        .slice(request.offset)
        .map(({ at, score, document }) => {
          const { index, matches } = prepared[at]!;
          if (matches && !matchedWords.has(at)) matchedWords.set(at, index.words.matchedWords(matches));
          return {
            index: request.queries[at].index,
            score,
            document,
            highlighted: Object.fromEntries(
              request.highlight.map((name) => {
                const text = stringValue(document[name]);
                return [name, matches ? highlight(text, matchedWords.get(at)!, index.analyzer) : text];
              }),
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
      indexes.get(name)?.words.release();
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
