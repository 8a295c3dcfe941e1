import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';

type Data = Record<string, unknown>;

/**
 * Creates a document unless one matching `lookup` already exists (so seeding twice changes nothing),
 * in each locale of `texts` (the first one given first), with `shared` in every locale (slug,
 * relations and fields that are the same in all languages). Draft & publish types are published.
 * Returns the documentId.
 */
export const seedDocument = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  lookup: Data,
  texts: Record<string, Data>,
  shared: Data | ((locale: string) => Data),
): Promise<string> => {
  const existing = (await strapi.db.query(uid).findOne({ select: ['documentId'], where: lookup })) as { documentId: string } | null;
  if (existing) return existing.documentId;
  const status = contentTypes.hasDraftAndPublish(strapi.getModel(uid) as never) ? { status: 'published' } : {};
  const sharedIn = (locale: string) => (typeof shared === 'function' ? shared(locale) : shared);
  const [first, ...others] = Object.keys(texts);
  const created = (await strapi.documents(uid).create({ locale: first, data: { ...sharedIn(first), ...texts[first] }, ...status } as never)) as {
    documentId: string;
  };
  for (const locale of others) {
    await strapi.documents(uid).update({ documentId: created.documentId, locale, data: { ...sharedIn(locale), ...texts[locale] }, ...status } as never);
  }
  return created.documentId;
};

/** Per-locale text objects from per-field maps: { name: {en, de}, description: {en} } → { en: {name, description}, de: {name} }. */
export const byLocale = (fields: Record<string, Record<string, string | undefined> | undefined>, order: string[] = ['en']) => {
  const out: Record<string, Data> = {};
  const locales = [...new Set([...order, ...Object.values(fields).flatMap((values) => Object.keys(values ?? {}))])];
  for (const locale of locales) {
    for (const [field, values] of Object.entries(fields)) {
      const value = values?.[locale];
      if (value !== undefined) out[locale] = { ...out[locale], [field]: value };
    }
  }
  return out;
};
