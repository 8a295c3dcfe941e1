import { type Doc, matchesAny, pickAttributes, rawValuesAt, valuesAt } from './attributes';
import { invalid, unsupported } from './errors';
import { computeFacets, facetNamesOf } from './facets';
import { FilterError, type FilterNode, filterRefusal, matchesFilter, parseFilter } from './filter';
import type { Index } from './store';
import { type Query, highlight, matchedWords, parseQuery, wordsOf } from './text';

/**
 * Search, good enough for flow tests: which documents match (words, filter), in which order
 * (share of query words matched, then sort), and the exact answer shapes of the contract.
 */

export type SearchParams = {
  q?: string | null;
  offset?: number | null;
  limit?: number | null;
  page?: number | null;
  hitsPerPage?: number | null;
  attributesToRetrieve?: string[] | null;
  attributesToHighlight?: string[] | null;
  highlightPreTag?: string;
  highlightPostTag?: string;
  filter?: unknown;
  sort?: string[] | null;
  facets?: string[] | null;
  matchingStrategy?: 'last' | 'all' | 'frequency';
  attributesToSearchOn?: string[] | null;
  showRankingScore?: boolean;
  rankingScoreThreshold?: number | null;
};

/** Parameters evaluated here; `locales` only tunes tokenization, which this fake does not model. */
const SUPPORTED = new Set([
  'q',
  'offset',
  'limit',
  'page',
  'hitsPerPage',
  'attributesToRetrieve',
  'attributesToHighlight',
  'highlightPreTag',
  'highlightPostTag',
  'filter',
  'sort',
  'facets',
  'matchingStrategy',
  'attributesToSearchOn',
  'showRankingScore',
  'rankingScoreThreshold',
  'locales',
]);

export const isInert = (value: unknown) => value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0);

/** A parameter this fake would silently ignore is refused instead: no test passes on a guess. */
export const checkSupported = (params: object, what: string) => {
  for (const [key, value] of Object.entries(params)) {
    if (!SUPPORTED.has(key) && !isInert(value)) throw unsupported(`the ${what} parameter \`${key}\``);
  }
};

const filterOf = (index: Index, filter: unknown, code: string): FilterNode | undefined => {
  let node: FilterNode | undefined;
  try {
    node = parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterError) throw invalid(code, error.message);
    throw error;
  }
  const refusal = node && filterRefusal(node, index.settings.filterableAttributes);
  if (refusal) throw invalid(code, `Index \`${index.uid}\`: ${refusal}`);
  return node;
};

type SortRule = { attribute: string; asc: boolean };
type SortKey = number | string | undefined;

const sortOf = (index: Index, sort: readonly string[] | null | undefined, code: string): SortRule[] =>
  (sort ?? []).map((rule) => {
    const parsed = /^(.+):(asc|desc)$/.exec(rule);
    if (!parsed) throw invalid(code, `Invalid syntax for the sort parameter: expected expression ending by \`:asc\` or \`:desc\`, found \`${rule}\`.`);
    const [, attribute, direction] = parsed;
    if (attribute.startsWith('_geoPoint(')) throw unsupported('geo sorting');
    if (!matchesAny(index.settings.sortableAttributes, attribute)) {
      throw invalid(
        code,
        `Index \`${index.uid}\`: Attribute \`${attribute}\` is not sortable. Available sortable attributes are: \`${index.settings.sortableAttributes.join(', ')}\`.`,
      );
    }
    return { attribute, asc: direction === 'asc' };
  });

/** Numbers before strings, as in milli's facet databases. */
const compareValues = (a: number | string, b: number | string) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'string' && typeof b === 'string' ? a.localeCompare(b) : typeof a === 'number' ? -1 : 1;

/** On an array, ascending order uses its smallest value and descending its largest. */
const sortKeyOf = (doc: Doc, rule: SortRule): SortKey => {
  const values = valuesAt(doc, rule.attribute).filter((value): value is number | string => typeof value === 'number' || typeof value === 'string');
  values.sort(compareValues);
  return rule.asc ? values[0] : values[values.length - 1];
};

/** A document without the sort attribute comes last, in both directions. */
const compareKeys = (a: SortKey, b: SortKey, asc: boolean) => {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return asc ? compareValues(a, b) : compareValues(b, a);
};

export type Match = { id: string; doc: Doc; score: number; keys: SortKey[]; sort: SortRule[]; placeholder: boolean; position: number };

/**
 * Ranking: a keyword query ranks by words matched then sort (like the default ranking rules,
 * where `words` precedes `sort`); a placeholder query, which matches everything equally, by sort.
 */
export const compareMatches = (a: Pick<Match, 'score' | 'keys' | 'sort' | 'placeholder'>, b: Pick<Match, 'score' | 'keys' | 'sort' | 'placeholder'>) => {
  const bySort = () => {
    for (let i = 0; i < Math.min(a.keys.length, b.keys.length); i += 1) {
      const order = compareKeys(a.keys[i], b.keys[i], a.sort[i].asc);
      if (order !== 0) return order;
    }
    return 0;
  };
  const byScore = () => b.score - a.score;
  return a.placeholder && b.placeholder ? bySort() || byScore() : byScore() || bySort();
};

/** Every string (and number) inside a value, through arrays and objects. */
const textsOf = (value: unknown): string[] => {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
};

const searchedAttributes = (index: Index, attributesToSearchOn: readonly string[] | null | undefined) => {
  const searchable = index.settings.searchableAttributes;
  const wrong = (attributesToSearchOn ?? []).find((attribute) => !matchesAny(searchable, attribute));
  if (wrong !== undefined) {
    throw invalid(
      'invalid_search_attributes_to_search_on',
      `Index \`${index.uid}\`: Attribute \`${wrong}\` is not searchable. Available searchable attributes are: \`${searchable.join(', ')}\`.`,
    );
  }
  return attributesToSearchOn ?? searchable;
};

/** The share of query words the document matches under the matching strategy; 0 means no match. */
const scoreOf = (query: Query, doc: Doc, attributes: readonly string[], strategy: SearchParams['matchingStrategy']) => {
  const fields = attributes.includes('*') ? Object.keys(doc) : attributes;
  const words = new Set(fields.flatMap((field) => rawValuesAt(doc, field).flatMap(textsOf)).flatMap(wordsOf));
  const matched = matchedWords(query, words);
  const leading = matched.indexOf(false) === -1 ? matched.length : matched.indexOf(false);
  // `last` drops query words from the end until documents match: the first word is always required.
  const count = strategy === 'all' ? (leading === matched.length ? leading : 0) : strategy === 'frequency' ? matched.filter(Boolean).length : leading;
  return count / matched.length;
};

/** The documents matching the query, best first. */
export const findMatches = (index: Index, params: SearchParams, query: Query): Match[] => {
  const filter = filterOf(index, params.filter, 'invalid_search_filter');
  const sort = sortOf(index, params.sort, 'invalid_search_sort');
  const attributes = searchedAttributes(index, params.attributesToSearchOn);
  const placeholder = query.words.length === 0;
  const matches: Match[] = [];
  for (const [id, doc] of index.documents) {
    if (filter && !matchesFilter(filter, doc)) continue;
    const score = placeholder ? 1 : scoreOf(query, doc, attributes, params.matchingStrategy);
    if (score === 0 || score < (params.rankingScoreThreshold ?? 0)) continue;
    matches.push({ id, doc, score, keys: sort.map((rule) => sortKeyOf(doc, rule)), sort, placeholder, position: matches.length });
  }
  return matches.sort((a, b) => compareMatches(a, b) || a.position - b.position);
};

const formatValue = (value: unknown, format: (text: string) => string): unknown => {
  if (typeof value === 'string') return format(value);
  if (Array.isArray(value)) return value.map((item) => formatValue(item, format));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, formatValue(inner, format)]));
  return value;
};

/** A hit: the displayed and retrieved attributes, `_formatted` with highlights, `_rankingScore` on request. */
export const hitOf = (index: Index, match: Match, params: SearchParams, query: Query) => {
  const displayed = index.settings.displayedAttributes;
  const retrieved = params.attributesToRetrieve ?? ['*'];
  const highlighted = params.attributesToHighlight ?? [];
  const hit: Doc = pickAttributes(match.doc, displayed, retrieved);
  if (highlighted.length > 0) {
    const format = (text: string) => highlight(text, query, params.highlightPreTag ?? '<em>', params.highlightPostTag ?? '</em>');
    const shown = pickAttributes(match.doc, displayed, [...retrieved, ...highlighted]);
    hit._formatted = Object.fromEntries(Object.entries(shown).map(([key, value]) => [key, matchesAny(highlighted, key) ? formatValue(value, format) : value]));
  }
  if (params.showRankingScore) hit._rankingScore = match.score;
  return hit;
};

type Page = { offset?: number | null; limit?: number | null; page?: number | null; hitsPerPage?: number | null };

/** `page`/`hitsPerPage` give exhaustive `totalHits`; `offset`/`limit` an `estimatedTotalHits`. */
export const paginate = <T>(items: T[], params: Page, maxTotalHits: number) => {
  const reachable = items.slice(0, maxTotalHits);
  if (params.page != null || params.hitsPerPage != null) {
    const hitsPerPage = params.hitsPerPage ?? 20;
    const page = params.page ?? 1;
    const start = (page - 1) * hitsPerPage;
    return {
      slice: page === 0 ? [] : reachable.slice(start, start + hitsPerPage),
      info: { hitsPerPage, page, totalPages: hitsPerPage === 0 ? 0 : Math.ceil(reachable.length / hitsPerPage), totalHits: reachable.length },
    };
  }
  const offset = params.offset ?? 0;
  const limit = params.limit ?? 20;
  return { slice: reachable.slice(offset, offset + limit), info: { limit, offset, estimatedTotalHits: items.length } };
};

export const searchIndex = (index: Index, params: SearchParams) => {
  const started = Date.now();
  checkSupported(params, 'search');
  const facetNames = params.facets ? facetNamesOf(index, params.facets, 'invalid_search_facets') : undefined;
  const query = parseQuery(params.q);
  const matches = findMatches(index, params, query);
  const { slice, info } = paginate(matches, params, index.settings.pagination.maxTotalHits);
  const facets =
    facetNames &&
    computeFacets(
      index,
      facetNames,
      matches.map((match) => match.doc),
    );
  return {
    hits: slice.map((match) => hitOf(index, match, params, query)),
    query: params.q ?? '',
    processingTimeMs: Date.now() - started,
    ...info,
    ...(facets ? { facetDistribution: facets.distribution, facetStats: facets.stats } : {}),
  };
};

export type BrowseParams = { offset?: number; limit?: number; fields?: string[] | null; ids?: string[] | null; filter?: unknown; sort?: string[] | null };

/** GET /documents and POST /documents/fetch. */
export const browseDocuments = (index: Index, params: BrowseParams) => {
  const filter = filterOf(index, params.filter, 'invalid_document_filter');
  const sort = sortOf(index, params.sort, 'invalid_document_sort');
  const ids = params.ids ? new Set(params.ids.map(String)) : undefined;
  const docs = [...index.documents]
    .filter(([id, doc]) => (!ids || ids.has(id)) && (!filter || matchesFilter(filter, doc)))
    .map(([, doc]) => ({ doc, keys: sort.map((rule) => sortKeyOf(doc, rule)) }))
    .sort((a, b) => compareMatches({ score: 0, keys: a.keys, sort, placeholder: true }, { score: 0, keys: b.keys, sort, placeholder: true }));
  const offset = params.offset ?? 0;
  const limit = params.limit ?? 20;
  return {
    results: docs.slice(offset, offset + limit).map(({ doc }) => pickAttributes(doc, params.fields ?? ['*'])),
    offset,
    limit,
    total: docs.length,
  };
};
