/**
 * The documents that have one word in one field, with how many times each has it, kept as one
 * number per document (internal id × COUNT_LIMIT + count) in a plain array sorted by internal id:
 * 8 bytes a document, where an object per document and field mapping each of its words to its
 * frequency cost about 20 times more.
 */
export type Postings = number[];

const COUNT_LIMIT = 2 ** 21;

export const postingId = (entry: number) => Math.floor(entry / COUNT_LIMIT);
export const postingCount = (entry: number) => entry % COUNT_LIMIT;

/** Where `id` is, or where it would go. */
const position = (postings: Postings, id: number) => {
  let [low, high] = [0, postings.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (postingId(postings[middle]) < id) low = middle + 1;
    else high = middle;
  }
  return low;
};

export const addPosting = (postings: Postings, id: number, count: number) => {
  if (count >= COUNT_LIMIT) throw new Error(`a word appears ${count} times in one field; at most ${COUNT_LIMIT - 1} are counted`);
  const entry = id * COUNT_LIMIT + count;
  // Documents mostly arrive in the order of their internal ids; a document indexed again goes back in its place.
  if (postings.length === 0 || postingId(postings[postings.length - 1]) < id) postings.push(entry);
  else postings.splice(position(postings, id), 0, entry);
};

export const removePosting = (postings: Postings, id: number) => {
  const at = position(postings, id);
  if (at < postings.length && postingId(postings[at]) === id) postings.splice(at, 1);
};
