/**
 * The site's own texts in every interface language come in catalogues, one per part of the site
 * (`messages/`, listed in i18n.ts). English is complete and the reference: a key missing in another
 * language is a type error, so no language silently falls back. A message that counts something
 * is an object of plural forms (CLDR categories: `one`, `few`, `many`, `other`…), chosen with
 * `Intl.PluralRules`. This module imports nothing, so catalogues can import it while i18n.ts imports them.
 */
export const UI_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pl', 'ro', 'el'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

/** One catalogue: English names the keys, every other language has each of them. */
export const defineCatalog = <Keys extends string>(catalog: { en: Record<Keys, Message> } & Record<Exclude<UiLanguage, 'en'>, Record<Keys, Message>>) =>
  catalog;
