import { internals } from '@orama/orama';
import { createLexicon } from '../../src/plugins/multilingual-search/server/src/engines/embedded/lexicon';

/**
 * The embedded engine looks up typos and prefixes in one dictionary of the words of every index.
 * Property: after any sequence of words added and removed (a word counted by several indexes stays
 * until the last one removes it), its lookups answer exactly what checking every word it holds
 * with Orama's bounded Levenshtein (tolerance 1, prefixes included) and startsWith answers.
 */

const WORDS = [
  'discrimin',
  'discrimination',
  'discriminaton',
  'discriminat',
  'evict',
  'evic',
  'eviction',
  'housing',
  'hous',
  'court',
  'courts',
  'cour',
  'roma',
  'rome',
  'ρομα',
  'ρομά',
  'право',
  'правa',
  'a',
  'ab',
  'b',
  'é',
  'e',
];

const generator = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

test.each([1, 7, 42, 2026])('lookups match a check of every word, after adds and removes (seed %i)', (seed) => {
  const next = generator(seed);
  const lexicon = createLexicon();
  const held = new Map<string, number>();
  for (let step = 0; step < 400; step++) {
    const word = WORDS[Math.floor(next() * WORDS.length)];
    if (next() < 0.6) {
      expect(lexicon.add(word)).toBe(!held.has(word));
      held.set(word, (held.get(word) ?? 0) + 1);
    } else {
      const count = held.get(word);
      expect(lexicon.delete(word)).toBe(count === 1);
      if (count === 1) held.delete(word);
      else if (count) held.set(word, count - 1);
    }
    if (step % 10 !== 0) continue;
    const words = [...held.keys()];
    expect([...lexicon.words()].sort()).toEqual(words.sort());
    for (const query of WORDS) {
      expect(lexicon.withPrefix(query).sort()).toEqual(words.filter((word) => word.startsWith(query)).sort());
      expect(lexicon.oneTypoAway(query).sort()).toEqual(words.filter((word) => internals.boundedLevenshtein(query, word, 1).isBounded).sort());
    }
  }
});
