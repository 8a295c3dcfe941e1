import { keepWaiting, missingIds, withoutIds } from '../../src/plugins/multilingual-search/server/src/utils/id-ranges';

/** The bookkeeping of ids missing from the outbox log below a reader's position (see outbox-log). */
test('missing ids: the gaps between the ids read, up to the position', () => {
  expect(missingIds(10, 20, [11, 12, 15, 20], 7)).toEqual([
    { from: 13, to: 14, since: 7 },
    { from: 16, to: 19, since: 7 },
  ]);
  expect(missingIds(10, 13, [], 7)).toEqual([{ from: 11, to: 13, since: 7 }]);
  expect(missingIds(10, 10, [], 7)).toEqual([]);
  // Ids outside (after, upTo] are ignored.
  expect(missingIds(10, 12, [9, 10, 11, 12, 13], 7)).toEqual([]);
});

test('ids found at last leave their ranges, which split around them', () => {
  const ranges = [
    { from: 3, to: 8, since: 1 },
    { from: 12, to: 12, since: 2 },
  ];
  expect(withoutIds(ranges, [5, 12])).toEqual([
    { from: 3, to: 4, since: 1 },
    { from: 6, to: 8, since: 1 },
  ]);
  expect(withoutIds(ranges, [])).toBe(ranges);
});

test('ranges are waited for until they are too old, and never below the pruning watermark', () => {
  const ranges = [
    { from: 3, to: 8, since: 100 },
    { from: 12, to: 14, since: 50 },
    { from: 20, to: 21, since: 200 },
  ];
  expect(keepWaiting(ranges, { above: 5, since: 100 })).toEqual([
    { from: 6, to: 8, since: 100 },
    { from: 20, to: 21, since: 200 },
  ]);
  expect(keepWaiting(ranges, { above: 21, since: 0 })).toEqual([]);
});
