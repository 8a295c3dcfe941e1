/**
 * Bulgarian light stemmer: J. Savoy's algorithm, as in Lucene's BulgarianStemmer, which
 * @orama/stemmers also ports. That port assigns letters into a JavaScript string, which throws,
 * so every word the algorithm rewrites a letter of ("комитети", "бездомен") came out unstemmed.
 *
 * Changes to Savoy's rules, each because legal texts use the words it concerns all the time:
 * - the definite article "-ът" is also removed from five-letter words ("съдът" → "съд");
 * - "-ие" is a noun ending like "-ия" ("решение", "решения", "решението" meet);
 * - "-ии" is the plural of "-ия" ("дискриминации" meets "дискриминация");
 * - the plural "-и" is also removed from four-letter words ("роми", "жени");
 * - a final "ц" is read as "к", and "-ец" loses its fleeting "е", because "-ци" is the plural of
 *   "-к" (ученик), "-ец" (бежанец) and "-ца" (граница) alike;
 * - the rules turning "-си" into "-х", "-зи" into "-г" and "е…и" into "я…" are left out: they
 *   parted "процеси", "кризи", "съвети" or "системи" from their singulars to serve a few words.
 */

const endsWith = (word: string[], length: number, suffix: string) => length >= suffix.length && word.slice(length - suffix.length, length).join('') === suffix;

const removeArticle = (word: string[], length: number) => {
  if (length > 6 && endsWith(word, length, 'ият')) return length - 3;
  if (length > 5 && ['то', 'те', 'та', 'ия'].some((article) => endsWith(word, length, article))) return length - 2;
  if (length > 4 && (endsWith(word, length, 'ът') || endsWith(word, length, 'ят'))) return length - 2;
  return length;
};

const removePlural = (word: string[], length: number) => {
  if (length > 6 && endsWith(word, length, 'овци')) return length - 3;
  if (length > 6 && endsWith(word, length, 'ове')) return length - 3;
  if (length > 6 && endsWith(word, length, 'еве')) {
    word[length - 3] = 'й';
    return length - 2;
  }
  if (length > 5 && endsWith(word, length, 'ища')) return length - 3;
  if (length > 5 && endsWith(word, length, 'та')) return length - 2;
  if (length > 5 && endsWith(word, length, 'ии')) return length - 2;
  if (length > 5 && endsWith(word, length, 'ци')) {
    word[length - 2] = 'к';
    return length - 1;
  }
  if (length > 3 && endsWith(word, length, 'и')) return length - 1;
  return length;
};

export const stemBulgarian = (input: string): string => {
  const word = [...input];
  let length = word.length;
  if (length < 4) return input;
  if (length > 5 && endsWith(word, length, 'ища')) return word.slice(0, length - 3).join('');
  length = removeArticle(word, length);
  // An articled "-ия" noun ("дискриминацията") is left with "-ия" once the article is gone.
  length = removeArticle(word, length);
  length = removePlural(word, length);
  if (length > 3) {
    if (endsWith(word, length, 'ие')) length -= 2;
    else {
      if (endsWith(word, length, 'я')) length -= 1;
      if (endsWith(word, length, 'а') || endsWith(word, length, 'о') || endsWith(word, length, 'е')) length -= 1;
    }
  }
  if (length > 4 && endsWith(word, length, 'ен')) {
    word[length - 2] = 'н';
    length -= 1;
  }
  if (length > 4 && endsWith(word, length, 'ец')) {
    word[length - 2] = 'к';
    length -= 1;
  }
  if (endsWith(word, length, 'ц')) word[length - 1] = 'к';
  if (length > 5 && word[length - 2] === 'ъ') {
    word[length - 2] = word[length - 1];
    length -= 1;
  }
  return word.slice(0, length).join('');
};
