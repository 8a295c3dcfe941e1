/**
 * Ids missing from the outbox log below a reader's position, as inclusive ranges: each is an insert
 * rolled back, or one whose transaction has not committed yet. `since` is when the reader first
 * missed it, so that it stops waiting for it after a while.
 */
export type IdRange = { from: number; to: number; since: number };

/** The ids in (after, upTo] that are not in `ids` (sorted ascending). */
export const missingIds = (after: number, upTo: number, ids: number[], since: number): IdRange[] => {
  const missing: IdRange[] = [];
  let expected = after + 1;
  for (const id of [...ids.filter((id) => id > after && id <= upTo), upTo + 1]) {
    if (id > expected) missing.push({ from: expected, to: id - 1, since });
    expected = Math.max(expected, id + 1);
  }
  return missing;
};

/** `ranges` without `ids` (the rows found in them at last). */
export const withoutIds = (ranges: IdRange[], ids: number[]): IdRange[] => {
  if (ids.length === 0) return ranges;
  const found = [...new Set(ids)].sort((a, b) => a - b);
  return ranges.flatMap((range) => missingIds(range.from - 1, range.to, found, range.since));
};

/** `ranges` without the ids up to `id` and those missed before `since` (no longer waited for). */
export const keepWaiting = (ranges: IdRange[], { above, since }: { above: number; since: number }): IdRange[] =>
  ranges.filter((range) => range.to > above && range.since >= since).map((range) => ({ ...range, from: Math.max(range.from, above + 1) }));
