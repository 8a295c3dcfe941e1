import { isUiLanguage, type UiLanguage } from './i18n';

/**
 * What the page shows, kept in the URL's query string so that any view can be linked to, reloaded,
 * and reached with back/forward. Anything in the URL is untrusted: readState keeps only values of
 * the expected shape and drops the rest, so a mangled link still gives a working page.
 */

/**
 * The facets the page offers, each one vocabulary, in the order shown; `type` is sent as the
 * `types` parameter, the others as filters of the same name. A facet the searched types do not
 * have is simply not in the answer.
 */
export const FACETS = [
  'type',
  'language',
  'issueArea',
  'resourceKind',
  'jurisdiction',
  'organisationKind',
  'country',
  'workshopFormat',
  'skillCategory',
] as const;
export type Facet = (typeof FACETS)[number];

export const VIEWS = ['search', 'experts', 'matrix'] as const;
export type View = (typeof VIEWS)[number];

export type PageState = {
  view: View;
  q: string;
  /** Interface language named in the URL; null: the remembered or browser language. */
  lang: UiLanguage | null;
  /** Search locale when it differs from the interface language (from "search in another language"). */
  locale: string | null;
  filters: Partial<Record<Facet, string[]>>;
  page: number;
  /** Who-to-ask: the chosen skill's slug. */
  skill: string | null;
};

export const MAX_QUERY_LENGTH = 512;
const MAX_PAGE = 1000;
const MAX_VALUES_PER_FACET = 20;
/** Facet values are slugs, codes (DE, CoE) or type names. */
const FACET_VALUE = /^[A-Za-z0-9_-]{1,100}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T => value !== null && (list as readonly string[]).includes(value);

/** A positive whole number in range; anything else (`abc`, `-3`, `1e9`) is the first page. */
const pageNumber = (value: string | null) => {
  const page = /^\d{1,7}$/.test(value ?? '') ? Number(value) : 1;
  return page >= 1 && page <= MAX_PAGE ? page : 1;
};

export const readState = (search: string): PageState => {
  const params = new URLSearchParams(search);
  const filters: PageState['filters'] = {};
  for (const facet of FACETS) {
    const values = [...new Set(params.getAll(facet).filter((value) => FACET_VALUE.test(value)))].slice(0, MAX_VALUES_PER_FACET);
    if (values.length) filters[facet] = values;
  }
  const view = params.get('view');
  const lang = params.get('lang');
  const locale = params.get('locale');
  const skill = params.get('skill');
  return {
    view: isOneOf(VIEWS, view) ? view : 'search',
    q: (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH),
    lang: isUiLanguage(lang) ? lang : null,
    locale: locale && LOCALE.test(locale) ? locale : null,
    filters,
    page: pageNumber(params.get('page')),
    skill: skill && SLUG.test(skill) && skill.length <= 120 ? skill : null,
  };
};

/** The page's URL for `state`, with defaults left out so that links stay short. */
export const urlOf = (state: PageState) => {
  const params = new URLSearchParams();
  if (state.view !== 'search') params.set('view', state.view);
  if (state.q) params.set('q', state.q);
  if (state.lang) params.set('lang', state.lang);
  if (state.locale) params.set('locale', state.locale);
  for (const facet of FACETS) for (const value of state.filters[facet] ?? []) params.append(facet, value);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.skill) params.set('skill', state.skill);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
};
