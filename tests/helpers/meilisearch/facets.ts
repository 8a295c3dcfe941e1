import { type Doc, matchesAny, valuesAt } from './attributes';
import { invalid } from './errors';
import { filterRefusal } from './filter';
import type { Index } from './store';

/** Facet distributions and stats, as search answers them. */

export type ComputedFacets = { distribution: Record<string, Record<string, number>>; stats: Record<string, { min: number; max: number }> };

/** The facets asked for: patterns expand to the filterable attributes of the documents; a named facet must be filterable. */
export const facetNamesOf = (index: Index, facets: readonly string[], code: string) =>
  facets.flatMap((facet) => {
    if (facet.includes('*')) {
      const attributes = new Set([...index.documents.values()].flatMap((doc) => Object.keys(doc)));
      return [...attributes].filter(
        (attribute) => matchesAny([facet], attribute) && !filterRefusal({ kind: 'exists', attribute }, index.settings.filterableAttributes),
      );
    }
    const refusal = filterRefusal({ kind: 'exists', attribute: facet }, index.settings.filterableAttributes);
    if (refusal) throw invalid(code, `Index \`${index.uid}\`: Invalid facet \`${facet}\`: ${refusal}`);
    return [facet];
  });

const facetLabel = (value: unknown) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);

/** Values sorted as `faceting.sortFacetValuesBy` says, and cut at `maxValuesPerFacet`. */
const orderFacetValues = (counts: Map<string, number>, order: 'alpha' | 'count', max: number) =>
  Object.fromEntries([...counts].sort(([a, countA], [b, countB]) => (order === 'count' ? countB - countA : 0) || a.localeCompare(b)).slice(0, max));

/** Counts each value once per document; values differing only by case count together under the first one seen. */
export const computeFacets = (index: Index, names: readonly string[], docs: readonly Doc[]): ComputedFacets => {
  const { maxValuesPerFacet, sortFacetValuesBy } = index.settings.faceting;
  const distribution: ComputedFacets['distribution'] = {};
  const stats: ComputedFacets['stats'] = {};
  for (const name of names) {
    const labels = new Map<string, string>();
    const counts = new Map<string, number>();
    const numbers: number[] = [];
    for (const doc of docs) {
      const values = valuesAt(doc, name);
      numbers.push(...values.filter((value): value is number => typeof value === 'number'));
      const keysOfDoc = new Set<string>();
      for (const label of values.map(facetLabel)) {
        if (label === undefined) continue;
        const key = label.toLowerCase();
        if (!labels.has(key)) labels.set(key, label);
        keysOfDoc.add(key);
      }
      for (const key of keysOfDoc) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    distribution[name] = orderFacetValues(
      new Map([...counts].map(([key, count]) => [labels.get(key)!, count])),
      sortFacetValuesBy[name] ?? sortFacetValuesBy['*'] ?? 'alpha',
      maxValuesPerFacet,
    );
    if (numbers.length > 0) stats[name] = { min: Math.min(...numbers), max: Math.max(...numbers) };
  }
  return { distribution, stats };
};

/** Sums the distributions of several indexes, and widens their stats. */
export const mergeFacets = (computed: ComputedFacets[], maxValuesPerFacet: number): ComputedFacets => {
  const counts = new Map<string, Map<string, number>>();
  const stats: ComputedFacets['stats'] = {};
  for (const facets of computed) {
    for (const [name, values] of Object.entries(facets.distribution)) {
      const merged = counts.get(name) ?? new Map<string, number>();
      for (const [value, count] of Object.entries(values)) merged.set(value, (merged.get(value) ?? 0) + count);
      counts.set(name, merged);
    }
    for (const [name, { min, max }] of Object.entries(facets.stats)) {
      stats[name] = { min: Math.min(min, stats[name]?.min ?? min), max: Math.max(max, stats[name]?.max ?? max) };
    }
  }
  const distribution = Object.fromEntries([...counts].map(([name, values]) => [name, orderFacetValues(values, 'alpha', maxValuesPerFacet)]));
  return { distribution, stats };
};
