import type { Expert, FacetNames, Matrix, MatrixCell, SearchHit, SearchResponse } from './api';
import { h, present, snippetNodes } from './dom';
import { languageName, UI_LANGUAGES, type Translate, type UiLanguage } from './i18n';
import { cellStatus, legendText, MATRIX_STATUSES, STATUS_SYMBOL, statusWord } from './matrix-status';
import { FACETS, urlOf, type PageState } from './url-state';

/** What the page's own texts depend on: the interface language. */
export type Labels = { t: Translate; language: UiLanguage };

/** A facet value's name as the API gives it (in the searched language: `meta.locale`), else the value itself. */
const nameOf = (names: FacetNames, facet: string, value: string) => names[facet]?.[value] ?? value;

const resultItem = (hit: SearchHit, meta: SearchResponse['meta'], labels: Labels) =>
  h(
    'li',
    { class: 'result' },
    h('h3', { lang: hit.locale }, hit.title),
    hit.snippet ? h('p', { lang: hit.locale }, ...snippetNodes(hit.snippet)) : null,
    h(
      'p',
      { class: 'badges' },
      h('span', { class: 'badge type', lang: meta.locale }, nameOf(meta.facetLabels, 'type', hit.type)),
      h('span', { class: 'badge language', title: hit.otherLanguage ? labels.t('search.otherLanguageHit') : null }, languageName(hit.locale, labels.language)),
    ),
  );

export const renderResults = (response: SearchResponse, labels: Labels) =>
  h('ol', { class: 'results' }, ...response.data.map((hit) => resultItem(hit, response.meta, labels)));

/** Nothing found: offer the same search in the other interface languages. */
export const renderEmpty = (state: PageState, searchLocale: string, labels: Labels) =>
  h(
    'div',
    { class: 'empty' },
    h('p', {}, labels.t('search.none', { q: state.q })),
    h('p', {}, labels.t('search.otherLanguages')),
    h(
      'ul',
      { class: 'other-languages' },
      ...UI_LANGUAGES.filter((code) => code !== searchLocale).map((code) =>
        h('li', {}, h('a', { href: urlOf({ ...state, locale: code, page: 1 }), 'data-locale': code, lang: code, hreflang: code }, languageName(code))),
      ),
    ),
  );

/**
 * One group of checkboxes per facet, most frequent values first, each value by its name. Chosen
 * values stay listed even when the current results no longer count them, so they can be unticked.
 */
export const renderFacets = ({ facets: counts, facetLabels: names, locale }: SearchResponse['meta'], state: PageState, labels: Labels) => {
  const groups = FACETS.map((facet) => {
    const chosen = state.filters[facet] ?? [];
    const values = { ...Object.fromEntries(chosen.map((value) => [value, 0])), ...(counts[facet] ?? {}) };
    const name = (value: string) => nameOf(names, facet, value);
    const entries = Object.entries(values).sort(([a, x], [b, y]) => y - x || name(a).localeCompare(name(b), labels.language));
    if (entries.length === 0) return null;
    const legend = labels.t(`facet.${facet}`);
    return h(
      'fieldset',
      {},
      h('legend', {}, legend),
      h(
        'ul',
        {},
        ...entries.map(([value, count]) =>
          h(
            'li',
            {},
            h(
              'label',
              {},
              h('input', { type: 'checkbox', 'data-facet': facet, value, checked: chosen.includes(value) }),
              h('span', { lang: locale }, name(value)),
              h('span', { class: 'facet-count' }, String(count)),
            ),
          ),
        ),
      ),
    );
  });
  const anyChosen = Object.values(state.filters).some((values) => values && values.length > 0);
  return present<HTMLElement>([
    ...groups,
    anyChosen && h('p', {}, h('a', { href: urlOf({ ...state, filters: {}, page: 1 }), 'data-clear-filters': true }, labels.t('facets.clear'))),
  ]);
};

/** Previous, a window of page numbers around the current one, next: all links, so each page can be bookmarked. */
export const renderPagination = (page: number, pageCount: number, state: PageState, labels: Labels) => {
  if (pageCount <= 1) return [];
  const link = (target: number, text: string, extra: Record<string, string> = {}) =>
    h('a', { href: urlOf({ ...state, page: target }), 'data-page': target, ...extra }, text);
  const first = Math.max(1, Math.min(page - 2, pageCount - 4));
  const numbers = Array.from({ length: Math.min(5, pageCount) }, (_, index) => first + index);
  return present<HTMLElement>([
    page > 1 ? link(page - 1, '‹', { 'aria-label': labels.t('pagination.previous'), rel: 'prev' }) : null,
    ...numbers.map((number) => link(number, String(number), number === page ? { 'aria-current': 'page' } : {})),
    page < pageCount ? link(page + 1, '›', { 'aria-label': labels.t('pagination.next'), rel: 'next' }) : null,
    h('span', { class: 'status' }, labels.t('pagination.status', { page, pages: pageCount })),
  ]);
};

export const renderExperts = (experts: Expert[], labels: Labels) => {
  if (experts.length === 0) return h('p', {}, labels.t('experts.none'));
  return h(
    'ul',
    { class: 'experts-list' },
    ...experts.map((expert) =>
      h(
        'li',
        {},
        h('strong', {}, expert.displayName),
        expert.organisation ? ` · ${expert.organisation.name}` : '',
        h(
          'p',
          { class: 'badges' },
          h('span', { class: 'badge' }, `${expert.level} · ${labels.t(`level.${expert.level}` as Parameters<Translate>[0])}`),
          expert.canMentor ? h('span', { class: 'badge' }, labels.t('experts.canMentor')) : null,
          expert.languages.length
            ? h(
                'span',
                { class: 'badge' },
                labels.t('experts.languages', { languages: expert.languages.map((code) => languageName(code, labels.language)).join(', ') }),
              )
            : null,
        ),
      ),
    ),
  );
};

const matrixCell = (cell: MatrixCell, labels: Labels) => {
  const status = cellStatus(cell);
  const word = labels.t(statusWord(status));
  return h(
    'td',
    { class: `status-${status}`, 'data-status': status },
    `${STATUS_SYMBOL[status]} ${word}`,
    cell.advanced !== null && !cell.withheld ? h('span', { class: 'visually-hidden' }, ` (${labels.t('matrix.advanced', { count: cell.advanced })})`) : null,
    cell.advanced !== null && !cell.withheld ? h('span', { 'aria-hidden': 'true' }, ` ${cell.advanced}`) : null,
  );
};

export const renderLegend = (threshold: number | null, labels: Labels) =>
  h(
    'div',
    {},
    h('h3', {}, labels.t('matrix.legend')),
    h(
      'ul',
      { class: 'legend' },
      ...MATRIX_STATUSES.map((status) =>
        h('li', { class: `status-${status}` }, `${STATUS_SYMBOL[status]} ${labels.t(statusWord(status))}: ${labels.t(legendText(status))}`),
      ),
      threshold !== null
        ? h(
            'li',
            { class: 'status-withheld' },
            `${STATUS_SYMBOL.withheld} ${labels.t(statusWord('withheld'))}: ${labels.t(legendText('withheld'), { count: threshold })}`,
          )
        : null,
    ),
  );

export const renderMatrix = (matrix: Matrix, labels: Labels) =>
  h(
    'div',
    { class: 'matrix-scroll', tabindex: 0, role: 'region', 'aria-label': labels.t('matrix.caption') },
    h(
      'table',
      { class: 'matrix' },
      h('caption', { class: 'visually-hidden' }, labels.t('matrix.caption')),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, labels.t('matrix.skill')), ...matrix.columns.map((column) => h('th', { scope: 'col' }, column.label))),
      ),
      h(
        'tbody',
        {},
        ...matrix.rows.map((row) =>
          h('tr', {}, h('th', { scope: 'row' }, row.skill.name), ...matrix.columns.map((column) => matrixCell(row.cells[column.key], labels))),
        ),
      ),
    ),
  );
