import { invalid } from './errors';
import type { FilterableRule } from './filter';

/** Index settings: the full object GET /settings answers, every key present. */
export type Settings = Record<string, unknown> & {
  searchableAttributes: string[];
  displayedAttributes: string[];
  filterableAttributes: FilterableRule[];
  sortableAttributes: string[];
  faceting: { maxValuesPerFacet: number; sortFacetValuesBy: Record<string, 'alpha' | 'count'> };
  pagination: { maxTotalHits: number };
};

const clone = <T>(value: T): T => structuredClone(value);

/** The defaults are the contract's own (`default` of each property of `Settings`); null where it gives none. */
export const defaultSettingsOf = (settingsSchema: Record<string, unknown>): Settings => {
  const properties = settingsSchema.properties as Record<string, { default?: unknown }>;
  return Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, schema.default ?? null])) as Settings;
};

/** Settings updated partially: a nested object is merged key by key, like Meilisearch's `Setting<T>` fields. */
const NESTED = new Set(['typoTolerance', 'faceting', 'pagination', 'embedders', 'chat']);

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Applies a partial update: `null` resets a key to its default (removes it when there is none);
 * an object sent for a mergeable key is merged into the current one, recursively.
 */
const merge = (
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
  defaults: Record<string, unknown>,
  mergeable: (key: string) => boolean,
): Record<string, unknown> => {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (key in defaults) merged[key] = clone(defaults[key]);
      else delete merged[key];
    } else if (mergeable(key) && isObject(value) && isObject(merged[key])) {
      merged[key] = merge(merged[key] as Record<string, unknown>, value, isObject(defaults[key]) ? defaults[key] : {}, () => true);
    } else {
      merged[key] = clone(value);
    }
  }
  return merged;
};

export const mergeSettings = (current: Settings, patch: Record<string, unknown>, defaults: Settings) =>
  merge(current, patch, defaults, (key) => NESTED.has(key)) as Settings;

const BUILT_IN_RULES = new Set(['words', 'typo', 'proximity', 'attribute', 'attributeRank', 'sort', 'wordPosition', 'exactness']);

/** What the schema cannot say but the real server checks when it receives the settings. */
export const checkSettings = (patch: Record<string, unknown>) => {
  const rules = patch.rankingRules;
  if (!Array.isArray(rules)) return;
  const wrong = rules.find((rule: string) => !BUILT_IN_RULES.has(rule) && !/^[^:\s]+:(asc|desc)$/.test(rule));
  if (wrong !== undefined) {
    throw invalid(
      'invalid_settings_ranking_rules',
      `Invalid value at \`.rankingRules\`: \`${wrong}\` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, attributeRank, wordPosition, exactness and custom ranking rules.`,
    );
  }
};
