import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import type { FacetLabels } from '../config/schema';
import { getConfig } from '../utils/get-service';

type Model = { attributes: Record<string, unknown>; pluginOptions?: { i18n?: { localized?: boolean } } };
type EntryLabels = Extract<FacetLabels, { from: 'entries' }>;

/** Facet → value → the value's name. */
export type FacetValueNames = Record<string, Record<string, string>>;

/**
 * Names facet values for members, in the searcher's language (`labels` in the configuration):
 * `CoE` → "Europarat (EGMR)", `environment-climate` → "Umwelt & Klima", `DE` → "Deutschland".
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const displayNames = new Map<string, Intl.DisplayNames>();

  /** A country's or language's name in `locale` from the runtime's CLDR data; undefined for a code it does not know. */
  const displayName = (type: 'region' | 'language', locale: string, code: string) => {
    const key = `${type}:${locale}`;
    if (!displayNames.has(key)) displayNames.set(key, new Intl.DisplayNames([locale, 'en'], { type, fallback: 'none' }));
    try {
      const name = displayNames.get(key)!.of(code);
      // CLDR writes some languages in lower case ("allemand"); in a list of choices they start with a capital.
      return name && name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
    } catch {
      return undefined; // not a well-formed code (CoE)
    }
  };

  /** Names of the entries whose `key` is among `values`: published ones, in `locale` where translated, else in `defaultLocale`. */
  const entryNames = async (labels: EntryLabels, values: string[], locale: string, defaultLocale: string) => {
    const model = strapi.getModel(labels.uid) as unknown as Model;
    const localized = Boolean(model.pluginOptions?.i18n?.localized);
    const rows = (await strapi.db.query(labels.uid).findMany({
      select: [labels.key, labels.name, ...(localized ? ['locale'] : [])],
      where: {
        [labels.key]: { $in: values },
        ...(localized ? { locale: { $in: [...new Set([locale, defaultLocale])] } } : {}),
        ...(contentTypes.hasDraftAndPublish(model as never) ? { publishedAt: { $notNull: true } } : {}),
      },
    })) as Array<Record<string, string>>;
    const names = new Map<string, string>();
    for (const row of rows) if (row.locale === locale || !names.has(row[labels.key])) names.set(row[labels.key], row[labels.name]);
    return (value: string) => names.get(value);
  };

  /** How to name one value of a facet in `locale`. */
  const namer = async (labels: FacetLabels, values: string[], locale: string, defaultLocale: string): Promise<(value: string) => string | undefined> => {
    switch (labels.from) {
      case 'words':
        return (value) => labels.words[locale]?.[value] ?? labels.words.en[value];
      case 'countries':
        return (value) => labels.words?.[locale]?.[value] ?? labels.words?.en[value] ?? displayName('region', locale, value);
      case 'languages':
        return (value) => displayName('language', locale, value);
      case 'entries':
        return entryNames(labels, values, locale, defaultLocale);
    }
  };

  return {
    /**
     * The names of `values` (per facet) in `locale`; entries not translated into it are named as in
     * `defaultLocale`. A value nothing names (an unknown code) is named by itself.
     */
    async of(values: Record<string, string[]>, locale: string, defaultLocale: string): Promise<FacetValueNames> {
      const { labels } = getConfig(strapi);
      const named = await Promise.all(
        Object.entries(values).map(async ([facet, list]) => {
          const unique = [...new Set(list)];
          const name = unique.length ? await namer(labels[facet], unique, locale, defaultLocale) : () => undefined;
          return [facet, Object.fromEntries(unique.map((value) => [value, name(value) ?? value]))] as const;
        }),
      );
      return Object.fromEntries(named);
    },
  };
};
