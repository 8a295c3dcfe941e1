/**
 * Locale codes Meilisearch accepts in `localizedAttributes` and in the `locales` search parameter
 * (two-letter part of the `Locale` schema of its OpenAPI contract 1.53). Irish, Maltese, Albanian,
 * Bosnian and Norwegian Nynorsk are not among them.
 */
const MEILISEARCH_LOCALES = new Set([
  'af', 'ak', 'am', 'ar', 'az', 'be', 'bn', 'bg', 'ca', 'cs', 'da', 'de', 'el', 'en', 'eo', 'et', 'fi', 'fr', 'gu', 'he',
  'hi', 'hr', 'hu', 'hy', 'id', 'it', 'jv', 'ja', 'kn', 'ka', 'km', 'ko', 'la', 'lv', 'lt', 'ml', 'mr', 'mk', 'my', 'ne',
  'nl', 'nb', 'or', 'pa', 'fa', 'pl', 'pt', 'ro', 'ru', 'si', 'sk', 'sl', 'sn', 'es', 'sr', 'sv', 'ta', 'te', 'tl', 'th',
  'tk', 'tr', 'uk', 'ur', 'uz', 'vi', 'yi', 'zh', 'zu',
]);

/**
 * The Meilisearch locale for a Strapi locale code (`pt-BR` → `pt`), or undefined when Meilisearch
 * does not know the language: then it detects the language itself, rather than being told a wrong one.
 */
export const meilisearchLocale = (strapiLocale: string) => {
  const language = strapiLocale.split('-')[0].toLowerCase();
  return MEILISEARCH_LOCALES.has(language) ? language : undefined;
};
