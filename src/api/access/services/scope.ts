import type { Core } from '@strapi/strapi';
import { errors, contentTypes } from '@strapi/utils';
import { ruleFor, type Filter } from '../rules';
import type { Viewer } from '../viewer';

const { ValidationError } = errors;

type Attribute = { type: string; target?: string; component?: string; relation?: string; private?: boolean };
type Model = { uid: string; attributes: Record<string, Attribute>; options?: { draftAndPublish?: boolean } };
export type ContentQuery = Record<string, unknown> & {
  filters?: unknown;
  populate?: unknown;
  sort?: unknown;
  locale?: unknown;
};
type PopulateEntry = true | (Record<string, unknown> & { populate?: unknown; filters?: unknown; on?: Record<string, unknown> });
type Populate = Record<string, PopulateEntry>;

const LOGICAL = new Set(['$and', '$or', '$not']);
const LOCALES_TTL_MS = 10_000;
/** Query parameters that could select drafts; the content API only ever serves published rows. */
const PUBLICATION_PARAMS = ['status', 'publicationFilter', 'hasPublishedVersion'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const and = (...parts: Array<Filter | null | undefined>): Filter | undefined => {
  const present = parts.filter((part): part is Filter => isObject(part) && Object.keys(part).length > 0);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { $and: present };
};

const isPopulatable = (attribute: Attribute) =>
  ['relation', 'component', 'dynamiczone', 'media'].includes(attribute.type);

/** `a.b.c` → { a: { populate: { b: { populate: { c: true } } } } } */
const pathToPopulate = (path: string): Populate => {
  const [head, ...rest] = path.split('.');
  return { [head]: rest.length ? { populate: pathToPopulate(rest.join('.')) } : true };
};

const mergePopulate = (target: Populate, source: Populate): Populate => {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) {
      const nested = mergePopulate(normalizeShape(existing.populate), normalizeShape(value.populate));
      target[key] = { ...existing, ...value, populate: nested };
    } else if (!isObject(existing)) {
      target[key] = value;
    }
  }
  return target;
};

/** Every accepted spelling of `populate` (string, list, dotted paths, object) as an object. '*' stays '*'. */
function normalizeShape(populate: unknown): Populate {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return {};
  if (typeof populate === 'string') {
    return populate.split(',').map((part) => part.trim()).filter(Boolean)
      .reduce<Populate>((acc, path) => mergePopulate(acc, path === '*' ? { '*': true } : pathToPopulate(path)), {});
  }
  if (Array.isArray(populate)) {
    return populate.reduce<Populate>((acc, part) => mergePopulate(acc, normalizeShape(part)), {});
  }
  if (isObject(populate)) {
    const out: Populate = {};
    for (const [key, value] of Object.entries(populate)) {
      if (value === false || value === 'false') continue;
      if (value === true || value === 'true') out[key] = true;
      else if (value === '*') out[key] = { populate: '*' };
      else if (isObject(value)) out[key] = value as PopulateEntry;
    }
    return out;
  }
  return {};
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const model = (uid: string) => strapi.getModel(uid as never) as unknown as Model;

  const hasDraftAndPublish = (uid: string) => contentTypes.hasDraftAndPublish(model(uid) as never);

  /**
   * What every row of `target` reached through a relation from `source` must match: the target's
   * rule and, for a draft & publish target, being published. A published entry of a draft & publish
   * source only links to published entries already, so that condition is only added after a source
   * without draft & publish (a profile's organisation links to its draft and its published version).
   */
  const relationConstraint = (source: string, target: string, viewer: Viewer) =>
    and(ruleFor(target, viewer), hasDraftAndPublish(target) && !hasDraftAndPublish(source) ? { publishedAt: { $notNull: true } } : null);

  const scopeFilters = (uid: string, filters: unknown, viewer: Viewer, path: string): unknown => {
    if (Array.isArray(filters)) return filters.map((item, i) => scopeFilters(uid, item, viewer, `${path}[${i}]`));
    if (!isObject(filters)) return filters;
    const attributes = model(uid)?.attributes ?? {};
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(filters)) {
      const attribute = attributes[key];
      const at = `${path}.${key}`;
      if (LOGICAL.has(key)) {
        out[key] = scopeFilters(uid, value, viewer, at);
      } else if (attribute?.type === 'relation' && attribute.target) {
        const constraint = relationConstraint(uid, attribute.target, viewer);
        if (constraint && (!isObject(value) || Object.keys(value).some((k) => k.startsWith('$') && !LOGICAL.has(k)))) {
          // An operator on the relation itself ($null, $eq on ids…) would count rows the viewer may not see.
          throw new ValidationError(`Invalid filter at '${at}': filter on a field of the related entry, e.g. ${at}.slug`, {
            key: at,
          });
        }
        out[key] = constraint ? and(scopeFilters(attribute.target, value, viewer, at) as Filter, constraint) : scopeFilters(attribute.target, value, viewer, at);
      } else if (attribute?.type === 'component' && attribute.component) {
        out[key] = scopeFilters(attribute.component, value, viewer, at);
      } else {
        out[key] = value;
      }
    }
    return out;
  };

  const scopePopulateEntry = (source: string, attribute: Attribute, entry: PopulateEntry, viewer: Viewer): PopulateEntry => {
    if (attribute.type === 'relation' && attribute.target) {
      const target = attribute.target;
      const options = entry === true ? {} : { ...entry };
      const filters = and(scopeFilters(target, options.filters, viewer, 'populate.filters') as Filter, relationConstraint(source, target, viewer));
      const populate = options.populate === undefined ? undefined : scopePopulate(target, options.populate, viewer);
      return { ...options, ...(filters ? { filters } : {}), ...(populate ? { populate } : {}) };
    }
    if (attribute.type === 'component' && attribute.component && entry !== true && entry.populate !== undefined) {
      return { ...entry, populate: scopePopulate(attribute.component, entry.populate, viewer) };
    }
    if (attribute.type === 'dynamiczone' && entry !== true && isObject(entry.on)) {
      const on = Object.fromEntries(
        Object.entries(entry.on).map(([component, value]) => [
          component,
          isObject(value) && value.populate !== undefined ? { ...value, populate: scopePopulate(component, value.populate, viewer) } : value,
        ])
      );
      return { ...entry, on };
    }
    return entry;
  };

  /**
   * Expands `populate` into its object form and adds to every populated relation the constraint of
   * its target type, recursively, so a populate never returns a row its viewer could not fetch directly.
   */
  const scopePopulate = (uid: string, populate: unknown, viewer: Viewer): Populate | undefined => {
    const shape = normalizeShape(populate);
    const attributes = model(uid)?.attributes ?? {};
    if ('*' in shape) {
      delete shape['*'];
      for (const [name, attribute] of Object.entries(attributes)) {
        if (isPopulatable(attribute) && !attribute.private && !(name in shape)) shape[name] = true;
      }
    }
    const out: Populate = {};
    for (const [name, entry] of Object.entries(shape)) {
      const attribute = attributes[name];
      if (!attribute || !isPopulatable(attribute)) continue;
      out[name] = scopePopulateEntry(uid, attribute, entry, viewer);
    }
    return Object.keys(out).length ? out : undefined;
  };

  const sortPaths = (sort: unknown): string[] => {
    if (typeof sort === 'string') return sort.split(',').map((part) => part.trim().split(':')[0]);
    if (Array.isArray(sort)) return sort.flatMap(sortPaths);
    if (isObject(sort)) {
      return Object.entries(sort).flatMap(([key, value]) =>
        isObject(value) ? sortPaths(value).map((inner) => `${key}.${inner}`) : [key]
      );
    }
    return [];
  };

  /** Sorting by a field of related rows the viewer may not see would leak their order. */
  const assertSortable = (uid: string, sort: unknown, viewer: Viewer) => {
    for (const path of sortPaths(sort)) {
      let current = uid;
      for (const segment of path.split('.')) {
        const attribute = model(current)?.attributes?.[segment];
        if (attribute?.type !== 'relation' || !attribute.target) break;
        if (relationConstraint(current, attribute.target, viewer)) {
          throw new ValidationError(`Invalid sort at '${path}': cannot sort by fields of related entries`, { key: 'sort' });
        }
        current = attribute.target;
      }
    }
  };

  // Read on every request; a locale added or removed in the admin panel shows here within LOCALES_TTL_MS.
  let locales: { codes: Set<string>; readAt: number } | undefined;
  const enabledLocales = async () => {
    if (!locales || Date.now() - locales.readAt > LOCALES_TTL_MS) {
      const rows = (await strapi.db.query('plugin::i18n.locale').findMany({ select: ['code'] })) as Array<{ code: string }>;
      locales = { codes: new Set(rows.map((row) => row.code)), readAt: Date.now() };
    }
    return locales.codes;
  };

  const assertKnownLocale = async (uid: string, locale: unknown) => {
    if (locale === undefined || locale === '*') return;
    if (!(model(uid) as { pluginOptions?: { i18n?: { localized?: boolean } } }).pluginOptions?.i18n?.localized) return;
    const known = typeof locale === 'string' && (await enabledLocales()).has(locale);
    if (!known) {
      throw new ValidationError(`Invalid parameter at 'locale': unknown locale '${String(locale).slice(0, 20)}'`, { key: 'locale' });
    }
  };

  return {
    /**
     * Rewrites a sanitized content-API query for `uid` so that it returns only what `viewer` may see:
     * published rows, the type's visibility rule, and the same rules on every relation reached through
     * `populate`, `filters` or `sort`. Counts use the same filters, so totals leak nothing either.
     */
    async scopeQuery(uid: string, query: ContentQuery, viewer: Viewer): Promise<ContentQuery> {
      await assertKnownLocale(uid, query.locale);
      assertSortable(uid, query.sort, viewer);
      const scoped: ContentQuery = { ...query };
      for (const param of PUBLICATION_PARAMS) delete scoped[param];
      const filters = and(scopeFilters(uid, query.filters, viewer, 'filters') as Filter, ruleFor(uid, viewer));
      if (filters) scoped.filters = filters;
      else delete scoped.filters;
      const populate = scopePopulate(uid, query.populate, viewer);
      if (populate) scoped.populate = populate;
      else delete scoped.populate;
      return scoped;
    },
  };
};
