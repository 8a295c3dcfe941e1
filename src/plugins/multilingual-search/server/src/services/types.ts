import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import type { TypeConfig } from '../config/schema';
import type { FieldKind, IndexSettings } from '../engines/types';
import { getConfig } from '../utils/get-service';
import { indexName, parseIndexName } from '../utils/index-names';

type Attribute = {
  type: string;
  pluginOptions?: { i18n?: { localized?: boolean } };
  target?: string;
  component?: string;
  customField?: string;
  relation?: string;
  repeatable?: boolean;
  enum?: string[];
};
type Model = { uid: string; attributes: Record<string, Attribute>; pluginOptions?: { i18n?: { localized?: boolean } } };

/** A search field and where its values come from; `localized` when its text is the entry's own translation. */
export type FieldSource = {
  field: string;
  attribute: string;
  nested?: string;
  kind: FieldKind;
  richtext: boolean;
  localized: boolean;
  /** The content type of an embedded relation. */
  target?: string;
  /** The values of an enumeration a document can hold (those of excluded entries left out): all a facet on it can count. */
  values?: string[];
};

export type SearchType = {
  name: string;
  uid: UID.ContentType;
  config: TypeConfig;
  localized: boolean;
  draftAndPublish: boolean;
  sources: FieldSource[];
  /** Every field of the search documents of this type, with its kind. */
  fields: Record<string, FieldKind>;
  /** Relations (and components) to load with an entry, and which of their attributes. */
  populate: Record<string, { fields: string[]; filters?: Record<string, unknown> }>;
  /** Content types whose changes change this type's documents (the targets of embedded relations). */
  embeds: Array<{ relation: string; target: UID.ContentType }>;
};

/** Fields every search document has, besides its type's allow-list. */
export const IMPLICIT_FIELDS: Record<string, FieldKind> = {
  type: 'keyword',
  documentId: 'keyword',
  locale: 'keyword',
  language: 'keyword',
  visibility: 'keyword',
  /** The locales this document is indexed in: the search skips other-language copies of what it shows. */
  locales: 'keywords',
};

const scalarKind = (attribute: Attribute): FieldKind | null => {
  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'email':
      return attribute.customField ? 'keyword' : 'text';
    case 'uid':
    case 'enumeration':
      return 'keyword';
    case 'integer':
    case 'float':
    case 'decimal':
    case 'biginteger':
    case 'date':
    case 'datetime':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'json':
      // Code lists (countries, languages) are matched exactly; other lists (synonyms) are text.
      return attribute.customField ? 'keywords' : 'texts';
    default:
      return null;
  }
};

const plural = (kind: FieldKind): FieldKind => (kind === 'text' ? 'texts' : kind === 'keyword' ? 'keywords' : kind);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let resolved: Map<string, SearchType> | undefined;

  const fail = (key: string, message: string): never => {
    throw new Error(`Invalid configuration of multilingual-search: ${key}: ${message}`);
  };

  const resolveType = (name: string, config: TypeConfig): SearchType => {
    const model = strapi.getModel(config.uid) as unknown as Model | undefined;
    if (!model) fail(`types.${name}.uid`, `"${config.uid}" is not a content type of this app`);
    const sources: FieldSource[] = [];
    const populate: SearchType['populate'] = {};
    const embeds: SearchType['embeds'] = [];

    for (const [field, path] of Object.entries(config.fields)) {
      const [attributeName, nestedName] = path.split('.');
      const attribute = model!.attributes[attributeName];
      if (!attribute) fail(`types.${name}.fields.${field}`, `"${attributeName}" is not an attribute of ${config.uid}`);
      if (!nestedName) {
        const kind = scalarKind(attribute);
        if (!kind)
          fail(
            `types.${name}.fields.${field}`,
            `"${attributeName}" (${attribute.type}) cannot be indexed as such; name one of its attributes, e.g. ${attributeName}.name`,
          );
        sources.push({
          field,
          attribute: attributeName,
          kind: kind!,
          richtext: attribute.type === 'richtext',
          localized: Boolean(attribute.pluginOptions?.i18n?.localized),
          values: attribute.enum?.filter((value) => !config.exclude[attributeName]?.includes(value)),
        });
        continue;
      }
      const targetUid = attribute.type === 'relation' ? attribute.target : attribute.type === 'component' ? attribute.component : undefined;
      if (!targetUid) fail(`types.${name}.fields.${field}`, `"${attributeName}" is neither a relation nor a component`);
      const target = strapi.getModel(targetUid as UID.ContentType) as unknown as Model;
      const nested = target.attributes[nestedName];
      const kind = nested && scalarKind(nested);
      if (!kind) fail(`types.${name}.fields.${field}`, `"${nestedName}" is not an indexable attribute of ${targetUid}`);
      sources.push({
        field,
        attribute: attributeName,
        nested: nestedName,
        kind: plural(kind!),
        richtext: nested.type === 'richtext',
        localized: attribute.type === 'component' && Boolean(attribute.pluginOptions?.i18n?.localized),
        target: attribute.type === 'relation' ? targetUid : undefined,
        values: nested.enum,
      });
      const entry = (populate[attributeName] ??= { fields: [] });
      entry.fields.push(nestedName);
      if (attribute.type === 'relation') {
        if (contentTypes.hasDraftAndPublish(target as never)) entry.filters = { publishedAt: { $notNull: true } };
        if (!embeds.some((embed) => embed.relation === attributeName)) embeds.push({ relation: attributeName, target: targetUid as UID.ContentType });
      }
    }

    const fields = { ...IMPLICIT_FIELDS, ...Object.fromEntries(sources.map((source) => [source.field, source.kind])) };
    const check = (key: string, allowed: FieldKind[], values: string[]) =>
      values.forEach((value, index) => {
        if (!allowed.includes(fields[value]))
          fail(`types.${name}.${key}.${index}`, `"${value}" is a ${fields[value]} field; ${key} takes ${allowed.join(', ')} fields`);
      });
    check('filterable', ['keyword', 'keywords', 'number', 'boolean'], config.filterable);
    check('facets', ['keyword', 'keywords'], config.facets);
    check('searchable', ['text', 'texts', 'keyword', 'keywords'], config.searchable);
    check('sortable', ['keyword', 'number', 'text', 'boolean'], config.sortable);
    if (config.visibility !== 'public' && !model!.attributes[config.visibility.attribute]) {
      fail(`types.${name}.visibility.attribute`, `"${config.visibility.attribute}" is not an attribute of ${config.uid}`);
    }
    for (const attributeName of Object.keys(config.exclude)) {
      if (!model!.attributes[attributeName]) fail(`types.${name}.exclude.${attributeName}`, `"${attributeName}" is not an attribute of ${config.uid}`);
    }

    return {
      name,
      uid: config.uid,
      config,
      localized: Boolean(model!.pluginOptions?.i18n?.localized),
      draftAndPublish: contentTypes.hasDraftAndPublish(model as never),
      sources,
      fields,
      populate,
      embeds,
    };
  };

  /** Where a facet's values come from: the type names for `type`, else each type's field. */
  const placesOf = (facet: string, types: SearchType[]): Array<{ at: string; field?: FieldSource; values?: string[] }> => {
    if (facet === 'type') return [{ at: 'types', values: types.map((type) => type.name) }];
    return types.flatMap((type) => {
      const field = type.config.facets.includes(facet) ? type.sources.find((source) => source.field === facet) : undefined;
      return field ? [{ at: `types.${type.name}.fields.${facet}`, field, values: field.values }] : [];
    });
  };

  /**
   * Every facet has names for members (`labels`) and means one thing in every type that has it: an
   * enumeration facet holds the same values everywhere, a facet of entries points at the content
   * type its labels name. So `kind` cannot again list resource kinds and organisation kinds as one.
   */
  const checkFacets = (types: SearchType[]) => {
    const { labels } = getConfig(strapi);
    const facets = new Set(['type', 'language', ...types.flatMap((type) => type.config.facets)]);
    for (const facet of Object.keys(labels)) if (!facets.has(facet)) fail(`labels.${facet}`, 'is not a facet of any type');
    for (const facet of facets) {
      const source = labels[facet] ?? fail(`labels.${facet}`, 'is missing: every facet needs names for its values (words, countries, languages or entries)');
      if (source.from === 'entries' && !(strapi.getModel(source.uid) as unknown as Model | undefined)?.attributes[source.name]) {
        fail(`labels.${facet}.name`, `"${source.name}" is not an attribute of ${source.uid}`);
      }
      const places = placesOf(facet, types);
      for (const { at, field, values } of places) {
        if (source.from === 'entries' && (field?.target !== source.uid || field.nested !== source.key)) {
          fail(at, `must be a relation's ${source.key} of ${source.uid}, the entries labels.${facet} names`);
        }
        if (source.from !== 'words') continue;
        const own = values ?? fail(at, `must be an enumeration: labels.${facet} names a fixed list of values`);
        const first = places[0].values ?? [];
        if ([...own].sort().join() !== [...first].sort().join()) {
          fail(at, `holds other values (${own.join(', ')}) than ${places[0].at} (${first.join(', ')}): a facet is one vocabulary, give each its own name`);
        }
        const unnamed = own.filter((value) => !(value in source.words.en));
        if (unnamed.length) fail(`labels.${facet}.words.en`, `has no name for ${unnamed.join(', ')} (values of ${at})`);
      }
    }
  };

  const all = () => {
    if (!resolved) {
      const types = new Map(Object.entries(getConfig(strapi).types).map(([name, config]) => [name, resolveType(name, config)]));
      checkFacets([...types.values()]);
      resolved = types;
    }
    return resolved;
  };

  /** The type and locale of one of this app's live indexes; null for any other name (a rebuild's, another app's). */
  const liveIndex = (name: string): { type: string; locale: string } | null => {
    const parsed = parseIndexName(getConfig(strapi).indexPrefix, name);
    return parsed && !parsed.rebuild && all().has(parsed.type) ? { type: parsed.type, locale: parsed.locale } : null;
  };

  return {
    /** Checks the configuration against the app's content types (bootstrap): errors name the key. */
    validate: () => void all(),
    all: () => [...all().values()],
    get: (name: string) => all().get(name),
    byUid: (uid: string) => [...all().values()].find((type) => type.uid === uid),
    /** Indexed types whose documents embed entries of `uid` (through a relation). */
    embedding: (uid: string) => [...all().values()].filter((type) => type.embeds.some((embed) => embed.target === uid)),
    /** Content types whose writes matter: the indexed ones and those they embed. */
    watchedUids: () => new Set([...all().values()].flatMap((type) => [type.uid, ...type.embeds.map((embed) => embed.target)])),
    /** The name of `type`'s index in `locale`: the live one, or the one a reindex builds to replace it. */
    indexName: (type: string, locale: string, { rebuild = false } = {}) => indexName(getConfig(strapi).indexPrefix, { type, locale, rebuild }),
    parseIndexName: liveIndex,
    /** The locales of `type`'s live indexes among `names`. */
    liveLocales: (type: string, names: string[]) => names.flatMap((name) => (liveIndex(name)?.type === type ? [liveIndex(name)!.locale] : [])),
    documentId: (type: string, documentId: string, locale: string) => `${type}-${documentId}-${locale}`,
    settings: (type: SearchType, locale: string): IndexSettings => ({
      locale,
      fields: type.fields,
      searchable: type.config.searchable,
      filterable: [...new Set([...type.config.filterable, 'type', 'language', 'visibility', 'locales', 'documentId'])],
      sortable: type.config.sortable,
      exact: type.config.exact,
    }),
  };
};
