import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { Filter, FederatedQuery, SearchHit, SearchResult } from '../engines/types';
import type { PluginConfig } from '../config/schema';
import { getConfig, getService } from '../utils/get-service';
import { renderSnippet } from '../utils/snippet';
import type { SearchType } from './types';

/** Who searches: the public sees public documents only; members also see members-only ones. */
export type Audience = 'public' | 'members';

/** Date filters take whole days: `dateFrom=2020-01-01` and `dateTo=2020-12-31` include both days. */
const DATE_FILTERS = { dateFrom: 'gte', dateTo: 'lte' } as const;
const OTHER_LANGUAGE_WEIGHT = 0.01;
const INDEX_LIST_TTL_MS = 1000;

const list = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(100)).max(max))
    .describe('comma-separated values, or the parameter repeated');

/** The filter parameters of `types`: their filterable fields and `language`, with dateFrom and dateTo for a date. */
const filterNamesOf = (types: SearchType[]) =>
  [...new Set(['language', ...types.flatMap((type) => type.config.filterable)])].flatMap((field) => (field === 'date' ? Object.keys(DATE_FILTERS) : [field]));

/** The facets `types` can count: their own, and `type` and `language`. */
const facetNamesOf = (types: SearchType[]) => [...new Set(['type', 'language', ...types.flatMap((type) => type.config.facets)])];

/** What a filter parameter is for, in the API description: the types that have it and, for an enumeration, its values. */
const describeFilter = (name: string, all: SearchType[]) => {
  if (name === 'language') return 'The language of the documents (locale codes)';
  if (name in DATE_FILTERS)
    return `One day, YYYY-MM-DD, ${name === 'dateFrom' ? 'from' : 'until'} which the date counts (both included); types: ${all
      .filter((type) => type.config.filterable.includes('date'))
      .map((type) => type.name)
      .join(', ')}`;
  const types = all.filter((type) => type.config.filterable.includes(name));
  const values = [...new Set(types.flatMap((type) => type.sources.find((source) => source.field === name)?.values ?? []))];
  return `Types: ${types.map((type) => type.name).join(', ')}${values.length ? `; values: ${values.join(', ')}` : ''}`;
};

const buildQuerySchema = (search: PluginConfig['search'], all: SearchType[]) =>
  z
    .object({
      q: z.string().max(search.maxQueryLength, `at most ${search.maxQueryLength} characters`).default(''),
      locale: z.string().max(20).optional(),
      types: list(all.length).optional(),
      filters: z
        .object(Object.fromEntries(filterNamesOf(all).map((name) => [name, list(50).optional().describe(describeFilter(name, all))])))
        .strict()
        .describe('Exact values per field; several values comma-separated or the parameter repeated. A filter none of the chosen types has is a 400.')
        .optional(),
      facets: list(20)
        .describe(
          `Facets to count, comma-separated: ${facetNamesOf(all).join(', ')}; or * for every facet of the chosen types. One none of the chosen types has is a 400.`,
        )
        .optional(),
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(search.maxPageSize, `at most ${search.maxPageSize}`).default(search.defaultPageSize),
      sort: z.string().max(60).optional(),
    })
    .strict();

const fail = (parameter: string, message: string): never => {
  throw new errors.ValidationError(`Invalid parameter '${parameter}': ${message}`, {
    errors: [{ path: parameter.split('.'), message, name: 'ValidationError' }],
  });
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const types = () => getService(strapi, 'types');
  const engine = () => getService(strapi, 'engine').get();
  let indexList: { names: Set<string>; readAt: number } | undefined;

  const existingIndexes = async () => {
    if (!indexList || Date.now() - indexList.readAt > INDEX_LIST_TTL_MS) {
      indexList = { names: new Set((await engine().listIndexes()).filter((index) => index.documents > 0).map((index) => index.name)), readAt: Date.now() };
    }
    return indexList.names;
  };

  /** Built once: the configuration it depends on is fixed at start-up. */
  let querySchema: ReturnType<typeof buildQuerySchema> | undefined;
  const schemaOf = () => (querySchema ??= buildQuerySchema(getConfig(strapi).search, types().all()));

  const parse = async (raw: Record<string, unknown>) => {
    const { search } = getConfig(strapi);
    const all = types().all();
    const schema = schemaOf();
    const result = schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      if (issue.code === 'unrecognized_keys' && issue.path[0] === 'filters')
        fail(`filters.${issue.keys[0]}`, `unknown filter; known: ${filterNamesOf(all).join(', ')}`);
      if (issue.code === 'unrecognized_keys') fail(issue.keys[0], 'unknown parameter');
      fail(issue.path.join('.') || 'query', issue.message);
    }
    const query = result.data!;

    const { enabled, default: defaultCode } = getConfig(strapi).locales;
    const locale = query.locale ?? defaultCode;
    if (!enabled.includes(locale)) fail('locale', `unknown locale "${locale}"`);

    const chosen = (query.types ?? all.map((type) => type.name)).map(
      (name) => types().get(name) ?? fail('types', `unknown type "${name}"; known: ${all.map((t) => t.name).join(', ')}`),
    );
    if (query.page * query.pageSize > search.window) fail('page', `at most ${Math.floor(search.window / query.pageSize)} with pageSize ${query.pageSize}`);

    const filterable = filterNamesOf(chosen);
    const filters = Object.entries(query.filters ?? {}).map(([name, values = []]) => {
      if (!filterable.includes(name)) fail(`filters.${name}`, `not a filter of the chosen types; theirs: ${filterable.join(', ')}`);
      if (name in DATE_FILTERS) {
        if (values.length !== 1 || !/^\d{4}-\d{2}-\d{2}$/.test(values[0]) || Number.isNaN(Date.parse(values[0])))
          fail(`filters.${name}`, 'must be one date, YYYY-MM-DD');
        const day = Date.parse(`${values[0]}T00:00:00Z`);
        return { field: 'date', op: DATE_FILTERS[name as keyof typeof DATE_FILTERS], value: name === 'dateTo' ? day + 86_399_999 : day } as Filter & {
          field: string;
        };
      }
      if (values.length === 0) fail(`filters.${name}`, 'needs a value');
      return { field: name, op: 'in', values } as Filter & { field: string };
    });

    const facetable = facetNamesOf(chosen);
    const facets = query.facets?.includes('*') ? facetable : (query.facets ?? []);
    facets.forEach((facet) => facetable.includes(facet) || fail('facets', `"${facet}" is not a facet of the chosen types; theirs: ${facetable.join(', ')}`));

    let sort: { field: string; direction: 'asc' | 'desc' } | undefined;
    if (query.sort && query.sort !== 'relevance') {
      const [field, direction = 'asc'] = query.sort.split(':');
      const sortable = new Set(chosen.flatMap((type) => type.config.sortable));
      if (!sortable.has(field) || !['asc', 'desc'].includes(direction))
        fail('sort', `must be relevance or one of ${[...sortable].flatMap((f) => [`${f}:asc`, `${f}:desc`]).join(', ')}`);
      sort = { field, direction: direction as 'asc' | 'desc' };
    }
    return { ...query, locale, defaultLocale: defaultCode, chosen, filters, facets, sort };
  };
  type Query = Awaited<ReturnType<typeof parse>>;

  const queriesFor = async (
    chosen: SearchType[],
    filters: Array<Filter & { field: string }>,
    facets: string[],
    locale: string,
    audience: Audience,
  ): Promise<FederatedQuery[]> => {
    const existing = await existingIndexes();
    const queries: FederatedQuery[] = [];
    for (const type of chosen) {
      // A type without a filtered field cannot match that filter.
      if (filters.some((filter) => filter.field !== 'language' && !(filter.field in type.fields))) continue;
      const base: Filter[] = [...filters, ...(audience === 'public' ? [{ field: 'visibility', op: 'eq', value: 'public' } as Filter] : [])];
      for (const indexLocale of types().liveLocales(type.name, [...existing])) {
        const name = types().indexName(type.name, indexLocale);
        const own = indexLocale === locale;
        // A document available in the searcher's language is only ever shown in that language.
        const parts = own ? base : [...base, { not: { field: 'locales', op: 'eq', value: locale } } as Filter];
        queries.push({
          index: name,
          locale: indexLocale,
          filter: parts.length ? { and: parts } : undefined,
          weight: own ? 1 : OTHER_LANGUAGE_WEIGHT,
          facets: facets.filter((facet) => facet === 'type' || facet === 'language' || type.config.facets.includes(facet)),
          sortable: type.config.sortable,
        });
      }
    }
    return queries;
  };

  const toHit = (hit: SearchHit, locale: string) => {
    const type = types().get(hit.document.type)!;
    const snippetField =
      type.config.snippet.find((field) => hit.highlighted[field]?.includes('\u0002')) ?? type.config.snippet.find((field) => hit.highlighted[field]);
    return {
      type: type.name,
      documentId: hit.document.documentId,
      locale: hit.document.locale,
      /** True when the hit is in another language than the searcher's. */
      otherLanguage: hit.document.locale !== locale,
      title: String(hit.document[type.config.title] ?? ''),
      slug: typeof hit.document.slug === 'string' ? hit.document.slug : null,
      snippet: snippetField ? renderSnippet(hit.highlighted[snippetField]) : '',
      score: Number(hit.score.toFixed(4)),
    };
  };

  /**
   * Counts per facet, and the names (in the searcher's language) of the values counted and of those
   * filtered on, so a chosen value that no longer counts can still be shown by name.
   */
  const facetsOf = async (query: Query, counts: SearchResult['facets']) => {
    // Values by count, most first (then by value): the same answer lists them in the same order, whatever the engine met first.
    const ordered = (values: Record<string, number> = {}) =>
      Object.fromEntries(Object.entries(values).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)));
    const facets = Object.fromEntries(query.facets.map((facet) => [facet, ordered(counts[facet])]));
    const chosen = (facet: string) =>
      facet === 'type' ? (query.types ?? []) : query.filters.flatMap((filter) => (filter.field === facet && 'values' in filter ? filter.values : []));
    const values = Object.fromEntries(query.facets.map((facet) => [facet, [...Object.keys(facets[facet]), ...chosen(facet)]]));
    return { facets, facetLabels: await getService(strapi, 'labels').of(values, query.locale, query.defaultLocale) };
  };

  return {
    /** The query parameters `search` accepts (the OpenAPI document describes them from it). */
    querySchema: schemaOf,

    /**
     * Searches every type and locale index at once. Hits in the searcher's locale come first; a
     * document found in several other languages is shown once (the engine keeps one hit per
     * document). Visibility is applied in every index query, so hits, totals and facet counts only ever count what `audience` may see.
     */
    async search(raw: Record<string, unknown>, audience: Audience) {
      const query = await parse(raw);
      const queries = await queriesFor(query.chosen, query.filters, query.facets, query.locale, audience);
      const result: SearchResult =
        queries.length === 0
          ? { hits: [], total: 0, facets: {} }
          : await engine().search({
              q: query.q,
              queries,
              limit: query.pageSize,
              offset: (query.page - 1) * query.pageSize,
              window: getConfig(strapi).search.window,
              facets: query.facets,
              sort: query.sort,
              highlight: [...new Set(query.chosen.flatMap((type) => type.config.snippet))],
            });

      const { total } = result;
      return {
        data: result.hits.map((hit) => toHit(hit, query.locale)),
        meta: {
          pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total },
          ...(await facetsOf(query, result.facets)),
          locale: query.locale,
          engine: engine().name,
        },
      };
    },
  };
};
