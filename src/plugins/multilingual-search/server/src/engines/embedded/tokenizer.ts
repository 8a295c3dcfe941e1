import { fold } from './fold';
import { STEMMERS } from './inflection';
import { LANGUAGES, stopWordsOf } from './languages';

/**
 * Per-language tokenization for the embedded engine: Unicode-aware splitting (so "Wrocław" and
 * "επαναπροώθηση" stay whole words), lower-casing, the language's stop words (`languages.ts`) and
 * stemmer (`inflection.ts`), then diacritics folded (typing "jogvedo" finds "jogvédő", "wroclaw"
 * finds "Wrocław"). Index and queries go through the same analyzer.
 */

export type LanguageAnalyzer = {
  language: string | undefined;
  stemming: boolean;
  /** Tokens of `text` as indexed and searched. */
  tokens(text: string): string[];
  /**
   * The same, with each token's position in `text` (for highlighting) and its `surface`: the word
   * lower-cased and folded but not stemmed (typos are also matched against it).
   */
  spans(text: string): Array<{ token: string; surface: string; start: number; end: number }>;
};

const MEMO_SIZE = 200_000;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

const analyzers = new Map<string, LanguageAnalyzer>();

export const analyzerFor = (locale: string): LanguageAnalyzer => {
  const base = locale.split('-')[0].toLowerCase();
  const cached = analyzers.get(base);
  if (cached) return cached;
  const language = LANGUAGES[base];
  const stem = language?.stemmer ? STEMMERS[language.stemmer]() : undefined;
  // Matched folded, so that a stop word typed without its diacritics ("sie" for "się") is one too.
  const stopWords = new Set(stopWordsOf(base).map((word) => fold(word.toLocaleLowerCase(base))));
  // Stemming the same words again and again is most of the cost of tokenizing: remember them.
  const memo = new Map<string, { token: string; surface: string }>();
  const normalize = (word: string) => {
    const known = memo.get(word);
    if (known !== undefined) return known;
    const lower = word.toLocaleLowerCase(base);
    const surface = fold(lower);
    const normalized = stopWords.has(surface) ? { token: '', surface: '' } : { token: stem ? fold(stem(lower)) : surface, surface };
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(word, normalized);
    return normalized;
  };
  const spans = (text: string) => {
    const out: Array<{ token: string; surface: string; start: number; end: number }> = [];
    for (const match of text.matchAll(WORD)) {
      const { token, surface } = normalize(match[0]);
      if (token) out.push({ token, surface, start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
    }
    return out;
  };
  const analyzer: LanguageAnalyzer = {
    language: language?.stemmer,
    stemming: Boolean(stem),
    spans,
    tokens: (text) => [...new Set(spans(text).map((span) => span.token))],
  };
  analyzers.set(base, analyzer);
  return analyzer;
};
