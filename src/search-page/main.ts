import * as api from './api';
import { byId, h } from './dom';
import { isUiLanguage, languageName, preferredLanguage, rememberLanguage, translator, UI_LANGUAGES, type MessageKey, type UiLanguage } from './i18n';
import { renderEmpty, renderExperts, renderFacets, renderLegend, renderMatrix, renderPagination, renderResults, type Labels } from './render';
import { FACETS, MAX_QUERY_LENGTH, readState, urlOf, VIEWS, type Facet, type PageState } from './url-state';

const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 250;

let state: PageState = readState(location.search);
let labels: Labels = { t: translator('en'), language: 'en' };
/** The search in flight: a newer one aborts it, so results never arrive out of order. */
let searching: AbortController | undefined;
let typingTimer: number | undefined;

const searchInput = byId<HTMLInputElement>('search-input');
const languageSelect = byId<HTMLSelectElement>('ui-language');

const searchLocale = () => state.locale ?? labels.language;

const pushState = (next: PageState) => {
  state = next;
  history.pushState(null, '', urlOf(state));
};

/** For corrections the visitor did not ask for (a dropped filter, an impossible page): no history entry. */
const replaceState = (next: PageState) => {
  state = next;
  history.replaceState(null, '', urlOf(state));
};

const showNotice = (key: MessageKey | null, values?: Record<string, string>) => {
  const notice = byId('search-notice');
  notice.textContent = key ? labels.t(key, values) : '';
  notice.hidden = !key;
};

// --- language --------------------------------------------------------------------------------

const applyLanguage = (language: UiLanguage) => {
  labels = { t: translator(language), language };
  document.documentElement.lang = language;
  document.title = labels.t('page.title');
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = labels.t(element.dataset.i18n as MessageKey);
  searchInput.placeholder = labels.t('search.placeholder');
  byId('views').setAttribute('aria-label', labels.t('views.label'));
  byId('pagination').setAttribute('aria-label', labels.t('pagination.label'));
  languageSelect.value = language;
  renderAuth();
};

const fillLanguagePicker = () => {
  languageSelect.replaceChildren(...UI_LANGUAGES.map((code) => h('option', { value: code, lang: code }, languageName(code))));
};

// --- search ----------------------------------------------------------------------------------

/** Recovers from a 400 by dropping what the API refused; false when there is nothing to drop. */
const recoverFrom = (error: api.ApiError) => {
  const parameter = error.parameter ?? '';
  const facet = parameter === 'types' ? 'type' : parameter.startsWith('filters.') ? parameter.slice('filters.'.length) : null;
  if (facet && (FACETS as readonly string[]).includes(facet) && state.filters[facet as Facet]) {
    const { [facet as Facet]: _dropped, ...filters } = state.filters;
    replaceState({ ...state, filters, page: 1 });
    showNotice('search.droppedFilter', { name: labels.t(`facet.${facet as Facet}`) });
    return true;
  }
  if (parameter === 'page' && state.page > 1) {
    replaceState({ ...state, page: 1 });
    showNotice('search.pageReset');
    return true;
  }
  if (parameter === 'locale' && state.locale) {
    replaceState({ ...state, locale: null, page: 1 });
    return true;
  }
  return false;
};

const focusFacet = (facet: string | undefined, value: string | undefined) => {
  if (!facet || value === undefined) return;
  const match = [...document.querySelectorAll<HTMLInputElement>('#facets input[data-facet]')].find(
    (input) => input.dataset.facet === facet && input.value === value,
  );
  match?.focus();
};

const runSearch = async (): Promise<void> => {
  searching?.abort();
  const controller = new AbortController();
  searching = controller;
  const results = byId('results');
  results.setAttribute('aria-busy', 'true');
  const { type: types = [], ...filters } = state.filters;
  try {
    const response = await api.search(
      // Every facet of the searched types (`*`), with the names of their values: FACETS picks those shown.
      { q: state.q, locale: searchLocale(), types, filters: filters as Record<string, string[]>, facets: ['*'], page: state.page, pageSize: PAGE_SIZE },
      controller.signal,
    );
    const { page, pageCount, total } = response.meta.pagination;
    if (response.data.length === 0 && total > 0 && page > 1) {
      // Past the last page (an old link): show the first page rather than nothing.
      replaceState({ ...state, page: 1 });
      showNotice('search.pageReset');
      return runSearch();
    }
    // Rebuilding the facets replaces the checkbox that has the focus: give it back to its successor.
    const focused = document.activeElement instanceof HTMLInputElement ? document.activeElement : null;
    byId('facets').replaceChildren(...renderFacets(response.meta, state, labels));
    focusFacet(focused?.dataset.facet, focused?.value);
    results.replaceChildren(total === 0 ? renderEmpty(state, searchLocale(), labels) : renderResults(response, labels));
    byId('pagination').replaceChildren(...renderPagination(page, pageCount, state, labels));
    const count = labels.t('search.count', { count: total });
    byId('result-count').textContent = state.locale
      ? `${count} ${labels.t('search.locale', { language: languageName(state.locale, labels.language) })}`
      : count;
  } catch (error) {
    if (controller.signal.aborted) return;
    if (error instanceof api.ApiError && error.status === 401 && api.session.read()) {
      // The sign-in expired: carry on as the public.
      api.session.clear();
      renderAuth();
      return runSearch();
    }
    if (error instanceof api.ApiError && error.status === 400 && recoverFrom(error)) return runSearch();
    results.replaceChildren(
      h('p', { class: 'error' }, labels.t(error instanceof api.ApiError && error.status === 503 ? 'search.unavailable' : 'error.generic')),
    );
    byId('facets').replaceChildren();
    byId('pagination').replaceChildren();
    byId('result-count').textContent = '';
  } finally {
    if (searching === controller) results.removeAttribute('aria-busy');
  }
};

/** Typing replaces the history entry (one per search, not per key); submitting adds one. */
const searchNow = (entry: 'push' | 'replace') => {
  window.clearTimeout(typingTimer);
  showNotice(null);
  const next = { ...state, q: searchInput.value.slice(0, MAX_QUERY_LENGTH), page: 1 };
  if (entry === 'push') pushState(next);
  else replaceState(next);
  void runSearch();
};

// --- who to ask and skills map ---------------------------------------------------------------

/** The matrix per language and audience: it lists the skills for who-to-ask too, and changes rarely. */
const matrices = new Map<string, ReturnType<typeof api.matrix>>();
const loadMatrix = () => {
  const key = `${labels.language}:${api.session.read()?.jwt ?? ''}`;
  let matrix = matrices.get(key);
  if (!matrix) {
    matrix = api.matrix(labels.language);
    matrices.set(key, matrix);
    // A failed answer is not kept: the next visit asks again.
    matrix.catch(() => matrices.delete(key));
  }
  return matrix;
};

/** Only the latest choice of skill may fill the list: an earlier, slower answer is dropped. */
let expertsRequest = 0;
const loadExperts = async (skill: string) => {
  const request = (expertsRequest += 1);
  const list = byId('experts-list');
  const count = byId('experts-count');
  try {
    const experts = await api.experts(skill);
    if (request !== expertsRequest) return;
    count.textContent = labels.t('experts.count', { count: experts.length });
    list.replaceChildren(renderExperts(experts, labels));
  } catch {
    if (request === expertsRequest) list.replaceChildren(h('p', { class: 'error' }, labels.t('error.generic')));
  }
};

/** Who to ask is for members; the public gets a way to the sign-in form instead. */
const showExperts = async () => {
  const container = byId('experts');
  if (!api.session.read()) {
    container.replaceChildren(h('p', {}, labels.t('experts.signIn')), h('button', { type: 'button', 'data-focus-sign-in': true }, labels.t('auth.signIn')));
    return;
  }
  const matrix = await loadMatrix().catch(() => null);
  if (!matrix) {
    container.replaceChildren(h('p', { class: 'error' }, labels.t('error.generic')));
    return;
  }
  const skills = matrix.data.rows.map((row) => row.skill).sort((a, b) => a.name.localeCompare(b.name, labels.language));
  const chosen = skills.find((skill) => skill.slug === state.skill)?.slug ?? skills[0]?.slug;
  container.replaceChildren(
    h('p', {}, labels.t('experts.intro')),
    h(
      'form',
      { id: 'experts-form', class: 'experts-form' },
      h(
        'p',
        {},
        h('label', { for: 'experts-skill' }, labels.t('experts.skill')),
        h(
          'select',
          { id: 'experts-skill', name: 'skill' },
          ...skills.map((skill) => h('option', { value: skill.slug, selected: skill.slug === chosen }, skill.name)),
        ),
      ),
      h('button', { type: 'submit' }, labels.t('experts.find')),
    ),
    h('p', { id: 'experts-count', class: 'result-count', 'aria-live': 'polite' }),
    h('div', { id: 'experts-list' }),
  );
  if (chosen) await loadExperts(chosen);
};

const showMatrix = async () => {
  const container = byId('matrix');
  try {
    const { data, meta } = await loadMatrix();
    container.replaceChildren(h('p', {}, labels.t('matrix.intro')), renderLegend(meta.threshold, labels), renderMatrix(data, labels));
  } catch {
    container.replaceChildren(h('p', { class: 'error' }, labels.t('error.generic')));
  }
};

// --- page ------------------------------------------------------------------------------------

function renderAuth() {
  const current = api.session.read();
  byId('sign-in-form').hidden = Boolean(current);
  byId('signed-in').hidden = !current;
  byId('signed-in-as').textContent = current ? labels.t('auth.signedInAs', { name: current.name }) : '';
}

/** Shows the view the state names and fills it. */
const render = async () => {
  for (const view of VIEWS) byId(`view-${view}`).hidden = view !== state.view;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#views a[data-view]')) {
    link.href = urlOf({ ...state, view: link.dataset.view as PageState['view'] });
    if (link.dataset.view === state.view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (searchInput.value !== state.q) searchInput.value = state.q;
  if (state.view === 'search') await runSearch();
  else if (state.view === 'experts') await showExperts();
  else await showMatrix();
};

const start = async () => {
  // What readState dropped from the URL goes from the address bar too, so a shared link is clean.
  replaceState(state);
  // On a phone the facets start folded, so that the results come first on the screen.
  byId<HTMLDetailsElement>('facets-panel').open = !matchMedia('(max-width: 48rem)').matches;
  fillLanguagePicker();
  applyLanguage(state.lang ?? preferredLanguage());

  searchInput.addEventListener('input', () => {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(() => searchNow('replace'), TYPING_DELAY_MS);
  });
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    searchNow('push');
  });

  byId('facets').addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const facet = input.dataset.facet as Facet | undefined;
    if (!facet) return;
    const values = new Set(state.filters[facet] ?? []);
    if (input.checked) values.add(input.value);
    else values.delete(input.value);
    showNotice(null);
    pushState({ ...state, filters: { ...state.filters, [facet]: [...values] }, page: 1 });
    void runSearch();
  });

  // Links inside the page (pages, other languages, views, clear filters) change the state without a reload.
  document.addEventListener('click', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('[data-focus-sign-in]')) {
      byId('sign-in-email').focus();
      return;
    }
    const link = target.closest<HTMLAnchorElement>('a[data-page], a[data-locale], a[data-view], a[data-clear-filters]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    showNotice(null);
    pushState(readState(link.search));
    void render().then(() => {
      if (link.dataset.page) byId('results').focus();
    });
  });

  const chooseSkill = () => {
    const skill = byId<HTMLSelectElement>('experts-skill').value;
    pushState({ ...state, skill });
    void loadExperts(skill);
  };
  byId('experts').addEventListener('change', (event) => {
    if ((event.target as HTMLElement).id === 'experts-skill') chooseSkill();
  });
  byId('experts').addEventListener('submit', (event) => {
    event.preventDefault();
    chooseSkill();
  });

  languageSelect.addEventListener('change', async () => {
    if (!isUiLanguage(languageSelect.value)) return;
    rememberLanguage(languageSelect.value);
    pushState({ ...state, lang: languageSelect.value, locale: null, page: 1 });
    applyLanguage(languageSelect.value);
    await render();
  });

  byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const error = byId('sign-in-error');
    const email = byId<HTMLInputElement>('sign-in-email');
    const password = byId<HTMLInputElement>('sign-in-password');
    error.textContent = '';
    try {
      api.session.save(await api.signIn(email.value.trim(), password.value));
      form.reset();
      renderAuth();
      byId('sign-out').focus();
      await render();
    } catch (failure) {
      error.textContent = labels.t(failure instanceof api.ApiError && failure.status === 400 ? 'auth.failed' : 'error.generic');
    }
  });
  byId('sign-out').addEventListener('click', async () => {
    api.session.clear();
    renderAuth();
    byId('sign-in-email').focus();
    await render();
  });

  window.addEventListener('popstate', async () => {
    state = readState(location.search);
    showNotice(null);
    applyLanguage(state.lang ?? preferredLanguage());
    await render();
  });

  await render();
};

void start();
