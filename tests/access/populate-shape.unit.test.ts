import { normalizeShape } from '../../src/api/access/services/scope';

/**
 * Every spelling of `populate` the REST API accepts becomes one object shape, which the visibility
 * rules are then added to: a spelling that escaped it would populate relations unscoped.
 */
test('a comma-separated string and dotted paths become nested objects', () => {
  expect(normalizeShape('issueAreas, skills.parent')).toEqual({ issueAreas: true, skills: { populate: { parent: true } } });
});

test("'*' stays '*', at the top and inside an object", () => {
  expect(normalizeShape('*')).toEqual({ '*': true });
  expect(normalizeShape({ sessions: '*' })).toEqual({ sessions: { populate: '*' } });
});

test('a list merges its items, a deeper path winning over a bare name in either order', () => {
  const expected = { skills: { populate: { parent: true } }, issueAreas: true };
  expect(normalizeShape(['skills', 'skills.parent', 'issueAreas'])).toEqual(expected);
  expect(normalizeShape(['skills.parent', 'skills', 'issueAreas'])).toEqual(expected);
  expect(normalizeShape(['a.b', 'a.c.d'])).toEqual({ a: { populate: { b: true, c: { populate: { d: true } } } } });
});

test('an object keeps its entries, with true/false also as strings (as query strings send them)', () => {
  const filters = { slug: { $eq: 'climate' } };
  expect(normalizeShape({ issueAreas: 'true', skills: true, organisation: false, members: 'false', parent: { filters } })).toEqual({
    issueAreas: true,
    skills: true,
    parent: { filters },
  });
});

test('nothing to populate is an empty object, whatever spelling says so', () => {
  for (const nothing of [undefined, null, false, 'false', '', ' , ', [], {}, 42]) expect(normalizeShape(nothing)).toEqual({});
});
