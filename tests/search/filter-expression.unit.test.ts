import { toFilterExpression } from '../../src/plugins/multilingual-search/server/src/engines/meilisearch/filter';

/** The engine-neutral filter as Meilisearch reads it: values are always quoted data, never syntax. */
test('conditions become Meilisearch comparisons, strings quoted and numbers bare', () => {
  expect(toFilterExpression({ field: 'resourceKind', op: 'eq', value: 'judgment' })).toBe('resourceKind = "judgment"');
  expect(toFilterExpression({ field: 'issueArea', op: 'in', values: ['climate', 'roma-rights'] })).toBe('issueArea IN ["climate", "roma-rights"]');
  expect(toFilterExpression({ field: 'date', op: 'gte', value: 1_700_000_000_000 })).toBe('date >= 1700000000000');
  expect(toFilterExpression({ field: 'date', op: 'lte', value: 0 })).toBe('date <= 0');
  expect(toFilterExpression({ field: 'flag', op: 'eq', value: true })).toBe('flag = "true"');
});

test('and, or and not group every part in parentheses, so precedence never depends on the parts', () => {
  const filter = {
    and: [
      {
        or: [
          { field: 'visibility', op: 'eq' as const, value: 'public' },
          { field: 'skill', op: 'in' as const, values: ['echr'] },
        ],
      },
      { not: { field: 'locales', op: 'eq' as const, value: 'de' } },
    ],
  };
  expect(toFilterExpression(filter)).toBe('((visibility = "public") OR (skill IN ["echr"])) AND (NOT (locales = "de"))');
});

test('a quote in a value is escaped: an injected condition stays part of one value', () => {
  const expression = toFilterExpression({
    and: [
      { field: 'visibility', op: 'eq', value: 'public' },
      { field: 'court', op: 'eq', value: 'x" OR visibility = "members' },
    ],
  });
  expect(expression).toBe('(visibility = "public") AND (court = "x\\" OR visibility = \\"members")');
  expect(toFilterExpression({ field: 'skill', op: 'in', values: ['a"]', 'b'] })).toBe('skill IN ["a\\"]", "b"]');
});

test('a value with a backslash, which Meilisearch cannot express exactly, matches nothing', () => {
  expect(toFilterExpression({ field: 'slug', op: 'eq', value: 'a\\" OR 1' })).toBe('slug IN []');
  expect(toFilterExpression({ field: 'slug', op: 'in', values: ['ok', 'back\\slash'] })).toBe('slug IN ["ok"]');
});
