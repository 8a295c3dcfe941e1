import { createRequire } from 'node:module';
import { stemBulgarian } from './bulgarian-stemmer';

/**
 * Reducing the inflected forms of a word to one token: a language's stemmer from @orama/stemmers,
 * with general corrections where a test with real word pairs (tests/search/analysis.test.ts)
 * showed it leaving a plural or case form apart from its base form. The corrections are rules
 * about suffixes, never lists of words.
 */

/** Lower-cased word → token (before diacritics are folded). */
export type Stemmer = (word: string) => string;

const requireModule = createRequire(__filename);

/** Some stemmers throw on unusual words: such a word is kept whole. */
const orama = (module: string): Stemmer => {
  const stem = requireModule(`@orama/stemmers/${module}`).stemmer as Stemmer;
  return (word) => {
    try {
      return stem(word);
    } catch {
      return word;
    }
  };
};

/** `rules` applied in order, each a suffix pattern and its replacement. */
const rewrite = (rules: Array<[RegExp, string]>) => (word: string) =>
  rules.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), word);

const MAX_PASSES = 4;

/**
 * Some stemmers take one layer of suffixes off: a plural or case form is reduced to the base form,
 * while the base form itself loses whatever of its ending looks like a suffix (Hungarian
 * "hajléktalanok" → "hajléktalan", but "hajléktalan" → "hajléktal"). Stemming again until nothing
 * changes makes both meet. It stops before a stem of fewer than five letters and two vowels, below
 * which unrelated words start to meet ("csapat" and "csapda" at "csap").
 */
const stemAgain = (stem: Stemmer, vowel: RegExp): Stemmer => {
  const vowels = new RegExp(vowel.source, 'gu');
  const longEnough = (candidate: string) => [...candidate].length >= 5 || (candidate.match(vowels) ?? []).length >= 2;
  return (word) => {
    let current = stem(word);
    for (let pass = 1; pass < MAX_PASSES; pass += 1) {
      const next = stem(current);
      if (next === current || !longEnough(next)) break;
      current = next;
    }
    return current;
  };
};

/**
 * Dutch spelling never ends a word in a doubled consonant: the doubling only appears before a
 * suffix ("vonnissen", "mannen"), and Snowball undoubles only k, d and t. A plural "-s" after "ie"
 * ("discriminaties", "instanties") is left on by Snowball, which removes "-s" only after consonants.
 */
const dutch = (stem: Stemmer): Stemmer => {
  const corrections = rewrite([
    [/(.{4,}ie)s$/u, '$1'],
    [/([^aeiouy])\1$/u, '$1'],
  ]);
  return (word) => corrections(stem(word));
};

/**
 * Portuguese: Snowball leaves the plural of "-al" and "-el" nouns apart ("tribunais" → "tribun",
 * "tribunal" → "tribunal") and does not touch words too short for its suffix region ("leis").
 * Such plurals are turned into their singular first.
 */
const portuguese = (stem: Stemmer): Stemmer => {
  const singular = rewrite([
    [/^(.{3,})ais$/u, '$1al'],
    [/^(.{2,})éis$/u, '$1el'],
    [/^(.{1,2}[aeo]i)s$/u, '$1'],
  ]);
  return (word) => stem(singular(word));
};

/**
 * Finnish: Snowball removes case endings but leaves the stem changes of whole noun classes:
 * "-us"/"-ös" nouns ("oikeus" : "oikeuden", "valitus" : "valituksen", "päätös" : "päätöksen"),
 * "-nen" nouns and adjectives ("pakolainen" : "pakolaiset", "nainen" : "naiset"),
 * "-in" nouns ("tuomioistuin" : "tuomioistuimen") and "-ton" adjectives ("asunnoton" :
 * "asunnottomat"). Consonant gradation ("häätö" : "häädön") is left alone.
 */
const finnish = (stem: Stemmer): Stemmer => {
  const corrections = rewrite([
    [/^(.{3,}[uyoö])(?:ks|d|t|s)$/u, '$1'],
    [/^(.{2,}i)(?:st?|se|ne)$/u, '$1n'],
    [/^(.{3,})tt([oö])m$/u, '$1t$2'],
    [/^(.{4,})im$/u, '$1'],
  ]);
  return (word) => corrections(stem(word));
};

/**
 * Romanian: the Snowball stemmer knows ş and ţ with a cedilla, while Romanian is written with
 * ș and ț (comma below). It also leaves apart the plurals in "-uri" ("drepturi" : "drept") and of
 * the long infinitives, the most common nouns of legal texts ("discriminări" : "discriminare",
 * "plângeri" : "plângere", "hotărâri" : "hotărâre").
 */
const romanian = (stem: Stemmer): Stemmer => {
  const cedilla = rewrite([
    [/ș/gu, 'ş'],
    [/ț/gu, 'ţ'],
  ]);
  const corrections = rewrite([[/^(.{4,})(?:ăr|âr|er|ir|ur)$/u, '$1']]);
  return (word) => corrections(stem(cedilla(word)));
};

/**
 * Irish: the Snowball stemmer handles the initial mutations ("gcúirt", "chúirt") but no endings:
 * plurals and genitives in "-a", "-í", "-anna", "-acha", "-the"… and the slender final consonant
 * of a genitive or plural ("gearán" : "gearáin", "breithiúnas" : "breithiúnais").
 */
const irish = (stem: Stemmer): Stemmer => {
  const corrections = rewrite([
    [/^(.{3,}?)(?:eanna|anna|eacha|acha|aithe|ithe|the|aí|í|a|e)$/u, '$1'],
    [/^(.{2,}[aeiouáéíóú])i([^aeiouáéíóú]{1,2})$/u, '$1$2'],
  ]);
  return (word) => corrections(stem(word));
};

/**
 * Ukrainian: the "-ець" nouns lose their "е" in every other form ("біженець" : "біженці"), and
 * the stemmer leaves the "і" of "-ія" nouns' other forms ("дискримінації").
 */
const ukrainian = (stem: Stemmer): Stemmer => {
  const corrections = rewrite([
    [/^(.{3,})ец$/u, '$1ц'],
    [/^(.{3,})[ії]$/u, '$1'],
  ]);
  return (word) => corrections(stem(word));
};

/**
 * Serbian (the stemmer answers in Latin letters for both alphabets): short masculine nouns take
 * "-ov-"/"-ev-" in the plural ("sud" : "sudovi"), and "-nik" nouns turn k into c before "-i"
 * ("beskućnik" : "beskućnici", "pravnik" : "pravnici").
 */
const serbian = (stem: Stemmer): Stemmer => {
  const corrections = rewrite([
    [/^(.{3,})[oe]v$/u, '$1'],
    [/^(.{2,})nic$/u, '$1nik'],
  ]);
  return (word) => corrections(stem(word));
};

/** Stemmer of each language that has one, by its @orama/stemmers module name. */
export const STEMMERS = {
  english: () => orama('english'),
  german: () => orama('german'),
  french: () => orama('french'),
  spanish: () => orama('spanish'),
  italian: () => orama('italian'),
  dutch: () => dutch(orama('dutch')),
  portuguese: () => portuguese(orama('portuguese')),
  hungarian: () => stemAgain(orama('hungarian'), /[aáeéiíoóöőuúüű]/),
  greek: () => stemAgain(orama('greek'), /[αάεέηήιίϊΐοόυύϋΰωώ]/),
  bulgarian: () => stemBulgarian,
  danish: () => orama('danish'),
  finnish: () => finnish(orama('finnish')),
  swedish: () => stemAgain(orama('swedish'), /[aeiouyåäö]/),
  romanian: () => romanian(orama('romanian')),
  lithuanian: () => orama('lithuanian'),
  irish: () => irish(orama('irish')),
  turkish: () => stemAgain(orama('turkish'), /[aâeıiîoöuûü]/),
  ukrainian: () => ukrainian(orama('ukrainian')),
  serbian: () => serbian(orama('serbian')),
  norwegian: () => orama('norwegian'),
} satisfies Record<string, () => Stemmer>;

export type StemmerName = keyof typeof STEMMERS;
