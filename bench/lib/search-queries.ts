import { fold } from '../../src/plugins/multilingual-search/server/src/engines/embedded/fold';
import { stopWordsOf } from '../../src/plugins/multilingual-search/server/src/engines/embedded/languages';
import { random } from './generate';

/**
 * Realistic search queries for benchmarks, the same words as a REST `$containsi` query (the baseline a
 * site without a search engine would use), and the checks every answer must pass.
 */
export type SearchQuery = { locale: string; words: string[]; typo: boolean };
export type SearchHit = { type: string; documentId: string; locale: string; score: unknown };
export type SearchAnswer = { data: SearchHit[]; meta: { pagination: { total: number }; facets?: Record<string, unknown> } };

/** The text fields of a resource the search covers (config/plugins.ts `searchable`), as REST filters. */
const CONTAINSI_FIELDS = ['title', 'summary', 'body', 'court', 'caseNumber', 'ecli', 'issueAreas.name', 'skills.name', 'authorOrganisations.name'];

/**
 * Words of at least six letters in the titles, per locale, each once, as written (SQLite's `$containsi`
 * folds the case of ASCII letters only), less the locale's stop words, which the search ignores.
 */
export const titleWords = (titles: Array<{ locale: string; title: string }>) => {
  const words: Record<string, string[]> = {};
  const stopWords: Record<string, Set<string>> = {};
  for (const { locale, title } of titles) {
    const known = (words[locale] ??= []);
    const ignored = (stopWords[locale] ??= new Set(stopWordsOf(locale).map((word) => fold(word.toLowerCase()))));
    for (const word of title.split(/[^\p{L}]+/u)) {
      const key = word.toLowerCase();
      if (word.length >= 6 && !ignored.has(fold(key)) && !known.some((other) => other.toLowerCase() === key)) known.push(word);
    }
  }
  return words;
};

/** Every locale's words split in two halves with no word in common: queries measured on one, warm-up on the other. */
export const splitWords = (words: Record<string, string[]>) => {
  const half = (parity: number) => Object.fromEntries(Object.entries(words).map(([locale, list]) => [locale, list.filter((_, i) => i % 2 === parity)]));
  return { measured: half(0), warmUp: half(1) };
};

/** `count` queries of one or two words, round-robin over the locales, every seventh with a typo. */
export const searchQueries = (words: Record<string, string[]>, count: number, seed: number): SearchQuery[] => {
  const next = random(seed);
  const locales = Object.keys(words).filter((locale) => words[locale].length > 0);
  const pick = (items: string[]) => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const locale = locales[i % locales.length];
    const chosen = [pick(words[locale]), ...(i % 3 === 0 ? [pick(words[locale])] : [])];
    return { locale, words: [...new Set(chosen)], typo: i % 7 === 0 };
  });
};

const withTypo = (word: string) => (word.length > 6 ? word.slice(0, 3) + word.slice(4) : word);

/** The plugin's search route for `query`; `extra` adds parameters (`&types=resource`, filters, facets). */
export const searchPath = (query: SearchQuery, extra = '') => {
  const q = (query.typo ? query.words.map(withTypo) : query.words).join(' ');
  return `/api/multilingual-search/search?q=${encodeURIComponent(q)}&locale=${query.locale}&pageSize=10${extra}`;
};

/** GET /api/resources with any of the words in any of the text fields the search covers (`$containsi`, `$or`), first page of 10. */
export const containsiPath = (query: SearchQuery) => {
  const params = new URLSearchParams({ locale: query.locale, 'pagination[pageSize]': '10', 'fields[0]': 'title' });
  const conditions = query.words.flatMap((word) => CONTAINSI_FIELDS.map((field) => ({ word, path: field.split('.') })));
  conditions.forEach(({ word, path }, i) => params.set(`filters[$or][${i}]${path.map((part) => `[${part}]`).join('')}[$containsi]`, word));
  return `/api/resources?${params.toString()}`;
};

/** A kept-alive connection the server has just closed is retried once (ECONNRESET). */
export const fetchWithRetry = async (url: string, init?: RequestInit) => {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
};

export const fetchJson = async <T>(url: string, init?: RequestInit) => {
  const response = await fetchWithRetry(url, init);
  if (response.status !== 200) throw new Error(`${response.status} for ${url}: ${await response.text()}`);
  return (await response.json()) as T;
};

/**
 * Throws unless the answer has hits (when `expectHits`: queries of words as written, unfiltered), every
 * score a finite number, and a total at least the hits listed. Queries with a typo are not required to
 * have hits: how many do is a figure of its own (`typoHits`).
 */
export const checkSearchAnswer = (answer: SearchAnswer, what: string, expectHits = true) => {
  if (!Array.isArray(answer.data)) throw new Error(`${what}: no list of hits in ${JSON.stringify(answer).slice(0, 300)}`);
  if (expectHits && answer.data.length === 0) throw new Error(`${what}: no hits`);
  const badScore = answer.data.find((hit) => typeof hit.score !== 'number' || !Number.isFinite(hit.score));
  if (badScore) throw new Error(`${what}: score ${JSON.stringify(badScore.score)} of ${badScore.documentId} is not a number`);
  if (answer.meta.pagination.total < answer.data.length)
    throw new Error(`${what}: total ${answer.meta.pagination.total} below the ${answer.data.length} hits listed`);
};

/** How many of the answers to queries with a typo have hits, as "n/m". */
export const typoHits = (answers: Array<{ query: SearchQuery; answer: SearchAnswer }>) => {
  const withTypo = answers.filter(({ query }) => query.typo);
  return `${withTypo.filter(({ answer }) => answer.data.length > 0).length}/${withTypo.length}`;
};
