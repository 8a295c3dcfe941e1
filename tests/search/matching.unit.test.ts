import { createEmbeddedEngine } from '../../src/plugins/multilingual-search/server/src/engines/embedded';
import type { IndexSettings, SearchDocument } from '../../src/plugins/multilingual-search/server/src/engines/types';

/**
 * How a query word matches in the embedded engine: stems exactly, a prefix only from three
 * letters, one typo only from five letters and whatever the other words of the query match, typos
 * compared with the words as written as well as with their stems, letters folded, stop words dropped.
 */

const settingsFor = (locale: string): IndexSettings => ({
  locale,
  fields: {
    type: 'keyword',
    documentId: 'keyword',
    locale: 'keyword',
    language: 'keyword',
    visibility: 'keyword',
    locales: 'keywords',
    title: 'text',
    body: 'text',
  },
  searchable: ['title', 'body'],
  filterable: ['visibility'],
  sortable: [],
  exact: [],
});

const documentsOf = (locale: string, titles: string[]): SearchDocument[] =>
  titles.map((title, at) => ({
    id: `resource-d${at}-${locale}`,
    type: 'resource',
    documentId: `d${at}`,
    locale,
    language: locale,
    visibility: 'public',
    locales: [locale],
    title,
    body: '',
  }));

/** Titles found for `q` in an index of `titles` (best first), at most `limit`. */
const found = async (locale: string, titles: string[], q: string, limit = 50) => {
  const engine = createEmbeddedEngine();
  await engine.ensureIndex(`t_resource_${locale}`, settingsFor(locale));
  await engine.upsert(`t_resource_${locale}`, documentsOf(locale, titles));
  const result = await engine.search({
    q,
    queries: [{ index: `t_resource_${locale}`, locale, weight: 1, facets: [], sortable: [] }],
    limit,
    offset: 0,
    window: 1000,
    facets: [],
    highlight: ['title'],
  });
  return result.hits.map((hit) => String(hit.document.title));
};

describe('prefixes', () => {
  test('a one- or two-letter word is never expanded to the words it starts', async () => {
    const titles = ['Abortion rights in Poland', 'AB and others v Hungary', 'Absence of remedies'];
    expect(await found('en', titles, 'ab')).toEqual(['AB and others v Hungary']);
    expect((await found('en', titles, 'abo')).sort()).toEqual(['Abortion rights in Poland']);
  });

  test('a stop word or a one-letter word does not flood the results (Polish "w sądzie", Greek "της")', async () => {
    const polish = ['Wyrok w sądzie okręgowym', 'Wolność zgromadzeń', 'Wniosek o wznowienie', 'Wysiedlenia romskich rodzin'];
    expect(await found('pl', polish, 'w sądzie')).toEqual(['Wyrok w sądzie okręgowym']);
    const greek = ['Η επαναπροώθηση της οικογένειας', 'Τηλεδιάσκεψη για τα δικαιώματα', 'Της Ευρώπης'];
    expect(await found('el', greek, 'της επαναπροώθησης')).toEqual(['Η επαναπροώθηση της οικογένειας']);
  });
});

describe('typos', () => {
  test('one typo in a word of five letters or more, none below', async () => {
    const titles = ['The court of appeal', 'Courts and tribunals'];
    expect((await found('en', titles, 'courd')).length).toBeGreaterThan(0);
    expect(await found('en', titles, 'cort')).toEqual([]);
  });

  test('a typo in a suffix the stemmer removes still finds the word (matched against the word as written)', async () => {
    // "discriminaton" does not stem like "discrimination", and its stem is more than one typo away from "discrimin".
    expect(await found('en', ['Indirect discrimination in housing', 'Police stops'], 'discriminaton')).toEqual(['Indirect discrimination in housing']);
    expect(await found('fr', ['Les expulsions locatives', 'Le droit au logement'], 'expulsons')).toEqual(['Les expulsions locatives']);
  });

  test('a common word in the query does not switch typos off for the other words', async () => {
    const titles = [...Array.from({ length: 30 }, (_, i) => `Gericht Nummer ${i}`), 'Kirchenasyl vor Gericht'];
    const hits = await found('de', titles, 'Gericht Kirchenasil', 10);
    expect(hits[0]).toBe('Kirchenasyl vor Gericht');
  });
});

describe('folding', () => {
  test.each([
    ['pl', 'Sąd Okręgowy we Wrocławiu', 'wroclawiu'],
    ['de', 'Straßenräumung in Berlin', 'strassenraumung'],
    ['nb', 'Sørensen mot Norge', 'sorensen'],
    ['da', 'Ægteskab og opholdsret', 'aegteskab'],
    ['hr', 'Đurđević protiv Hrvatske', 'durdevic'],
  ])('%s: "%s" is found by "%s"', async (locale, title, q) => {
    expect(await found(locale, [title, 'Something else entirely'], q)).toEqual([title]);
  });
});
