/** Attribute names, patterns and values of documents, as Meilisearch reads them. */

export type Doc = Record<string, unknown>;

/**
 * Whether `attribute` is covered by `pattern`: `*`, `prefix*`, `*suffix`, `*infix*`, an exact
 * name, or a parent object (`author` covers `author.name`).
 */
export const matchesPattern = (pattern: string, attribute: string) => {
  if (pattern === '*') return true;
  const starts = pattern.startsWith('*');
  const ends = pattern.endsWith('*');
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return attribute.includes(core);
  if (starts) return attribute.endsWith(core);
  if (ends) return attribute.startsWith(core);
  return attribute === pattern || attribute.startsWith(`${pattern}.`);
};

export const matchesAny = (patterns: readonly string[], attribute: string) => patterns.some((pattern) => matchesPattern(pattern, attribute));

/** The values stored at a dotted path, either nested (`{ a: { b } }`) or flat (`{ 'a.b': … }`), through arrays of objects. */
export const rawValuesAt = (value: unknown, path: string): unknown[] => {
  if (Array.isArray(value)) return value.flatMap((item) => rawValuesAt(item, path));
  if (value === null || typeof value !== 'object') return [];
  const segments = path.split('.');
  return segments.flatMap((_, i) => {
    const key = segments.slice(0, i + 1).join('.');
    if (!Object.hasOwn(value, key)) return [];
    const inner = (value as Doc)[key];
    return i === segments.length - 1 ? [inner] : rawValuesAt(inner, segments.slice(i + 1).join('.'));
  });
};

/** The scalar values at a path, arrays flattened. */
export const valuesAt = (doc: Doc, path: string): unknown[] => rawValuesAt(doc, path).flat(Infinity);

/** The document restricted to the top-level attributes both lists admit (`*` admits all). */
export const pickAttributes = (doc: Doc, ...lists: Array<readonly string[]>) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => lists.every((list) => matchesAny(list, key))));
