import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { contentLocales } from './locales';

/**
 * Strapi's i18n links a localized entry only to entries of the same locale. Content written in any
 * language links to issue areas, skills, organisations and member profiles, so those need an entry
 * in that language. A missing locale entry is created from the default-locale one:
 * - issue areas, skills and organisations eagerly, in every enabled locale, so that editors can pick
 *   them whatever locale they edit in (listed in dependency order);
 * - member profiles on demand, in the locale of the entry that links to them (a profile in 32
 *   locales for every member would be 32 rows per member for nothing).
 * `texts: 'copy'` fills localized texts from the default-locale entry until an editor translates
 * them (a skill needs a name in every language); `'blank'` leaves them empty (an organisation has no
 * Greek description, a profile no German bio, until someone writes one).
 */
export const COVERED_TYPES: Array<{ uid: UID.ContentType; texts: 'copy' | 'blank' }> = [
  { uid: 'api::issue-area.issue-area', texts: 'copy' },
  { uid: 'api::skill.skill', texts: 'copy' },
  { uid: 'api::organisation.organisation', texts: 'blank' },
];
const ON_DEMAND_TYPES: Array<{ uid: UID.ContentType; texts: 'copy' | 'blank' }> = [{ uid: 'api::member.member', texts: 'blank' }];

export const isCoveredType = (uid: string) => COVERED_TYPES.some((type) => type.uid === uid);
const coverageOf = (uid: string) => [...COVERED_TYPES, ...ON_DEMAND_TYPES].find((type) => type.uid === uid);

type Attribute = { type: string; mappedBy?: string; target?: string; pluginOptions?: { i18n?: { localized?: boolean } } };
type Entry = Record<string, unknown> & { documentId: string; locale: string };

const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'locale',
  'localizations',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'firstPublishedAt',
]);

const copyableData = (attributes: Record<string, Attribute>, source: Entry, texts: 'copy' | 'blank') => {
  const data: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (SYSTEM_FIELDS.has(name) || attribute.mappedBy || !(name in source)) continue;
    if (texts === 'blank' && attribute.pluginOptions?.i18n?.localized) continue;
    const value = source[name];
    if (attribute.type === 'relation') {
      data[name] = Array.isArray(value) ? value.map((related) => (related as Entry).documentId) : ((value as Entry | null)?.documentId ?? null);
    } else {
      data[name] = value;
    }
  }
  return data;
};

/** The documentIds a relation value names, in any of the Document Service's spellings. */
const linkedDocumentIds = (value: unknown): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(linkedDocumentIds);
  if (value && typeof value === 'object') {
    const relation = value as { documentId?: unknown; connect?: unknown; set?: unknown };
    if (typeof relation.documentId === 'string') return [relation.documentId];
    return [...linkedDocumentIds(relation.connect), ...linkedDocumentIds(relation.set)];
  }
  return [];
};

const relationsToPopulate = (attributes: Record<string, Attribute>) =>
  Object.entries(attributes)
    .filter(([name, attribute]) => attribute.type === 'relation' && !attribute.mappedBy && !SYSTEM_FIELDS.has(name))
    .map(([name]) => name);

/** Self-relations (a skill's parent) must exist in a locale before the entries pointing at them. */
const dependencyOrder = (uid: string, attributes: Record<string, Attribute>, sources: Entry[]) => {
  const selfRelation = Object.entries(attributes).find(([, a]) => a.type === 'relation' && a.target === uid && !a.mappedBy)?.[0];
  if (!selfRelation) return sources;
  const byId = new Map(sources.map((entry) => [entry.documentId, entry]));
  const depth = (entry: Entry, seen = 0): number => {
    const parent = (entry[selfRelation] as Entry | null)?.documentId;
    const parentEntry = parent ? byId.get(parent) : undefined;
    return parentEntry && seen < 20 ? 1 + depth(parentEntry, seen + 1) : 0;
  };
  return [...sources].sort((a, b) => depth(a) - depth(b));
};

export const createLocaleCoverage = (strapi: Core.Strapi) => {
  /**
   * Creates the missing locale entries of `uid`: of `documentIds` only when given, in `onlyLocales`
   * only when given (else every enabled locale). Returns how many were created.
   */
  const fill = async (uid: UID.ContentType, documentIds?: string[], onlyLocales?: string[]) => {
    const texts = coverageOf(uid)?.texts ?? 'copy';
    const model = strapi.getModel(uid);
    const hasDP = contentTypes.hasDraftAndPublish(model);
    const { enabled, default: defaultLocale } = contentLocales(strapi);
    const locales = onlyLocales ?? enabled;

    // Every document has a draft row (draft & publish) or its only row per locale.
    const rows = (await strapi.db.query(uid).findMany({
      select: ['documentId', 'locale', 'publishedAt'],
      where: { ...(documentIds ? { documentId: { $in: documentIds } } : {}), ...(hasDP ? { publishedAt: null } : {}) },
    })) as Array<{ documentId: string; locale: string }>;
    const present = new Map<string, Set<string>>();
    for (const row of rows) {
      if (!present.has(row.documentId)) present.set(row.documentId, new Set());
      present.get(row.documentId)!.add(row.locale);
    }
    const incomplete = [...present].filter(([, have]) => locales.some((code) => !have.has(code)));
    if (incomplete.length === 0) return 0;

    const populate = relationsToPopulate(model.attributes);
    const sources: Entry[] = [];
    for (const [documentId, have] of incomplete) {
      const sourceLocale = have.has(defaultLocale) ? defaultLocale : [...have][0];
      const source = await strapi.documents(uid).findOne({ documentId, locale: sourceLocale, populate } as never);
      if (source) sources.push(source as unknown as Entry);
    }

    let created = 0;
    for (const source of dependencyOrder(uid, model.attributes, sources)) {
      const have = present.get(source.documentId)!;
      const published = hasDP
        ? await strapi.documents(uid).findOne({ documentId: source.documentId, locale: source.locale, status: 'published', fields: ['id'] } as never)
        : null;
      for (const locale of locales.filter((code) => !have.has(code))) {
        await strapi.documents(uid).update({ documentId: source.documentId, locale, data: copyableData(model.attributes, source, texts) } as never);
        if (published) await strapi.documents(uid).publish({ documentId: source.documentId, locale } as never);
        created += 1;
      }
    }
    return created;
  };

  /**
   * A reference document published in one locale is published in the locales that were never
   * published, so content in every language can link to it.
   */
  const publishUntranslated = async (uid: UID.ContentType, documentId: string) => {
    const rows = (await strapi.db.query(uid).findMany({ select: ['locale', 'publishedAt'], where: { documentId } })) as Array<{
      locale: string;
      publishedAt: string | null;
    }>;
    const published = new Set(rows.filter((row) => row.publishedAt).map((row) => row.locale));
    const never = [...new Set(rows.map((row) => row.locale))].filter((locale) => !published.has(locale));
    for (const locale of never) await strapi.documents(uid).publish({ documentId, locale } as never);
  };

  /**
   * Before `uid` is written in `locale`: the on-demand types it links to (member profiles) get an
   * entry in that locale, so the relation can be made.
   */
  const prepareLinkedEntries = async (uid: UID.ContentType, locale: string | undefined, data: Record<string, unknown> | undefined) => {
    const model = strapi.getModel(uid) as unknown as { attributes: Record<string, Attribute>; pluginOptions?: { i18n?: { localized?: boolean } } };
    if (!data || !model.pluginOptions?.i18n?.localized) return;
    const targetLocale = locale ?? contentLocales(strapi).default;
    for (const [name, attribute] of Object.entries(model.attributes)) {
      if (attribute.type !== 'relation' || !(name in data) || !ON_DEMAND_TYPES.some((type) => type.uid === attribute.target)) continue;
      const documentIds = linkedDocumentIds(data[name]);
      if (documentIds.length > 0) await fill(attribute.target as UID.ContentType, documentIds, [targetLocale]);
    }
  };

  return { fill, publishUntranslated, prepareLinkedEntries };
};
