/** What the query code reads of a content type or component. */
export type Attribute = { type: string; target?: string; component?: string; relation?: string; private?: boolean };
export type Model = { uid: string; attributes: Record<string, Attribute>; options?: { draftAndPublish?: boolean } };

/** The model a relation, component or media attribute leads to; none for the others (and for morph relations, which lead to several). */
export const targetOf = (attribute: Attribute | undefined): string | undefined => {
  if (attribute?.type === 'relation') return attribute.target;
  if (attribute?.type === 'component') return attribute.component;
  if (attribute?.type === 'media') return 'plugin::upload.file';
  return undefined;
};

/** A plain object: a filter, a populate entry, a sort object (not an array, not null). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const LOGICAL = new Set(['$and', '$or', '$not']);

/**
 * Whether a filter on a relation filters the related entries by their fields (`{ slug: … }`,
 * `{ $or: […] }`) rather than by their id (`5`, `{ $in: [5, 6] }`, `{ $null: true }`).
 */
export const isFilterOnFields = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && Object.keys(value).every((key) => !key.startsWith('$') || LOGICAL.has(key));
