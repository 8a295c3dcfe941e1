/**
 * Letters that Unicode does not decompose into a base letter and a diacritic, so that stripping
 * combining marks leaves them as they are, with the letters people type instead of them
 * (as Lucene's ASCII folding does). Greek final sigma is the same letter as σ.
 */
const UNDECOMPOSABLE: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ð: 'd',
  þ: 'th',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ς: 'σ',
};
const UNDECOMPOSABLE_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'gu');

/**
 * A lower-cased word without its diacritics ("Wrocław" → "wroclaw", "straße" → "strasse",
 * "jogvédő" → "jogvedo"), so that a word typed without them matches. Compatibility
 * decomposition (NFKD) also splits ligatures such as "ﬁ" and "ĳ".
 */
export const fold = (word: string) =>
  word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNDECOMPOSABLE_LETTER, (letter) => UNDECOMPOSABLE[letter]);
