import type { Core, UID } from '@strapi/strapi';
import { uidOf } from '../utils/content-types';
import { getConfig } from '../utils/get-service';
import type { Dimension } from './sql';

export type SkillRow = { documentId: string; slug: string; name: string; category: string; parent: string | null };
export type Column = { key: string; label: string };

/**
 * What the matrix is drawn on: skills (rows) and the values of a dimension (columns), labelled in
 * the requested locale, the default locale's name where one is not translated.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const defaultLocale = () => getConfig(strapi).locales.default;

  /** Rows of `uid` in `locale`, falling back to the default locale's row of the same document. */
  const localized = async <T extends { documentId: string; locale: string }>(
    uid: UID.ContentType,
    locale: string,
    select: string[],
    where: Record<string, unknown> = {},
  ) => {
    const fallback = defaultLocale();
    const rows = (await strapi.db.query(uid).findMany({
      select: ['documentId', 'locale', ...select],
      where: { ...where, locale: { $in: [...new Set([locale, fallback])] } },
    })) as T[];
    const byDocument = new Map<string, T>();
    for (const row of rows) if (row.locale === locale || !byDocument.has(row.documentId)) byDocument.set(row.documentId, row);
    return [...byDocument.values()];
  };

  return {
    /** Skills, optionally one category, or one skill (by slug) and its children. */
    async skills(locale: string, options: { category?: string; parent?: string } = {}): Promise<SkillRow[]> {
      const rows = await localized<SkillRow & { locale: string; parent?: { slug: string } | null }>(uidOf(strapi, 'skill'), locale, [
        'slug',
        'name',
        'category',
      ]);
      const parents = (await strapi.db.query(uidOf(strapi, 'skill')).findMany({
        select: ['documentId'],
        where: { locale: defaultLocale() },
        populate: { parent: { select: ['slug'] } },
      })) as Array<{ documentId: string; parent: { slug: string } | null }>;
      const parentOf = new Map(parents.map((row) => [row.documentId, row.parent?.slug ?? null]));
      const collator = new Intl.Collator(locale);
      return rows
        .map((row) => ({ documentId: row.documentId, slug: row.slug, name: row.name, category: row.category, parent: parentOf.get(row.documentId) ?? null }))
        .filter((row) => !options.category || row.category === options.category)
        .filter((row) => !options.parent || row.slug === options.parent || row.parent === options.parent)
        .sort((a, b) => a.category.localeCompare(b.category) || collator.compare(a.name, b.name));
    },

    /** The columns of `dimension`: every issue area and organisation; the countries and languages among `values`. */
    async columns(dimension: Dimension, locale: string, values: Iterable<string> = []): Promise<Column[]> {
      // One collator for the whole sort: localeCompare with a locale builds one per comparison.
      const collator = new Intl.Collator(locale);
      const byLabel = (a: Column, b: Column) => collator.compare(a.label, b.label);
      switch (dimension) {
        case 'issueArea':
          return (await localized<{ documentId: string; locale: string; slug: string; name: string }>(uidOf(strapi, 'issueArea'), locale, ['slug', 'name']))
            .map((row) => ({ key: row.slug, label: row.name }))
            .sort(byLabel);
        case 'organisation':
          return (
            (await strapi.db.query(uidOf(strapi, 'organisation')).findMany({
              select: ['slug', 'name'],
              where: { locale: defaultLocale(), publishedAt: { $notNull: true } },
            })) as Array<{ slug: string; name: string }>
          )
            .map((row) => ({ key: row.slug, label: row.name }))
            .sort(byLabel);
        case 'country':
        case 'language': {
          const names = new Intl.DisplayNames([locale, defaultLocale()], { type: dimension === 'country' ? 'region' : 'language' });
          return [...values].map((value) => ({ key: value, label: names.of(value) ?? value })).sort(byLabel);
        }
      }
    },
  };
};
