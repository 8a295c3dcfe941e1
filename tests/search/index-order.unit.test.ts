import { byTypeThenLocale } from '../../src/plugins/multilingual-search/server/src/utils/index-order';

/** The search status page lists indexes and reindex progress by content type, then locale. */
test('indexes sort by type, then locale, whatever order they come in', () => {
  const indexes = [
    { type: 'workshop', locale: 'de' },
    { type: 'resource', locale: 'fr' },
    { type: 'resource', locale: 'de' },
    { type: 'member', locale: 'pt-BR' },
    { type: 'member', locale: 'en' },
    { type: 'resource', locale: 'en' },
  ];
  expect([...indexes].sort(byTypeThenLocale).map(({ type, locale }) => `${type}/${locale}`)).toEqual([
    'member/en',
    'member/pt-BR',
    'resource/de',
    'resource/en',
    'resource/fr',
    'workshop/de',
  ]);
});

test('the order does not depend on the collation of the runtime (code units: capitals first)', () => {
  expect(
    [
      { type: 'b', locale: 'x' },
      { type: 'B', locale: 'x' },
      { type: 'a', locale: 'x' },
    ]
      .sort(byTypeThenLocale)
      .map(({ type }) => type),
  ).toEqual(['B', 'a', 'b']);
});
