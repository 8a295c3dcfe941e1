import type { Core } from '@strapi/strapi';
import type { SearchDocument } from '../engines/types';
import { getConfig, getService } from '../utils/get-service';
import type { FieldSource, SearchType } from './types';

type Entry = Record<string, unknown> & { documentId: string; locale?: string | null };

/** Markdown to the text a reader sees: enough for snippets and matching. */
const plainText = (markdown: string) =>
  markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/[*_`>~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const toValue = (value: unknown, source: FieldSource): string | number | boolean | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  if (source.kind === 'number' && typeof value === 'string') return Date.parse(value) || Number(value);
  if (typeof value === 'string') return source.richtext ? plainText(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
};

const listOf = (value: unknown) => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]);

/**
 * Builds search documents from the database: only published entries, only the allow-listed fields,
 * relations embedded in the entry's own locale.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const types = () => getService(strapi, 'types');

  const isIncluded = (type: SearchType, entry: Entry) =>
    Object.entries(type.config.exclude).every(([attribute, values]) => !values.includes(String(entry[attribute])));

  /**
   * A locale entry that only stands in for a translation (its own texts empty, or copied from the
   * default-locale entry: see the app's locale coverage) adds nothing to search: it is not indexed,
   * and searchers of that language find the original as an other-language hit.
   */
  const isTranslation = (type: SearchType, entry: Entry, original: Entry | undefined) => {
    if (!original || entry === original) return true;
    const own = type.sources.filter((source) => source.localized);
    return own.some((source) => {
      const value = entry[source.attribute];
      const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      return !empty && JSON.stringify(value) !== JSON.stringify(original[source.attribute]);
    });
  };

  const toDocument = (type: SearchType, entry: Entry, locales: string[]): SearchDocument => {
    const locale = entry.locale ?? locales[0];
    const visibility = type.config.visibility === 'public' ? 'public' : entry[type.config.visibility.attribute] === 'public' ? 'public' : 'members';
    const document: SearchDocument = {
      id: types().documentId(type.name, entry.documentId, locale),
      type: type.name,
      documentId: entry.documentId,
      locale,
      language: locale,
      visibility,
      locales,
    };
    for (const source of type.sources) {
      const raw = entry[source.attribute];
      if (source.nested) {
        const values = listOf(raw)
          .map((item) => toValue((item as Record<string, unknown>)?.[source.nested!], source))
          .filter((value): value is string | number | boolean => value !== undefined);
        if (values.length) document[source.field] = values.map(String);
      } else if (source.kind === 'keywords' || source.kind === 'texts') {
        const values = listOf(raw).filter((value) => typeof value === 'string' && value);
        if (values.length) document[source.field] = values as string[];
      } else {
        const value = toValue(raw, source);
        if (value !== undefined) document[source.field] = value;
      }
    }
    return document;
  };

  return {
    /**
     * The search documents of `documentIds` (all their published, included, translated locales),
     * grouped by documentId. A documentId without any is absent from the map.
     */
    async load(type: SearchType, documentIds: string[]): Promise<Map<string, SearchDocument[]>> {
      const out = new Map<string, SearchDocument[]>();
      if (documentIds.length === 0) return out;
      const entries = (await strapi.documents(type.uid).findMany({
        filters: { documentId: { $in: documentIds } },
        ...(type.localized ? { locale: '*' } : {}),
        ...(type.draftAndPublish ? { status: 'published' } : {}),
        populate: type.populate,
      } as never)) as unknown as Entry[];
      const included = entries.filter((entry) => isIncluded(type, entry));
      const byDocument = new Map<string, Entry[]>();
      for (const entry of included) byDocument.set(entry.documentId, [...(byDocument.get(entry.documentId) ?? []), entry]);
      const defaultLocale = getConfig(strapi).locales.default;
      for (const [documentId, group] of byDocument) {
        const original = group.find((entry) => entry.locale === defaultLocale);
        const translated = group.filter((entry) => isTranslation(type, entry, original));
        const locales = translated.map((entry) => entry.locale ?? defaultLocale);
        out.set(
          documentId,
          translated.map((entry) => toDocument(type, entry, locales)),
        );
      }
      return out;
    },

    /** Every documentId of `type` that may have search documents (published where draft & publish applies). */
    async allDocumentIds(type: SearchType): Promise<string[]> {
      const rows = (await strapi.db.query(type.uid).findMany({
        select: ['documentId'],
        where: type.draftAndPublish ? { publishedAt: { $notNull: true } } : {},
        orderBy: { id: 'asc' },
      })) as Array<{ documentId: string }>;
      return [...new Set(rows.map((row) => row.documentId))];
    },

    /** The locales in which each of `documentIds` has a row (draft or published). */
    async localesWithRows(type: SearchType, documentIds: string[]): Promise<Map<string, Set<string>>> {
      const defaultLocale = getConfig(strapi).locales.default;
      const rows = (await strapi.db.query(type.uid).findMany({
        select: ['documentId', ...(type.localized ? ['locale'] : [])],
        where: { documentId: { $in: documentIds } },
      })) as Array<{ documentId: string; locale?: string }>;
      const out = new Map<string, Set<string>>();
      for (const row of rows) out.set(row.documentId, (out.get(row.documentId) ?? new Set()).add(row.locale ?? defaultLocale));
      return out;
    },

    /** documentIds of `type` entries that link to `targetDocumentIds` through `relation`. */
    async linking(type: SearchType, relation: string, targetDocumentIds: string[]): Promise<string[]> {
      const rows = (await strapi.db.query(type.uid).findMany({
        select: ['documentId'],
        where: { [relation]: { documentId: { $in: targetDocumentIds } } },
      })) as Array<{ documentId: string }>;
      return [...new Set(rows.map((row) => row.documentId))];
    },
  };
};
