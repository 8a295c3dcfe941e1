import { MeiliError, invalid, unsupported } from './errors';
import { computeFacets, facetNamesOf, mergeFacets } from './facets';
import { type Match, type SearchParams, checkSupported, compareMatches, findMatches, hitOf, isInert, paginate, searchIndex } from './search';
import type { Index, Store } from './store';
import { type Query, parseQuery } from './text';

/** POST /multi-search: several searches, or one federated search over several indexes. */

type QueryWithIndex = SearchParams & { indexUid: string; federationOptions?: { weight?: number; remote?: string | null } | null };

type Federation = {
  limit?: number;
  offset?: number;
  page?: number | null;
  hitsPerPage?: number | null;
  facetsByIndex?: Record<string, string[]>;
  mergeFacets?: { maxValuesPerFacet?: number | null } | null;
};

export type MultiSearchBody = { queries: QueryWithIndex[]; federation?: (Federation & Record<string, unknown>) | null };

/** An error inside a query names it, as the real server does; a missing index is then a 400 (it is not in the URL). */
const inside = <T>(where: string, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof MeiliError)) throw error;
    throw new MeiliError(error.code === 'index_not_found' ? 400 : error.status, error.code, `Inside \`${where}\`: ${error.message}`, error.violation);
  }
};

const PAGINATION = ['offset', 'limit', 'page', 'hitsPerPage'] as const;

type FederatedHit = { index: Index; match: Match; params: SearchParams; query: Query; queriesPosition: number; weighted: number };

/** Checks a query of a federated search and runs it: its hits carry the weighted score. */
const federatedQuery = (store: Store, { indexUid, federationOptions, ...params }: QueryWithIndex, position: number): FederatedHit[] => {
  const pagination = PAGINATION.find((key) => params[key] != null);
  if (pagination) {
    throw invalid(
      'invalid_multi_search_query_pagination',
      `Using pagination options is not allowed in federated queries.\n - Hint: remove \`${pagination}\` from query #${position} or remove \`federation\` from the request`,
    );
  }
  if (params.facets != null) {
    throw invalid(
      'invalid_multi_search_query_facets',
      `Using facet options is not allowed in federated queries.\n - Hint: remove \`facets\` from query #${position} or remove \`federation\` from the request\n - Hint: pass \`federation.facetsByIndex.${indexUid}: ${JSON.stringify(params.facets)}\` for facets in federated search`,
    );
  }
  if (federationOptions?.remote) throw unsupported('remote federated search');
  const weight = federationOptions?.weight ?? 1;
  if (weight < 0)
    throw invalid(
      'invalid_multi_search_weight',
      `Invalid value at \`.queries[${position}].federationOptions.weight\`: the value of \`weight\` is invalid, expected a positive float (>= 0.0).`,
    );
  checkSupported(params, 'search');
  const index = store.requireIndex(indexUid);
  const query = parseQuery(params.q);
  return findMatches(index, params, query).map((match) => ({ index, match, params, query, queriesPosition: position, weighted: match.score * weight }));
};

const FEDERATION_SUPPORTED = new Set(['limit', 'offset', 'page', 'hitsPerPage', 'facetsByIndex', 'mergeFacets']);

/**
 * Federated search: hits of all queries merged by weighted ranking score (a document found by
 * several queries on its index appears once); facets per index, or merged with `mergeFacets`
 * (then, as in the real server, `facetsByIndex` is left out of the answer).
 */
const federatedSearch = (store: Store, queries: QueryWithIndex[], federation: Federation & Record<string, unknown>) => {
  const started = Date.now();
  for (const [key, value] of Object.entries(federation)) {
    if (!FEDERATION_SUPPORTED.has(key) && !isInert(value)) throw unsupported(`the federation parameter \`${key}\``);
  }
  const found = queries.flatMap((query, position) => inside(`.queries[${position}]`, () => federatedQuery(store, query, position)));
  const seen = new Set<string>();
  const unique = found
    .sort(
      (a, b) =>
        compareMatches({ ...a.match, score: a.weighted }, { ...b.match, score: b.weighted }) ||
        a.queriesPosition - b.queriesPosition ||
        a.match.position - b.match.position,
    )
    .filter(({ index, match }) => !seen.has(`${index.uid}/${match.id}`) && Boolean(seen.add(`${index.uid}/${match.id}`)));
  const { slice, info } = paginate(unique, federation, Number.POSITIVE_INFINITY);
  const hits = slice.map(({ index, match, params, query, queriesPosition, weighted }) => ({
    ...hitOf(index, match, params, query),
    _federation: { indexUid: index.uid, queriesPosition, weightedRankingScore: weighted },
  }));
  const facetsByIndex = Object.entries(federation.facetsByIndex ?? {}).map(([uid, facets]) =>
    inside(`.federation.facetsByIndex.${uid}`, () => {
      const index = store.requireIndex(uid);
      const docs = unique.filter((hit) => hit.index === index).map((hit) => hit.match.doc);
      return [uid, computeFacets(index, facetNamesOf(index, facets, 'invalid_multi_search_facets'), docs)] as const;
    }),
  );
  const merged = federation.mergeFacets
    ? mergeFacets(
        facetsByIndex.map(([, facets]) => facets),
        federation.mergeFacets.maxValuesPerFacet ?? 100,
      )
    : undefined;
  return {
    hits,
    processingTimeMs: Date.now() - started,
    ...info,
    ...(merged ? { facetDistribution: merged.distribution, facetStats: merged.stats } : {}),
    ...(!merged && facetsByIndex.length > 0 ? { facetsByIndex: Object.fromEntries(facetsByIndex) } : {}),
  };
};

export const multiSearch = (store: Store, { queries, federation }: MultiSearchBody) => {
  if (federation) return federatedSearch(store, queries, federation);
  return {
    results: queries.map(({ indexUid, federationOptions, ...params }, position) =>
      inside(`.queries[${position}]`, () => {
        if (federationOptions) {
          throw invalid(
            'invalid_multi_search_federation_options',
            `Using \`federationOptions\` is not allowed in a non-federated search.\n - Hint: remove \`federationOptions\` from query #${position} or add \`federation\` to the request.`,
          );
        }
        return { indexUid, ...searchIndex(store.requireIndex(indexUid), params) };
      }),
    ),
  };
};
