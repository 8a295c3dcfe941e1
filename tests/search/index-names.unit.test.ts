import { indexName, parseIndexName } from '../../src/plugins/multilingual-search/server/src/utils/index-names';

/** Index names are made in one place and read back by the same rule. */
describe('index names', () => {
  test('a live index and the one a reindex builds to replace it', () => {
    expect(indexName('prod', { type: 'reading-group', locale: 'de', rebuild: false })).toBe('prod_reading-group_de');
    expect(indexName('prod', { type: 'reading-group', locale: 'de', rebuild: true })).toBe('prod_reading-group_de__rebuild');
  });

  test.each([
    ['prod', { type: 'resource', locale: 'pt-BR', rebuild: false }],
    ['prod', { type: 'agreement-version', locale: 'en', rebuild: true }],
    // A prefix may hold `_` itself.
    ['staging_eu', { type: 'member', locale: 'nb', rebuild: true }],
  ])('a name is read back into its parts (%s, %o)', (prefix, parts) => {
    expect(parseIndexName(prefix, indexName(prefix, parts))).toEqual(parts);
  });

  test.each(['other_resource_de', 'prod_resource', 'prod_resource_de_extra', 'prod__de', 'prodresource_de'])(
    '%s is no index of the app prefixed prod',
    (name) => {
      expect(parseIndexName('prod', name)).toBeNull();
    },
  );
});
