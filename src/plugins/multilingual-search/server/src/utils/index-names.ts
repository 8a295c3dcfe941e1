/** What marks the index a reindex builds next to a live one, until the two are swapped. */
const REBUILD_SUFFIX = '__rebuild';

export type IndexNameParts = { type: string; locale: string; rebuild: boolean };

/**
 * The one place index names are made: `<prefix>_<type>_<locale>` for a live index, and the same
 * with `__rebuild` for the index a reindex builds to replace it. Type names and locale codes have no
 * `_`, so a name splits back into its parts (see parseIndexName).
 */
export const indexName = (prefix: string, { type, locale, rebuild }: IndexNameParts) => `${prefix}_${type}_${locale}${rebuild ? REBUILD_SUFFIX : ''}`;

/** The parts of a name made by indexName with `prefix`; null for any other name. */
export const parseIndexName = (prefix: string, name: string): IndexNameParts | null => {
  if (!name.startsWith(`${prefix}_`)) return null;
  const rebuild = name.endsWith(REBUILD_SUFFIX);
  const [type, locale, ...rest] = name.slice(prefix.length + 1, rebuild ? -REBUILD_SUFFIX.length : undefined).split('_');
  return type && locale && rest.length === 0 ? { type, locale, rebuild } : null;
};
