import type { ComponentChildren } from 'preact';
import { ApiError, type FacetNames, type SearchResponse } from './api';
import { Await, Page } from './components';
import { useApi, type Loaded } from './hooks';
import { languageName } from './i18n';
import { useSite } from './site';
import { documentUrl } from './urls';

/**
 * What the pages of single documents (resources, organisations, members) share: reading one
 * document in every language the caller may see it in, naming its fixed vocabularies, and showing
 * its facts and its other languages.
 */

type QueryValue = string | number | Query | QueryValue[] | undefined;
type Query = { [key: string]: QueryValue };

/** Strapi's bracket notation: { populate: { skills: { fields: ['name'] } } } → populate[skills][fields][0]=name. */
export const queryString = (query: Query) => {
  const params = new URLSearchParams();
  const add = (prefix: string, value: QueryValue) => {
    if (value === undefined) return;
    if (typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
      for (const [key, item] of entries) add(prefix ? `${prefix}[${key}]` : key, item);
    } else params.append(prefix, String(value));
  };
  add('', query);
  return params.toString();
};

/** The most languages a document can be in (every content locale fits in one page of answers). */
const ALL_LOCALES_PAGE = 100;

export type Localized = { documentId: string; locale: string };
export type DocumentVersions<T> = { shown: T; locales: string[] };

/**
 * A document in every locale the caller may see it in (one request, `locale=*`), and the version
 * to show: the `wanted` locale, else the interface language, else English, else any. A document
 * the caller may not see comes back as no version at all, which is a 404 like the API's own.
 */
export const useDocument = <T extends Localized>(
  collection: string,
  documentId: string,
  wanted: string | undefined,
  query: Query,
): Loaded<DocumentVersions<T>> => {
  const { language } = useSite();
  const path = `/api/${collection}?${queryString({
    ...query,
    locale: '*',
    filters: { documentId: { $eq: documentId } },
    pagination: { pageSize: ALL_LOCALES_PAGE },
  })}`;
  const loaded = useApi<{ data: T[] }>(path);
  const versions = loaded.data?.data;
  if (!versions) return { ...loaded, data: undefined };
  const shown = [wanted, language, 'en'].map((locale) => versions.find((version) => version.locale === locale)).find(Boolean) ?? versions[0];
  if (!shown) return { ...loaded, data: undefined, error: new ApiError(404, 'Not Found') };
  return { ...loaded, data: { shown, locales: versions.map((version) => version.locale) } };
};

/**
 * Names of fixed vocabularies (kinds of resources and organisations, jurisdictions, countries) in
 * the interface language, from the search API, which holds them for its facets: the values asked
 * for are filters, and the API names the values it filters on. A value it cannot name shows as itself.
 */
export const useVocabulary = (type: string, values: Record<string, string[]>) => {
  const { language } = useSite();
  const facets = Object.keys(values).filter((facet) => values[facet].length > 0);
  const path = facets.length
    ? `/api/multilingual-search/search?${queryString({ q: '', locale: language, types: type, pageSize: 1, facets: facets.join(','), filters: values })}`
    : null;
  const loaded = useApi<SearchResponse>(path);
  const names: FacetNames = loaded.data?.meta.facetLabels ?? {};
  return (facet: string, value: string) => names[facet]?.[value] ?? value;
};

/** One fact: its term, its value (a list when an array) and the language of the value where it differs from the page's. */
export type Fact = [term: string, value: ComponentChildren, lang?: string];

const isMissing = (value: ComponentChildren) =>
  value === null || value === undefined || value === false || value === '' || (Array.isArray(value) && value.length === 0);

/** A list of facts about a document: each term with its value, leaving out what the document does not have. */
export const Facts = ({ items }: { items: Fact[] }) => {
  const present = items.filter(([, value]) => !isMissing(value));
  if (present.length === 0) return null;
  return (
    <dl class="facts">
      {present.map(([term, value, lang]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd lang={lang}>{Array.isArray(value) ? <InlineList items={value} /> : value}</dd>
        </div>
      ))}
    </dl>
  );
};

/** A short inline list (issue areas, countries…), separated by commas for screen readers and the eye alike. */
const InlineList = ({ items }: { items: ComponentChildren[] }) => (
  <ul class="inline-list">
    {items.map((item, index) => (
      <li key={index}>{item}</li>
    ))}
  </ul>
);

/** The languages a document is in, each a link to its page in that language; the one shown is marked current. */
export const LanguageSwitch = ({ type, documentId, locales, current }: { type: string; documentId: string; locales: string[]; current: string }) => {
  const { t, language } = useSite();
  if (locales.length < 2) return null;
  // Listed by the names shown: each language's name for itself.
  const sorted = [...locales].sort((a, b) => languageName(a).localeCompare(languageName(b), language));
  return (
    <nav class="document-languages" aria-labelledby="document-languages-title">
      <h2 id="document-languages-title">{t('document.languages')}</h2>
      <ul class="inline-list">
        {sorted.map((locale) => (
          <li key={locale}>
            <a href={documentUrl(type, documentId, locale) ?? '#'} hrefLang={locale} lang={locale} aria-current={locale === current ? 'true' : undefined}>
              {languageName(locale)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/** A country's name in the interface language (CLDR), for organisations and members. */
export const countryName = (code: string, language: string) => {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * A calendar date of the API (YYYY-MM-DD) as the interface language writes it, in the reader's
 * variant of it where the browser names one (en-GB: 2 September 2024); the date is the same everywhere.
 */
export const formatDate = (date: string, language: string) => {
  const variant = navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
  return new Intl.DateTimeFormat([variant, language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
};

/** A document's page: its content once loaded; until then, or when it cannot be shown, a page titled `title` saying so. */
export const DocumentPage = <T,>({
  loaded,
  title,
  children,
}: {
  loaded: Loaded<DocumentVersions<T>>;
  title: string;
  children: (versions: DocumentVersions<T>) => ComponentChildren;
}) =>
  loaded.data && !loaded.error ? (
    <>{children(loaded.data)}</>
  ) : (
    <Page title={title}>
      <Await loaded={loaded}>{() => null}</Await>
    </Page>
  );
