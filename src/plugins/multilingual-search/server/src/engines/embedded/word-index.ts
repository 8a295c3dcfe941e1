import { components, type AnyOrama } from '@orama/orama';
import { radix } from '@orama/orama/trees';
import type { LanguageAnalyzer } from './tokenizer';

/**
 * The embedded engine's Orama index component. Orama's own keeps BM25 statistics (average field
 * length, term frequencies, document counts per term) incrementally per array element, and they
 * drift as documents are removed and added again: removing a document whose list field has two
 * values makes the average length NaN for good, and every score of that index with it. Here the
 * statistics are kept per document and per field from exact integer totals, so an index that has
 * seen any sequence of inserts, updates and deletes scores exactly like one built fresh from the
 * same documents.
 *
 * It also decides, word by word, how a query word matches (Orama applies one rule to all words):
 * - the word's stem exactly;
 * - as a prefix (the word being typed) once it has PREFIX_MIN_LENGTH letters;
 * - with one typo once it has TYPO_MIN_LENGTH letters and matches nothing exactly or as a prefix,
 *   compared with the stems and also with the unstemmed words of the index, so that a typo in a
 *   suffix the stemmer removes ("discriminaton") still finds the word ("discrimination").
 */

export const PREFIX_MIN_LENGTH = 3;
export const TYPO_MIN_LENGTH = 5;
/** Hits through a longer word or a typo rank below hits of the word itself. */
const WEIGHTS = { exact: 1, prefix: 0.5, typo: 0.5 } as const;

type RadixTree = {
  insert(word: string, id: number): void;
  removeDocumentByWord(word: string, id: number): boolean;
  removeWord(word: string): boolean;
  find(params: { term: string; exact?: boolean; tolerance?: number }): Record<string, number[]>;
};

type IndexData = {
  indexes: Record<string, { type: string; node: RadixTree }>;
  avgFieldLength: Record<string, number>;
  fieldLengths: Record<string, Record<number, number | undefined>>;
  frequencies: Record<string, Record<number, Record<string, number> | undefined>>;
  tokenOccurrences: Record<string, Record<string, number>>;
};

type DefaultIndex = typeof components.index;
type Word = { token: string; surface: string };

/** A query word's matching words in one field: word → its weight and the documents that have it. */
type Matches = Map<string, { weight: number; ids: number[] }>;

/** Words of an identifier field (ECLI, case number): lower-cased parts, never stemmed or typo-matched. */
export const identifierParts = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

type Bm25 = { k: number; b: number; d: number };

/** A query against one index: its words, what each matches per field, and the words (as typed, folded) that matched without a typo. */
export type QueryMatches = { words: Word[]; perField: Map<string, Map<Word, Matches>>; matched: Set<string> };

/**
 * Orama's index component, and the steps of a search across several indexes: match every index,
 * then look up with one typo the words that matched in none, then score.
 */
export type WordIndex = AnyOrama['index'] & {
  match(data: unknown, term: string, props: string[]): QueryMatches;
  matchTypos(data: unknown, query: QueryMatches, surfaces: Set<string>): void;
  score(
    data: unknown,
    query: QueryMatches,
    boost: Record<string, number>,
    relevance: Bm25,
    docsCount: number,
    allowed: Set<number> | undefined,
  ): Array<[number, number]>;
  matchedWords(query: QueryMatches): Set<string>;
};

export const createWordIndex = (analyzer: LanguageAnalyzer, identifierFields: Set<string>): WordIndex => {
  const base = components.index;
  /** Per field: the sum of the lengths of the documents that have it, and how many they are. */
  const totals = new Map<string, { length: number; documents: number }>();
  /** Unstemmed word → stem → in how many (document, field) pairs: typos are matched against these words. */
  const surfaces = new Map<string, Map<string, number>>();
  const surfaceTree = new radix.RadixTree() as unknown as RadixTree;

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
      if (!surfaces.has(surface)) surfaceTree.insert(surface, 0);
      surfaces.set(surface, stems);
    } else if (surfaces.delete(surface)) surfaceTree.removeWord(surface);
  };

  const surfacePairs = (words: Word[]) => new Set(words.filter((word) => word.surface).map((word) => `${word.surface}\u0000${word.token}`));

  const updateAverage = (data: IndexData, prop: string) => {
    const total = totals.get(prop);
    data.avgFieldLength[prop] = total && total.documents > 0 ? total.length / total.documents : 0;
  };

  const insertText = (data: IndexData, prop: string, internalId: number, value: unknown) => {
    const words = wordsOf(prop, value);
    const counts = new Map<string, number>();
    for (const { token } of words) counts.set(token, (counts.get(token) ?? 0) + 1);
    const { node } = data.indexes[prop];
    const occurrences = data.tokenOccurrences[prop];
    const frequencies: Record<string, number> = {};
    for (const [token, count] of counts) {
      node.insert(token, internalId);
      occurrences[token] = (occurrences[token] ?? 0) + 1;
      frequencies[token] = count / words.length;
    }
    data.frequencies[prop][internalId] = frequencies;
    data.fieldLengths[prop][internalId] = words.length;
    if (words.length > 0) {
      const total = totals.get(prop) ?? { length: 0, documents: 0 };
      totals.set(prop, { length: total.length + words.length, documents: total.documents + 1 });
      updateAverage(data, prop);
    }
    for (const pair of surfacePairs(words)) {
      const [surface, token] = pair.split('\u0000');
      countSurface(surface, token, 1);
    }
  };

  const removeText = (data: IndexData, prop: string, internalId: number, value: unknown) => {
    const frequencies = data.frequencies[prop][internalId];
    if (!frequencies) return;
    const { node } = data.indexes[prop];
    const occurrences = data.tokenOccurrences[prop];
    for (const token of Object.keys(frequencies)) {
      node.removeDocumentByWord(token, internalId);
      occurrences[token] -= 1;
      if (occurrences[token] <= 0) delete occurrences[token];
    }
    const length = data.fieldLengths[prop][internalId] ?? 0;
    if (length > 0) {
      const total = totals.get(prop)!;
      totals.set(prop, { length: total.length - length, documents: total.documents - 1 });
      updateAverage(data, prop);
    }
    delete data.frequencies[prop][internalId];
    delete data.fieldLengths[prop][internalId];
    for (const pair of surfacePairs(wordsOf(prop, value))) {
      const [surface, token] = pair.split('\u0000');
      countSurface(surface, token, -1);
    }
  };

  const found = (result: Record<string, number[]>) => Object.entries(result).filter(([, ids]) => ids.length > 0);

  /** Exact and prefix matches of a word in one field (one walk of the tree). */
  const directMatches = (tree: RadixTree, word: Word, identifier: boolean): Matches => {
    const matches: Matches = new Map();
    const prefix = !identifier && word.surface.length >= PREFIX_MIN_LENGTH;
    for (const [term, ids] of found(tree.find({ term: word.token, exact: !prefix })))
      matches.set(term, { weight: term === word.token ? WEIGHTS.exact : WEIGHTS.prefix, ids });
    return matches;
  };

  /** Words one typo away from the word's stem, and stems of the indexed words one typo away from the word as typed. */
  const typoMatches = (tree: RadixTree, word: Word): Matches => {
    const matches: Matches = new Map();
    for (const [term, ids] of found(tree.find({ term: word.token, tolerance: 1 }))) matches.set(term, { weight: WEIGHTS.typo, ids });
    for (const surface of Object.keys(surfaceTree.find({ term: word.surface, tolerance: 1 }))) {
      for (const stem of surfaces.get(surface)?.keys() ?? []) {
        if (matches.has(stem)) continue;
        for (const [term, ids] of found(tree.find({ term: stem, exact: true }))) matches.set(term, { weight: WEIGHTS.typo, ids });
      }
    }
    return matches;
  };

  const uniqueWords = (words: Word[]) => [...new Map(words.map((word) => [word.token, word])).values()];

  /** A query's words as typed, and, per field, per word, the words of the index it matches. */
  const match = (data: IndexData, term: string, props: string[]): QueryMatches => {
    const words = uniqueWords(analyzer.spans(term));
    const identifierWords = identifierParts(term).map((part) => ({ token: part, surface: '' }));
    const perField = new Map<string, Map<Word, Matches>>();
    const matched = new Set<string>();
    for (const prop of props) {
      const tree = data.indexes[prop]?.node;
      if (!tree) continue;
      const byWord = new Map<Word, Matches>();
      for (const word of identifierFields.has(prop) ? identifierWords : words) {
        const matches = directMatches(tree, word, identifierFields.has(prop));
        if (matches.size > 0) matched.add(word.surface);
        byWord.set(word, matches);
      }
      perField.set(prop, byWord);
    }
    return { words, perField, matched };
  };

  /** Adds the one-typo matches of the words in `surfaces` (those long enough), as typed. */
  const matchTypos = (data: IndexData, query: QueryMatches, surfaces: Set<string>) => {
    const typoWords = query.words.filter((word) => surfaces.has(word.surface) && word.surface.length >= TYPO_MIN_LENGTH);
    if (typoWords.length === 0) return;
    for (const [prop, byWord] of query.perField) {
      if (identifierFields.has(prop)) continue;
      for (const word of typoWords) byWord.set(word, typoMatches(data.indexes[prop].node, word));
    }
  };

  /** BM25 scores of the documents the matches reach (unsorted: hits are sorted once merged). */
  const score = (data: IndexData, query: QueryMatches, boost: Record<string, number>, relevance: Bm25, docsCount: number, allowed: Set<number> | undefined) => {
    const results = new Map<number, number>();
    const keywordMatches = new Map<number, Map<string, number>>();
    for (const [prop, byWord] of query.perField) {
      const fieldBoost = boost[prop] ?? 1;
      for (const matches of byWord.values()) {
        // In word order: the sum of a document's scores must not depend on the shape of the tree (insertion order).
        for (const [matched, { weight, ids }] of [...matches].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          base.calculateResultScores(data as never, prop, matched, ids, docsCount, relevance, results, fieldBoost * weight, allowed, keywordMatches);
        }
      }
    }
    return [...results];
  };

  return {
    ...base,

    match: (data: unknown, term: string, props: string[]) => match(data as IndexData, term, props),
    matchTypos: (data: unknown, query: QueryMatches, surfaces: Set<string>) => matchTypos(data as IndexData, query, surfaces),
    score: (data: unknown, query: QueryMatches, boost: Record<string, number>, relevance: Bm25, docsCount: number, allowed: Set<number> | undefined) =>
      score(data as IndexData, query, boost, relevance, docsCount, allowed),
    /** The words of the index a query matched (what a hit's text highlights). */
    matchedWords(query: QueryMatches) {
      const words = new Set<string>();
      for (const byWord of query.perField.values()) for (const matches of byWord.values()) for (const word of matches.keys()) words.add(word);
      return words;
    },

    insert(...args: Parameters<DefaultIndex['insert']>) {
      const [, data, prop, , internalId, value] = args as unknown as [unknown, IndexData, string, unknown, number, unknown];
      if (data.indexes[prop]?.type !== 'Radix') return base.insert(...args);
      insertText(data, prop, internalId, value);
    },

    remove(...args: Parameters<DefaultIndex['remove']>) {
      const [, data, prop, , internalId, value] = args as unknown as [unknown, IndexData, string, unknown, number, unknown];
      if (data.indexes[prop]?.type !== 'Radix') return base.remove(...args);
      removeText(data, prop, internalId, value);
      return true;
    },

    /** Orama's entry point, for a search of this index alone: a word matching nothing here is looked up with one typo. */
    search(
      data: IndexData,
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
      const query = match(data, term, props);
      if (tolerance > 0) matchTypos(data, query, new Set(query.words.map((word) => word.surface).filter((surface) => !query.matched.has(surface))));
      return score(data, query, boost, relevance, docsCount, whereFiltersIDs);
    },
  } as unknown as WordIndex;
};
