/**
 * Words, good enough for flow tests: lower-cased, without diacritics, split on anything that is
 * not a letter or a digit. No typo tolerance, stemming or synonyms (relevance is tested elsewhere).
 */

const normalizeText = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const WORD = /[\p{L}\p{N}]+/gu;
/** Words of the original text: marks included, so that a decomposed accent does not split a word. */
const ORIGINAL_WORD = /[\p{L}\p{N}\p{M}]+/gu;

export const wordsOf = (text: string) => normalizeText(text).match(WORD) ?? [];

/** The query's words; like Meilisearch, the last one also matches as a prefix unless the query ends with a separator. */
export type Query = { words: string[]; prefixLast: boolean };

export const parseQuery = (q: string | null | undefined): Query => ({
  words: wordsOf(q ?? ''),
  prefixLast: /[\p{L}\p{N}]$/u.test(q ?? ''),
});

const isLast = (query: Query, i: number) => query.prefixLast && i === query.words.length - 1;

/** Per query word: whether the document's words contain it. */
export const matchedWords = (query: Query, documentWords: Set<string>) =>
  query.words.map((word, i) => documentWords.has(word) || (isLast(query, i) && [...documentWords].some((candidate) => candidate.startsWith(word))));

/** How many characters of `original` make up its first `length` normalized characters. */
const originalPrefixLength = (original: string, length: number) => {
  let end = 1;
  while (end < original.length && normalizeText(original.slice(0, end)).length < length) end += 1;
  return end;
};

/** The text with matched words (or the matched prefix of the last word) between the tags. */
export const highlight = (text: string, query: Query, preTag: string, postTag: string) =>
  text.replace(ORIGINAL_WORD, (original) => {
    const word = normalizeText(original);
    if (query.words.includes(word)) return `${preTag}${original}${postTag}`;
    const last = query.words[query.words.length - 1];
    if (!query.prefixLast || !last || !word.startsWith(last)) return original;
    const end = originalPrefixLength(original, last.length);
    return `${preTag}${original.slice(0, end)}${postTag}${original.slice(end)}`;
  });
