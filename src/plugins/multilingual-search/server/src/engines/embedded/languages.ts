import { fold } from './fold';
import type { StemmerName } from './inflection';
import { ALBANIAN, GREEK_ARTICLES_AND_PRONOUNS, IRISH_MUTATION_PREFIXES, MACEDONIAN, MALTESE } from './stop-word-lists';
import { inBothSerbianAlphabets, misreadFrom, orama, stopword } from './stop-word-sources';

/**
 * What the analyzer knows of each content language: its stemmer (the @orama/stemmers module name,
 * also the language Orama is told), and where its stop words come from. A language without a
 * stemmer is tokenized without stemming, never with another language's stemmer.
 */
export type Language = {
  stemmer?: StemmerName;
  stopWords: () => string[];
  /**
   * Words of the platform's subject that a general-purpose stop-word list holds, as they are or
   * once folded (stop words are matched folded: the Hungarian "úgy", "so", folds to "ugy", which is
   * also "ügy", a case): they stay searchable.
   */
  contentWords?: string[];
};

export const LANGUAGES: Record<string, Language> = {
  en: { stemmer: 'english', stopWords: () => orama('english') },
  de: { stemmer: 'german', stopWords: () => orama('german') },
  fr: { stemmer: 'french', stopWords: () => orama('french') },
  es: { stemmer: 'spanish', stopWords: () => orama('spanish'), contentWords: ['parte', 'estado', 'hecho'] },
  it: { stemmer: 'italian', stopWords: () => orama('italian') },
  nl: { stemmer: 'dutch', stopWords: () => orama('dutch') },
  pt: { stemmer: 'portuguese', stopWords: () => orama('portuguese') },
  hu: { stemmer: 'hungarian', stopWords: () => orama('hungarian'), contentWords: ['ügy', 'fél', 'cikk'] },
  el: { stemmer: 'greek', stopWords: () => [...orama('greek'), ...GREEK_ARTICLES_AND_PRONOUNS] },
  bg: { stemmer: 'bulgarian', stopWords: () => orama('bulgarian') },
  da: { stemmer: 'danish', stopWords: () => orama('danish') },
  fi: { stemmer: 'finnish', stopWords: () => orama('finnish') },
  sv: { stemmer: 'swedish', stopWords: () => orama('swedish') },
  ro: { stemmer: 'romanian', stopWords: () => orama('romanian'), contentWords: ['drept', 'acord', 'data'] },
  lt: { stemmer: 'lithuanian', stopWords: () => misreadFrom('windows-1257', orama('lithuanian')) },
  ga: { stemmer: 'irish', stopWords: () => [...orama('irish'), ...IRISH_MUTATION_PREFIXES] },
  tr: { stemmer: 'turkish', stopWords: () => orama('turkish') },
  // @orama/stopwords' Ukrainian list is garbled; the `stopword` package has all its readable words.
  uk: { stemmer: 'ukrainian', stopWords: () => stopword('ukr') },
  sr: { stemmer: 'serbian', stopWords: () => inBothSerbianAlphabets(misreadFrom('windows-1250', orama('serbian'))) },
  // One list for both written forms of Norwegian: it has the Nynorsk forms ("ikkje", "eg", "kva").
  nb: { stemmer: 'norwegian', stopWords: () => orama('norwegian') },
  nn: { stemmer: 'norwegian', stopWords: () => orama('norwegian') },
  cs: { stopWords: () => stopword('ces'), contentWords: ['byt', 'strana', 'článku', 'články', 'zprávy'] },
  pl: { stopWords: () => stopword('pol') },
  sk: { stopWords: () => misreadFrom('windows-1250', stopword('slk')) },
  hr: { stopWords: () => stopword('hrv') },
  // Bosnian, Croatian and Serbian share their function words; Bosnian is written like Croatian
  // (Latin letters, "gdje", "dijete"), so it takes the Croatian list.
  bs: { stopWords: () => stopword('hrv') },
  sl: { stopWords: () => stopword('slv'), contentWords: ['pravo', 'prava', 'primer', 'stvar', 'datum'] },
  lv: { stopWords: () => stopword('lav') },
  et: { stopWords: () => stopword('est') },
  mt: { stopWords: () => MALTESE },
  sq: { stopWords: () => ALBANIAN, contentWords: ['nen'] },
  mk: { stopWords: () => MACEDONIAN },
};

/**
 * The stop words of a locale, less its content words (compared lower-cased and folded), as the
 * lists write them: the embedded analyzer folds them, Meilisearch takes them as its `stopWords`.
 */
export const stopWordsOf = (locale: string): string[] => {
  const base = locale.split('-')[0].toLowerCase();
  const language = LANGUAGES[base];
  if (!language) return [];
  const key = (word: string) => fold(word.toLocaleLowerCase(base));
  const contentWords = new Set((language.contentWords ?? []).map(key));
  return language.stopWords().filter((word) => !contentWords.has(key(word)));
};
