import { createRequire } from 'node:module';

/**
 * Where stop words come from: the lists of @orama/stopwords and of the `stopword` package, some of
 * which need repairing, and this project's own lists (`stop-word-lists.ts`).
 */

const requireModule = createRequire(__filename);

/** A list of @orama/stopwords by its module name ('greek'). */
export const orama = (module: string): string[] => requireModule(`@orama/stopwords/${module}`).stopwords as string[];

/** A list of the `stopword` package by its ISO 639-3 export name ('pol'). */
export const stopword = (name: string): string[] => {
  const lists = requireModule('stopword') as Record<string, unknown>;
  const list = lists[name];
  if (!Array.isArray(list)) throw new Error(`The stopword package has no list "${name}"`);
  return list as string[];
};

/** Byte → character of a single-byte code page, as the WHATWG decoder reads it. */
const codePage = (encoding: string) => {
  const decoder = new TextDecoder(encoding);
  return Array.from({ length: 0x80 }, (_, i) => decoder.decode(Uint8Array.of(0x80 + i)));
};

/**
 * Some lists were saved in a Central European or Baltic code page and read as Western European
 * (windows-1252): the Slovak "keď" reads "keï", the Lithuanian "šis" "ðis", the Serbian "između"
 * "izmeðu". This reads each character back as the byte it came from, in the right code page.
 * Letters that windows-1252 does not have (ď, š, ć…) are left alone, so a list that is already
 * right stays right.
 */
export const misreadFrom = (encoding: 'windows-1250' | 'windows-1257', words: string[]): string[] => {
  const western = codePage('windows-1252');
  const actual = codePage(encoding);
  const repair = new Map(western.map((character, i) => [character, actual[i]]));
  return words.map((word) => [...word].map((character) => repair.get(character) ?? character).join(''));
};

/** Serbian Latin → Cyrillic (the two alphabets map letter for letter; lj, nj and dž are one letter). */
const SERBIAN_CYRILLIC: Array<[string, string]> = [
  ['lj', 'љ'],
  ['nj', 'њ'],
  ['dž', 'џ'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'ц'],
  ['č', 'ч'],
  ['ć', 'ћ'],
  ['d', 'д'],
  ['đ', 'ђ'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'ј'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['š', 'ш'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['z', 'з'],
  ['ž', 'ж'],
];
const SERBIAN_LATIN_LETTER = new RegExp(SERBIAN_CYRILLIC.map(([latin]) => latin).join('|'), 'g');
const toSerbianCyrillic = (word: string) => word.replace(SERBIAN_LATIN_LETTER, (latin) => SERBIAN_CYRILLIC.find(([from]) => from === latin)![1]);

/** Serbian is written in both alphabets: a Latin list, and the same words in Cyrillic. */
export const inBothSerbianAlphabets = (words: string[]): string[] => [...words, ...words.map(toSerbianCyrillic)];
