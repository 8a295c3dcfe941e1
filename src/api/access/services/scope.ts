import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import { isEnabledLocale } from '../../../content/locales';
import { invalidParameter } from '../../../utils/errors';
import { isFilterOnFields, isObject, targetOf, type Attribute, type Model } from '../model';
import { ruleFor, type Filter } from '../rules';
import type { Viewer } from '../viewer';

export type ContentQuery = Record<string, unknown> & {
  filters?: unknown;
  populate?: unknown;
  sort?: unknown;
  locale?: unknown;
};
type PopulateEntry = true | (Record<string, unknown> & { populate?: unknown; filters?: unknown; on?: Record<string, unknown> });
type Populate = Record<string, PopulateEntry>;

/** Query parameters that could select drafts; the content API only ever serves published rows. */
const PUBLICATION_PARAMS = ['status', 'publicationFilter', 'hasPublishedVersion'];

/**
 * Every condition in a list of its own under `$and`, never side by side in one object: the query
 * engine merges the conditions of one object by key (its `processWhere`), so two relation filters
 * next to each other, or one next to an `$and`, would both become `$and` and one would silently
 * replace the other.
 */
const and = (...parts: Array<Filter | null | undefined>): Filter | undefined => {
  const present = parts.filter((part): part is Filter => isObject(part) && Object.keys(part).length > 0);
  return present.length > 0 ? { $and: present } : undefined;
};

const isPopulatable = (attribute: Attribute) => ['relation', 'component', 'dynamiczone', 'media'].includes(attribute.type);

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
export function normalizeShape(populate: unknown): Populate {
  if (populate === undefined || populate === null || populate === false || populate === 'false') return {};
  if (typeof populate === 'string') {
    return populate
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
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

  const hasDraftAndPublish = (uid: string) => contentTypes.hasDraftAndPublish(strapi.getModel(uid as UID.ContentType));

  /**
   * What every row of `target` reached through a relation from `source` must match: the target's
   * rule and, for a draft & publish target, being published. A published entry of a draft & publish
   * source only links to published entries already, so that condition is only added after a source
   * without draft & publish (a profile's organisation links to its draft and its published version).
   */
  const relationConstraint = (source: string, target: string, viewer: Viewer) =>
    and(ruleFor(target, viewer), hasDraftAndPublish(target) && !hasDraftAndPublish(source) ? { publishedAt: { $notNull: true } } : null);

  /**
   * The caller's filters on `uid`, one condition per `$and` entry (see `and`), with the constraint of
   * its target added to every filter on a relation's fields.
   */
  const scopeFilters = (uid: string, filters: unknown, viewer: Viewer, path: string): Filter | undefined => {
    if (Array.isArray(filters)) return and(...filters.map((item, i) => scopeFilters(uid, item, viewer, `${path}[${i}]`)));
    if (!isObject(filters)) return undefined;
    const attributes = model(uid)?.attributes ?? {};
    const conditions = Object.entries(filters).map(([key, value]): Filter => {
      const at = `${path}.${key}`;
      if (key === '$and' || key === '$or') return { [key]: (value as unknown[]).map((item, i) => scopeFilters(uid, item, viewer, `${at}[${i}]`) ?? {}) };
      if (key === '$not') return { $not: scopeFilters(uid, value, viewer, at) ?? {} };
      const attribute = attributes[key];
      const target = targetOf(attribute);
      if (!target) return { [key]: value };
      const constraint = attribute.type === 'relation' ? relationConstraint(uid, target, viewer) : undefined;
      if (!isFilterOnFields(value)) {
        // An operator on the relation itself ($null, $eq on ids…) would count rows the viewer may not see.
        if (constraint) throw invalidParameter(at, `filter on a field of the related entries, e.g. ${at}.slug`);
        return { [key]: value };
      }
      return { [key]: and(scopeFilters(target, value, viewer, at), constraint) ?? {} };
    });
    return and(...conditions);
  };

  const scopePopulateEntry = (source: string, attribute: Attribute, entry: PopulateEntry, viewer: Viewer, path: string): PopulateEntry => {
    if (attribute.type === 'relation' && attribute.target) {
      const target = attribute.target;
      const options = entry === true ? {} : { ...entry };
      const filters = and(scopeFilters(target, options.filters, viewer, `${path}.filters`), relationConstraint(source, target, viewer));
      const populate = options.populate === undefined ? undefined : scopePopulate(target, options.populate, viewer, `${path}.populate`);
      return { ...options, ...(filters ? { filters } : {}), ...(populate ? { populate } : {}) };
    }
    if (attribute.type === 'component' && attribute.component && entry !== true && entry.populate !== undefined) {
      return { ...entry, populate: scopePopulate(attribute.component, entry.populate, viewer, `${path}.populate`) };
    }
    if (attribute.type === 'dynamiczone' && entry !== true && isObject(entry.on)) {
      const on = Object.fromEntries(
        Object.entries(entry.on).map(([component, value]) => [
          component,
          isObject(value) && value.populate !== undefined
            ? { ...value, populate: scopePopulate(component, value.populate, viewer, `${path}.on.${component}.populate`) }
            : value,
        ]),
      );
      return { ...entry, on };
    }
    return entry;
  };

  /**
   * Expands `populate` into its object form and adds to every populated relation the constraint of
   * its target type, recursively, so a populate never returns a row its viewer could not fetch directly.
   */
  const scopePopulate = (uid: string, populate: unknown, viewer: Viewer, path: string): Populate | undefined => {
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
      out[name] = scopePopulateEntry(uid, attribute, entry, viewer, `${path}.${name}`);
    }
    return Object.keys(out).length ? out : undefined;
  };

  const sortPaths = (sort: unknown): string[] => {
    if (typeof sort === 'string') return sort.split(',').map((part) => part.trim().split(':')[0]);
    if (Array.isArray(sort)) return sort.flatMap(sortPaths);
    if (isObject(sort)) {
      return Object.entries(sort).flatMap(([key, value]) => (isObject(value) ? sortPaths(value).map((inner) => `${key}.${inner}`) : [key]));
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
          throw invalidParameter('sort', `cannot sort by fields of related entries (${path})`);
        }
        current = attribute.target;
      }
    }
  };

  const assertKnownLocale = (uid: string, locale: unknown) => {
    if (locale === undefined || locale === '*') return;
    if (!(model(uid) as { pluginOptions?: { i18n?: { localized?: boolean } } }).pluginOptions?.i18n?.localized) return;
    if (!isEnabledLocale(strapi, locale)) {
      throw invalidParameter('locale', `unknown locale '${String(locale).slice(0, 20)}'`);
    }
  };

  return {
    /**
     * Rewrites a sanitized content-API query for `uid` so that it returns only what `viewer` may see:
     * published rows, the type's visibility rule, and the same rules on every relation reached through
     * `populate`, `filters` or `sort`. Counts use the same filters, so totals leak nothing either.
     */
    async scopeQuery(uid: string, query: ContentQuery, viewer: Viewer): Promise<ContentQuery> {
      assertKnownLocale(uid, query.locale);
      assertSortable(uid, query.sort, viewer);
      const scoped: ContentQuery = { ...query };
      for (const param of PUBLICATION_PARAMS) delete scoped[param];
      // The caller's filters and the rule side by side under $and: every filter the caller sends applies, and so does the rule.
      const filters = and(scopeFilters(uid, query.filters, viewer, 'filters'), ruleFor(uid, viewer));
      if (filters) scoped.filters = filters;
      else delete scoped.filters;
      const populate = scopePopulate(uid, query.populate, viewer, 'populate');
      if (populate) scoped.populate = populate;
      else delete scoped.populate;
      return scoped;
    },
  };
};
