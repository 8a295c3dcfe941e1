import { useLocation } from 'preact-iso/router';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { Failure, Loading, Page, SignInButton } from '../components';
import { ContactPerson } from '../contact';
import { useApi } from '../hooks';
import { languageName, UI_LANGUAGES } from '../i18n';
import { cellStatus, legendText, MATRIX_STATUSES, STATUS_SYMBOL, statusWord } from '../matrix-status';
import { useSite } from '../site';
import { Snippet } from '../snippet';
import { FACETS, MAX_QUERY_LENGTH, readState, urlOf, type Facet, type PageState } from '../url-state';
import { documentUrl, hitUrl } from '../urls';

const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 250;

/** A facet value's name as the API gives it (in the searched language: `meta.locale`), else the value itself. */
const nameOf = (names: api.FacetNames, facet: string, value: string) => names[facet]?.[value] ?? value;

/** What a 400 names (`types`, `filters.country`, `page`, `locale`), as the part of the state to drop. */
const recovery = (state: PageState, parameter: string): { state: PageState; notice: 'droppedFilter' | 'pageReset' | null; facet?: Facet } | null => {
  const facet = parameter === 'types' ? 'type' : parameter.startsWith('filters.') ? parameter.slice('filters.'.length) : null;
  if (facet && (FACETS as readonly string[]).includes(facet) && state.filters[facet as Facet]) {
    const { [facet as Facet]: _dropped, ...filters } = state.filters;
    return { state: { ...state, filters, page: 1 }, notice: 'droppedFilter', facet: facet as Facet };
  }
  if (parameter === 'page' && state.page > 1) return { state: { ...state, page: 1 }, notice: 'pageReset' };
  if (parameter === 'locale' && state.locale) return { state: { ...state, locale: null, page: 1 }, notice: null };
  return null;
};

const Result = ({ hit, meta }: { hit: api.SearchHit; meta: api.SearchResponse['meta'] }) => {
  const { t, language } = useSite();
  const href = hitUrl(hit);
  return (
    <li class="result">
      <h3 lang={hit.locale}>{href ? <a href={href}>{hit.title}</a> : hit.title}</h3>
      {hit.snippet && (
        <p lang={hit.locale}>
          <Snippet html={hit.snippet} />
        </p>
      )}
      <p class="badges">
        <span class="badge type" lang={meta.locale}>
          {nameOf(meta.facetLabels, 'type', hit.type)}
        </span>
        <span class="badge language" title={hit.otherLanguage ? t('search.otherLanguageHit') : undefined}>
          {languageName(hit.locale, language)}
        </span>
      </p>
    </li>
  );
};

/** Nothing found: offer the same search in the other interface languages. */
const NothingFound = ({ state, searchLocale }: { state: PageState; searchLocale: string }) => {
  const { t } = useSite();
  return (
    <div class="empty">
      <p>{t('search.none', { q: state.q })}</p>
      <p>{t('search.otherLanguages')}</p>
      <ul class="other-languages">
        {UI_LANGUAGES.filter((code) => code !== searchLocale).map((code) => (
          <li key={code}>
            <a href={urlOf({ ...state, locale: code, page: 1 })} data-locale={code} lang={code} hrefLang={code}>
              {languageName(code)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
};

/**
 * One group of checkboxes per facet, most frequent values first, each value by its name. Chosen
 * values stay listed even when the current results no longer count them, so they can be unticked.
 */
const Facets = ({
  meta,
  state,
  onToggle,
}: {
  meta: api.SearchResponse['meta'];
  state: PageState;
  onToggle: (facet: Facet, value: string, on: boolean) => void;
}) => {
  const { t, language } = useSite();
  const anyChosen = Object.values(state.filters).some((values) => values && values.length > 0);
  return (
    <>
      {FACETS.map((facet) => {
        const chosen = state.filters[facet] ?? [];
        const values = { ...Object.fromEntries(chosen.map((value) => [value, 0])), ...(meta.facets[facet] ?? {}) };
        const name = (value: string) => nameOf(meta.facetLabels, facet, value);
        const entries = Object.entries(values).sort(([a, x], [b, y]) => y - x || name(a).localeCompare(name(b), language));
        if (entries.length === 0) return null;
        return (
          <fieldset key={facet}>
            <legend>{t(`facet.${facet}`)}</legend>
            <ul>
              {entries.map(([value, count]) => (
                <li key={value}>
                  <label>
                    <input
                      type="checkbox"
                      data-facet={facet}
                      value={value}
                      checked={chosen.includes(value)}
                      onChange={(event) => onToggle(facet, value, event.currentTarget.checked)}
                    />
                    <span lang={meta.locale}>{name(value)}</span>
                    <span class="facet-count">{count}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
      {anyChosen && (
        <p>
          <a href={urlOf({ ...state, filters: {}, page: 1 })} data-clear-filters>
            {t('facets.clear')}
          </a>
        </p>
      )}
    </>
  );
};

/** Previous, a window of page numbers around the current one, next: all links, so each page can be bookmarked. */
const Pagination = ({ page, pageCount, state, onFollow }: { page: number; pageCount: number; state: PageState; onFollow: () => void }) => {
  const { t } = useSite();
  if (pageCount <= 1) return null;
  const first = Math.max(1, Math.min(page - 2, pageCount - 4));
  const numbers = Array.from({ length: Math.min(5, pageCount) }, (_, index) => first + index);
  const link = (target: number, text: string, extra: Record<string, string> = {}) => (
    <a key={`${text}-${target}`} href={urlOf({ ...state, page: target })} data-page={target} onClick={onFollow} {...extra}>
      {text}
    </a>
  );
  return (
    <>
      {page > 1 && link(page - 1, '‹', { 'aria-label': t('pagination.previous'), rel: 'prev' })}
      {numbers.map((number) => link(number, String(number), number === page ? { 'aria-current': 'page' } : {}))}
      {page < pageCount && link(page + 1, '›', { 'aria-label': t('pagination.next'), rel: 'next' })}
      <span class="status">{t('pagination.status', { page, pages: pageCount })}</span>
    </>
  );
};

type SearchOutcome = { response: api.SearchResponse } | { failure: 'unavailable' | 'generic' };

const SearchView = ({ state, go }: { state: PageState; go: (next: PageState, replace?: boolean) => void }) => {
  const { t, language, session, signOut } = useSite();
  const [typed, setTyped] = useState(state.q);
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const results = useRef<HTMLDivElement>(null);
  const focusResults = useRef(false);
  const searchLocale = state.locale ?? language;
  const { type: types = [], ...filters } = state.filters;
  const query = { q: state.q, locale: searchLocale, types, filters: filters as Record<string, string[]>, facets: ['*'], page: state.page, pageSize: PAGE_SIZE };
  const queryKey = JSON.stringify(query);

  // Back/forward and links change the query: the box follows.
  useEffect(() => setTyped(state.q), [state.q]);

  useEffect(() => {
    // A newer search aborts this one, so results never arrive out of order.
    const controller = new AbortController();
    setBusy(true);
    api.search(query, controller.signal).then(
      (response) => {
        const { page, total } = response.meta.pagination;
        if (response.data.length === 0 && total > 0 && page > 1) {
          // Past the last page (an old link): show the first page rather than nothing.
          setNotice(t('search.pageReset'));
          return go({ ...state, page: 1 }, true);
        }
        setOutcome({ response });
        setBusy(false);
        if (focusResults.current) results.current?.focus();
        focusResults.current = false;
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setBusy(false);
        // The sign-in expired: carry on as the public (signing out searches again).
        if (error instanceof api.ApiError && error.status === 401 && session) return signOut();
        const recovered = error instanceof api.ApiError && error.status === 400 ? recovery(state, error.parameter ?? '') : null;
        if (recovered) {
          if (recovered.notice === 'droppedFilter' && recovered.facet) setNotice(t('search.droppedFilter', { name: t(`facet.${recovered.facet}`) }));
          if (recovered.notice === 'pageReset') setNotice(t('search.pageReset'));
          return go(recovered.state, true);
        }
        setOutcome({ failure: error instanceof api.ApiError && error.status === 503 ? 'unavailable' : 'generic' });
      },
    );
    return () => controller.abort();
  }, [queryKey, session?.jwt]);

  /** Typing replaces the history entry (one per search, not per key); submitting adds one. */
  const searchNow = (text: string, replace: boolean) => {
    window.clearTimeout(typingTimer.current);
    setNotice(null);
    go({ ...state, q: text.slice(0, MAX_QUERY_LENGTH), page: 1 }, replace);
  };

  const response = outcome && 'response' in outcome ? outcome.response : null;
  const total = response?.meta.pagination.total ?? 0;
  const count = response ? t('search.count', { count: total }) : '';
  return (
    <section id="view-search" aria-labelledby="search-label">
      <form
        id="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          searchNow(typed, false);
        }}
      >
        <label id="search-label" for="search-input">
          {t('search.label')}
        </label>
        <div class="search-row">
          <input
            id="search-input"
            name="q"
            type="search"
            autocomplete="off"
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t('search.placeholder')}
            value={typed}
            onInput={(event) => {
              const text = event.currentTarget.value;
              setTyped(text);
              window.clearTimeout(typingTimer.current);
              typingTimer.current = window.setTimeout(() => searchNow(text, true), TYPING_DELAY_MS);
            }}
          />
          <button type="submit">{t('search.button')}</button>
        </div>
      </form>
      <p id="search-notice" class="notice" role="status" hidden={!notice}>
        {notice}
      </p>
      <p id="result-count" class="result-count" aria-live="polite" aria-atomic="true">
        {response && state.locale ? `${count} ${t('search.locale', { language: languageName(state.locale, language) })}` : count}
      </p>
      <div class="search-layout">
        <aside class="facets" aria-labelledby="facets-title">
          {/* On a phone the facets start folded, so that the results come first on the screen. */}
          <details id="facets-panel" open={!matchMedia('(max-width: 48rem)').matches}>
            <summary id="facets-title">{t('facets.title')}</summary>
            <div id="facets">
              {response && (
                <Facets
                  meta={response.meta}
                  state={state}
                  onToggle={(facet, value, on) => {
                    const values = new Set(state.filters[facet] ?? []);
                    if (on) values.add(value);
                    else values.delete(value);
                    setNotice(null);
                    go({ ...state, filters: { ...state.filters, [facet]: [...values] }, page: 1 });
                  }}
                />
              )}
            </div>
          </details>
        </aside>
        <div class="search-results">
          <div id="results" tabIndex={-1} ref={results} aria-busy={busy ? 'true' : undefined}>
            {outcome && 'failure' in outcome && <p class="error">{t(outcome.failure === 'unavailable' ? 'search.unavailable' : 'error.generic')}</p>}
            {response &&
              (total === 0 ? (
                <NothingFound state={state} searchLocale={searchLocale} />
              ) : (
                <ol class="results">
                  {response.data.map((hit) => (
                    <Result key={`${hit.type}:${hit.documentId}:${hit.locale}`} hit={hit} meta={response.meta} />
                  ))}
                </ol>
              ))}
          </div>
          <nav id="pagination" class="pagination" aria-label={t('pagination.label')}>
            {response && (
              <Pagination
                page={response.meta.pagination.page}
                pageCount={response.meta.pagination.pageCount}
                state={state}
                onFollow={() => {
                  focusResults.current = true;
                }}
              />
            )}
          </nav>
        </div>
      </div>
    </section>
  );
};

/** Only the latest choice of skill fills the list: useApi drops an earlier, slower answer. */
const ExpertList = ({ skill }: { skill: string }) => {
  const { t, language } = useSite();
  const experts = useApi<{ data: api.Expert[] }>(`/api/skills-mapping/experts?${new URLSearchParams({ skill })}`);
  if (experts.error) return <p class="error">{t('error.generic')}</p>;
  if (!experts.data) return <Loading />;
  const list = experts.data.data;
  return (
    <>
      <p id="experts-count" class="result-count" aria-live="polite">
        {t('experts.count', { count: list.length })}
      </p>
      <div id="experts-list">
        {list.length === 0 ? (
          <p>{t('experts.none')}</p>
        ) : (
          <ul class="experts-list">
            {list.map((expert) => (
              <li key={expert.documentId}>
                <strong>
                  <a href={documentUrl('member', expert.documentId) ?? '#'}>{expert.displayName}</a>
                </strong>
                {expert.organisation ? ` · ${expert.organisation.name}` : ''}
                <p class="badges">
                  <span class="badge">{`${expert.level} · ${t(`level.${expert.level}` as 'level.0')}`}</span>
                  {expert.canMentor && <span class="badge">{t('experts.canMentor')}</span>}
                  {expert.languages.length > 0 && (
                    <span class="badge">{t('experts.languages', { languages: expert.languages.map((code) => languageName(code, language)).join(', ') })}</span>
                  )}
                </p>
                <ContactPerson person={expert} contact={expert.contact} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
};

type MatrixAnswer = { data: api.Matrix; meta: { threshold: number | null } };
const matrixPath = (language: string) => `/api/skills-mapping/matrix?${new URLSearchParams({ dimension: 'issueArea', locale: language })}`;

/** Who to ask is for members; the public gets a way to the sign-in form instead. */
const ExpertsView = ({ state, go }: { state: PageState; go: (next: PageState) => void }) => {
  const { t, language, session } = useSite();
  // The matrix lists the skills for who-to-ask too.
  const matrix = useApi<MatrixAnswer>(session ? matrixPath(language) : null);
  const skills = useMemo(
    () => (matrix.data?.data.rows.map((row) => row.skill) ?? []).sort((a, b) => a.name.localeCompare(b.name, language)),
    [matrix.data, language],
  );
  const [picked, setPicked] = useState<string | null>(null);
  if (!session)
    return (
      <div id="experts">
        <p>{t('experts.signIn')}</p>
        <SignInButton />
      </div>
    );
  if (matrix.error) return <Failure error={matrix.error} />;
  if (!matrix.data) return <Loading />;
  const chosen = skills.find((skill) => skill.slug === state.skill)?.slug ?? skills[0]?.slug;
  const choose = (skill: string) => go({ ...state, skill });
  return (
    <div id="experts">
      <p>{t('experts.intro')}</p>
      <form
        id="experts-form"
        class="experts-form"
        onSubmit={(event) => {
          event.preventDefault();
          choose(picked ?? chosen ?? '');
        }}
      >
        <p>
          <label for="experts-skill">{t('experts.skill')}</label>
          <select
            id="experts-skill"
            name="skill"
            value={picked ?? chosen}
            onChange={(event) => {
              setPicked(event.currentTarget.value);
              choose(event.currentTarget.value);
            }}
          >
            {skills.map((skill) => (
              <option key={skill.slug} value={skill.slug}>
                {skill.name}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">{t('experts.find')}</button>
      </form>
      {chosen && <ExpertList skill={chosen} />}
    </div>
  );
};

const MatrixCellView = ({ cell }: { cell: api.MatrixCell }) => {
  const { t } = useSite();
  const status = cellStatus(cell);
  const shown = cell.advanced !== null && !cell.withheld;
  return (
    <td class={`status-${status}`} data-status={status}>
      {`${STATUS_SYMBOL[status]} ${t(statusWord(status))}`}
      {shown && <span class="visually-hidden">{` (${t('matrix.advanced', { count: cell.advanced ?? 0 })})`}</span>}
      {shown && <span aria-hidden="true">{` ${cell.advanced}`}</span>}
    </td>
  );
};

const MatrixView = () => {
  const { t, language } = useSite();
  const matrix = useApi<MatrixAnswer>(matrixPath(language));
  if (matrix.error) return <p class="error">{t('error.generic')}</p>;
  if (!matrix.data) return <Loading />;
  const { data, meta } = matrix.data;
  return (
    <div id="matrix">
      <p>{t('matrix.intro')}</p>
      <div>
        <h3>{t('matrix.legend')}</h3>
        <ul class="legend">
          {MATRIX_STATUSES.map((status) => (
            <li key={status} class={`status-${status}`}>{`${STATUS_SYMBOL[status]} ${t(statusWord(status))}: ${t(legendText(status))}`}</li>
          ))}
          {meta.threshold !== null && (
            <li class="status-withheld">{`${STATUS_SYMBOL.withheld} ${t(statusWord('withheld'))}: ${t(legendText('withheld'), { count: meta.threshold })}`}</li>
          )}
        </ul>
      </div>
      <div class="matrix-scroll" tabIndex={0} role="region" aria-label={t('matrix.caption')}>
        <table class="matrix">
          <caption class="visually-hidden">{t('matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('matrix.skill')}</th>
              {data.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.skill.slug}>
                <th scope="row">{row.skill.name}</th>
                {data.columns.map((column) => (
                  <MatrixCellView key={column.key} cell={row.cells[column.key]} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
};

/**
 * The site's first page: search, who to ask and the skills map. Everything shown is in the query
 * string (url-state.ts), so any view can be linked to, reloaded and reached with back/forward.
 */
export const SearchPage = () => {
  const { t, language } = useSite();
  const { url, route } = useLocation();
  const state = useMemo(() => readState(new URL(url, location.origin).search), [url]);
  const go = (next: PageState, replace = false) => route(urlOf(next), replace);

  // What readState dropped from the URL goes from the address bar too, so a shared link is clean.
  useEffect(() => {
    if (urlOf(state) !== url) route(urlOf(state), true);
  }, [url]);

  // A language chosen in the menu is the new search language: the results start again from page 1.
  const firstLanguage = useRef(language);
  useEffect(() => {
    if (language === firstLanguage.current) return;
    firstLanguage.current = language;
    if (state.lang || state.locale || state.page > 1) go({ ...state, lang: state.lang && language, locale: null, page: 1 });
  }, [language]);

  const title = t(state.view === 'search' ? 'page.title' : state.view === 'experts' ? 'tab.experts' : 'tab.matrix');
  return (
    <Page title={title}>
      {state.view === 'search' && <SearchView state={state} go={go} />}
      {state.view === 'experts' && (
        <section id="view-experts">
          <ExpertsView state={state} go={go} />
        </section>
      )}
      {state.view === 'matrix' && (
        <section id="view-matrix">
          <MatrixView />
        </section>
      )}
    </Page>
  );
};
