import { components, type AnyOrama } from '@orama/orama';
import { createLexicon, type Lexicon } from './lexicon';
import { addPosting, postingCount, postingId, removePosting, type Postings } from './postings';
import type { LanguageAnalyzer } from './tokenizer';

/**
 * The embedded engine's Orama index component, for text fields (Orama's own indexes the others).
 * Orama's keeps BM25 statistics incrementally per array element, and they drift as documents are
 * removed and added again (removing a document whose list field has two values makes the average
 * length NaN for good). Here each field keeps exact integers: per word, the documents that have it
 * with how many times (./postings); per document, its length; and the total length of the
 * documents that have the field. An index that has seen any sequence of inserts, updates and
 * deletes therefore scores exactly like one built fresh from the same documents. A document's
 * words are removed from the field value Orama passes back, so nothing is kept per document but
 * its lengths. The words of an index are kept once, in a dictionary of its words (for prefixes),
 * not in a tree per field holding every document of every word.
 *
 * It also decides, word by word, how a query word matches (Orama applies one rule to all words):
 * - the word's stem exactly;
 * - as a prefix (the word being typed) once it has PREFIX_MIN_LENGTH letters;
 * - with one typo once it has TYPO_MIN_LENGTH letters and matches nothing exactly or as a prefix,
 *   compared with the stems and also with the unstemmed words of the index, so that a typo in a
 *   suffix the stemmer removes ("discriminaton") still finds the word ("discrimination").
 * Typos are looked up once per search in a dictionary shared by every index of the engine; an
 * index then only checks the few words found there.
 */

export const PREFIX_MIN_LENGTH = 3;
export const TYPO_MIN_LENGTH = 5;
/** Hits through a longer word or a typo rank below hits of the word itself. */
const WEIGHTS = { exact: 1, prefix: 0.5, typo: 0.5 } as const;

type DefaultIndex = typeof components.index;
type Word = { token: string; surface: string };

/** A query word's matching words in one field: word → its weight and the documents that have it. */
type Matches = Map<string, { weight: number; postings: Postings }>;

/** Words of an identifier field (ECLI, case number): lower-cased parts, never stemmed or typo-matched. */
export const identifierParts = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

type Bm25 = { k: number; b: number; d: number };

/** Orama's BM25 formula, written the same way so that scores are the same numbers to the last bit. */
const bm25 = (tf: number, matchingCount: number, docsCount: number, fieldLength: number, averageFieldLength: number, { k, b, d }: Bm25) => {
  const idf = Math.log(1 + (docsCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * fieldLength) / averageFieldLength));
};

/** The words of every index of an engine, each counted once per index that has it: where typos are looked up. */
export type SharedDictionary = { terms: Lexicon; surfaces: Lexicon };

export const createSharedDictionary = (): SharedDictionary => ({ terms: createLexicon(), surfaces: createLexicon() });

/** The indexed words one typo away from a query word: stems near its stem, unstemmed words near it as typed. */
export type TypoCandidates = { terms: string[]; surfaces: string[] };

export const typoCandidates = (dictionary: SharedDictionary, word: Word): TypoCandidates => ({
  terms: dictionary.terms.oneTypoAway(word.token),
  surfaces: dictionary.surfaces.oneTypoAway(word.surface),
});

/** A query against one index: its words, what each matches per field, and the words (as typed, folded) that matched without a typo. */
export type QueryMatches = { words: Word[]; perField: Map<string, Map<Word, Matches>>; matched: Set<string> };

/**
 * Orama's index component, and the steps of a search across several indexes: match every index,
 * then look up with one typo the words that matched in none, then score.
 */
export type WordIndex = AnyOrama['index'] & {
  match(term: string, props: string[]): QueryMatches;
  matchTypos(query: QueryMatches, surfaces: Set<string>, candidates: (word: Word) => TypoCandidates): void;
  score(query: QueryMatches, boost: Record<string, number>, relevance: Bm25, docsCount: number, allowed: Set<number> | undefined): Array<[number, number]>;
  matchedWords(query: QueryMatches): Set<string>;
  /** Takes this index's words out of the shared dictionary (the index is being dropped). */
  release(): void;
};

/** One text field: its words' postings, each document's length (by internal id), and the totals of the documents that have it. */
type Field = { postings: Map<string, Postings>; lengths: Uint32Array; totalLength: number; documents: number };

export const createWordIndex = (analyzer: LanguageAnalyzer, identifierFields: Set<string>, textFields: string[], dictionary: SharedDictionary): WordIndex => {
  const base = components.index;
  const fields = new Map<string, Field>(
    textFields.map((field) => [field, { postings: new Map(), lengths: new Uint32Array(64), totalLength: 0, documents: 0 }]),
  );
  /** The words of this index's text fields, each counted once per field that has it. */
  const terms = createLexicon();
  /** Unstemmed word → stem → in how many (document, field) pairs: typos are matched against these words. */
  const surfaces = new Map<string, Map<string, number>>();

  const wordsOf = (prop: string, value: unknown): Word[] => {
    const values = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
    if (identifierFields.has(prop)) return values.flatMap((text) => identifierParts(text).map((part) => ({ token: part, surface: '' })));
    return values.flatMap((text) => analyzer.spans(text));
  };

  const countSurface = (surface: string, token: string, delta: 1 | -1) => {
    const stems = surfaces.get(surface) ?? new Map<string, number>();
    const count = (stems.get(token) ?? 0) + delta;
    if (count > 0) stems.set(token, count);
    else stems.delete(token);
    if (stems.size > 0) {
      if (!surfaces.has(surface)) dictionary.surfaces.add(surface);
      surfaces.set(surface, stems);
    } else if (surfaces.delete(surface)) dictionary.surfaces.delete(surface);
  };

  /** Counts each (unstemmed word, stem) pair of one field of one document once. */
  const countSurfaces = (words: Word[], delta: 1 | -1) => {
    const pairs = new Map<string, Set<string>>();
    for (const { surface, token } of words) {
      if (!surface) continue;
      const stems = pairs.get(surface) ?? new Set<string>();
      stems.add(token);
      pairs.set(surface, stems);
    }
    for (const [surface, stems] of pairs) for (const token of stems) countSurface(surface, token, delta);
  };

  const tokenCounts = (words: Word[]) => {
    const counts = new Map<string, number>();
    for (const { token } of words) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  };

  const insertText = (field: Field, prop: string, internalId: number, value: unknown) => {
    const words = wordsOf(prop, value);
    for (const [token, count] of tokenCounts(words)) {
      let postings = field.postings.get(token);
      if (!postings) {
        postings = [];
        field.postings.set(token, postings);
        if (terms.add(token)) dictionary.terms.add(token);
      }
      addPosting(postings, internalId, count);
    }
    if (internalId >= field.lengths.length) {
      const lengths = new Uint32Array(Math.max(internalId + 1, field.lengths.length * 2));
      lengths.set(field.lengths);
      field.lengths = lengths;
    }
    field.lengths[internalId] = words.length;
    if (words.length > 0) {
      field.totalLength += words.length;
      field.documents += 1;
    }
    countSurfaces(words, 1);
  };

  const removeText = (field: Field, prop: string, internalId: number, value: unknown) => {
    const words = wordsOf(prop, value);
    for (const token of tokenCounts(words).keys()) {
      const postings = field.postings.get(token);
      if (!postings) continue;
      removePosting(postings, internalId);
      if (postings.length > 0) continue;
      field.postings.delete(token);
      if (terms.delete(token)) dictionary.terms.delete(token);
    }
    if (words.length > 0) {
      field.totalLength -= words.length;
      field.documents -= 1;
    }
    field.lengths[internalId] = 0;
    countSurfaces(words, -1);
  };

  const uniqueWords = (words: Word[]) => [...new Map(words.map((word) => [word.token, word])).values()];

  /** A query's words as typed, and, per field, per word, the words of the index it matches (exactly, or as a prefix). */
  const match = (term: string, props: string[]): QueryMatches => {
    const words = uniqueWords(analyzer.spans(term));
    const identifierWords = identifierParts(term).map((part) => ({ token: part, surface: '' }));
    /** Per query word, the index's words it starts (looked up once for every field). */
    const prefixed = new Map<Word, string[]>();
    const perField = new Map<string, Map<Word, Matches>>();
    const matched = new Set<string>();
    for (const prop of props) {
      const field = fields.get(prop);
      if (!field) continue;
      const identifier = identifierFields.has(prop);
      const byWord = new Map<Word, Matches>();
      for (const word of identifier ? identifierWords : words) {
        const prefix = !identifier && word.surface.length >= PREFIX_MIN_LENGTH;
        const candidates = prefix ? (prefixed.get(word) ?? prefixed.set(word, terms.withPrefix(word.token)).get(word)!) : [word.token];
        const matches: Matches = new Map();
        for (const candidate of candidates) {
          const postings = field.postings.get(candidate);
          if (postings) matches.set(candidate, { weight: candidate === word.token ? WEIGHTS.exact : WEIGHTS.prefix, postings });
        }
        if (matches.size > 0) matched.add(word.surface);
        byWord.set(word, matches);
      }
      perField.set(prop, byWord);
    }
    return { words, perField, matched };
  };

  /** The words of one field among a query word's typo candidates: near its stem, or stems of the unstemmed words near it. */
  const typoMatches = (field: Field, { terms: near, surfaces: nearSurfaces }: TypoCandidates): Matches => {
    const matches: Matches = new Map();
    for (const term of near) {
      const postings = field.postings.get(term);
      if (postings) matches.set(term, { weight: WEIGHTS.typo, postings });
    }
    for (const surface of nearSurfaces) {
      for (const stem of surfaces.get(surface)?.keys() ?? []) {
        const postings = matches.has(stem) ? undefined : field.postings.get(stem);
        if (postings) matches.set(stem, { weight: WEIGHTS.typo, postings });
      }
    }
    return matches;
  };

  /** Adds the one-typo matches of the words in `typed` (those long enough), as typed. */
  const matchTypos = (query: QueryMatches, typed: Set<string>, candidates: (word: Word) => TypoCandidates) => {
    const typoWords = query.words.filter((word) => typed.has(word.surface) && word.surface.length >= TYPO_MIN_LENGTH);
    for (const word of typoWords) {
      const near = candidates(word);
      for (const [prop, byWord] of query.perField) if (!identifierFields.has(prop)) byWord.set(word, typoMatches(fields.get(prop)!, near));
    }
  };

  /** BM25 scores of the documents the matches reach (unsorted: hits are sorted once merged). */
  const score = (query: QueryMatches, boost: Record<string, number>, relevance: Bm25, docsCount: number, allowed: Set<number> | undefined) => {
    const results = new Map<number, number>();
    for (const [prop, byWord] of query.perField) {
      const field = fields.get(prop)!;
      const averageLength = field.documents > 0 ? field.totalLength / field.documents : 0;
      const fieldBoost = boost[prop] ?? 1;
      for (const matches of byWord.values()) {
        // In word order: the sum of a document's scores must not depend on the order words were indexed in.
        for (const [, { weight, postings }] of [...matches].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          const wordBoost = fieldBoost * weight;
          for (const entry of postings) {
            const id = postingId(entry);
            if (allowed && !allowed.has(id)) continue;
            const length = field.lengths[id];
            const score = bm25(postingCount(entry) / length, postings.length, docsCount, length, averageLength, relevance) * wordBoost;
            const sum = results.get(id);
            results.set(id, sum === undefined ? score : sum + score);
          }
        }
      }
    }
    return [...results];
  };

  return {
    ...base,

    match,
    matchTypos,
    score,
    /** The words of the index a query matched (what a hit's text highlights). */
    matchedWords(query: QueryMatches) {
      const words = new Set<string>();
      for (const byWord of query.perField.values()) for (const matches of byWord.values()) for (const word of matches.keys()) words.add(word);
      return words;
    },
    release() {
      for (const term of terms.words()) dictionary.terms.delete(term);
      for (const surface of surfaces.keys()) dictionary.surfaces.delete(surface);
    },

    insert(...args: Parameters<DefaultIndex['insert']>) {
      const [, , prop, , internalId, value] = args as unknown as [unknown, unknown, string, unknown, number, unknown];
      const field = fields.get(prop);
      if (!field) return base.insert(...args);
      insertText(field, prop, internalId, value);
    },

    remove(...args: Parameters<DefaultIndex['remove']>) {
      const [, , prop, , internalId, value] = args as unknown as [unknown, unknown, string, unknown, number, unknown];
      const field = fields.get(prop);
      if (!field) return base.remove(...args);
      removeText(field, prop, internalId, value);
      return true;
    },

    /** Orama's entry point, for a search of this index alone: a word matching nothing here is looked up with one typo. */
    search(
      _data: unknown,
      term: string,
      _tokenizer: unknown,
      _language: unknown,
      props: string[],
      _exact: boolean,
      tolerance: number,
      boost: Record<string, number>,
      relevance: Bm25,
      docsCount: number,
      whereFiltersIDs: Set<number> | undefined,
    ): Array<[number, number]> {
      const query = match(term, props);
      const unmatched = new Set(query.words.map((word) => word.surface).filter((surface) => !query.matched.has(surface)));
      if (tolerance > 0) matchTypos(query, unmatched, (word) => typoCandidates(dictionary, word));
      return score(query, boost, relevance, docsCount, whereFiltersIDs);
    },
  } as unknown as WordIndex;
};
