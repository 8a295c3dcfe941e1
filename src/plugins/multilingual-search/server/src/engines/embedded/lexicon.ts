/**
 * A counted set of words with the two lookups matching needs: the words that start with a prefix,
 * and the words one typo away. A word stays while its count is above zero (its count is how many
 * fields, or indexes, hold it).
 *
 * Words are kept in a map and in a sorted array (prefixes are ranges of it), about 40 bytes a word;
 * a radix tree node costs about ten times that. Words added or removed since the last lookup are
 * merged into the array at the next lookup, so building an index sorts once.
 */

export type Lexicon = {
  /** Counts the word once more; true when it was not there. */
  add(word: string): boolean;
  /** Counts the word once less; true when it is gone. */
  delete(word: string): boolean;
  words(): IterableIterator<string>;
  withPrefix(prefix: string): string[];
  /**
   * The words that start with `word` or are one insertion, deletion or substitution away from it
   * (what Orama's bounded Levenshtein accepts with tolerance 1), found by looking up every such
   * variant of the word.
   */
  oneTypoAway(word: string): string[];
};

export const createLexicon = (): Lexicon => {
  const counts = new Map<string, number>();
  /** Every word, in code unit order, once merged; may still hold words removed since. */
  let sorted: string[] = [];
  /** Words added since the last merge. */
  let added: string[] = [];
  let removedSinceMerge = false;
  /** Every UTF-16 unit of the words ever added: the letters a substitution or an insertion can bring. */
  const alphabet = new Set<string>();

  const merged = () => {
    if (added.length === 0 && !removedSinceMerge) return sorted;
    // Two sorted runs: the sort merges them in linear time.
    const all = sorted.concat(added.sort());
    all.sort();
    sorted = all.filter((word, at) => counts.has(word) && word !== all[at - 1]);
    added = [];
    removedSinceMerge = false;
    return sorted;
  };

  const withPrefix = (prefix: string) => {
    const words = merged();
    let [low, high] = [0, words.length];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (words[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let at = low; at < words.length && words[at].startsWith(prefix); at++) found.push(words[at]);
    return found;
  };

  return {
    add(word) {
      const count = counts.get(word) ?? 0;
      counts.set(word, count + 1);
      if (count > 0) return false;
      added.push(word);
      for (let i = 0; i < word.length; i++) alphabet.add(word[i]);
      return true;
    },
    delete(word) {
      const count = counts.get(word);
      if (count === undefined) return false;
      if (count > 1) {
        counts.set(word, count - 1);
        return false;
      }
      counts.delete(word);
      removedSinceMerge = true;
      return true;
    },
    words: () => counts.keys(),
    withPrefix,
    oneTypoAway(word) {
      const found = new Set(withPrefix(word));
      const consider = (variant: string) => {
        if (counts.has(variant)) found.add(variant);
      };
      for (let i = 0; i < word.length; i++) consider(word.slice(0, i) + word.slice(i + 1));
      for (const letter of alphabet) {
        for (let i = 0; i < word.length; i++) if (word[i] !== letter) consider(word.slice(0, i) + letter + word.slice(i + 1));
        for (let i = 0; i <= word.length; i++) consider(word.slice(0, i) + letter + word.slice(i));
      }
      return [...found];
    },
  };
};
