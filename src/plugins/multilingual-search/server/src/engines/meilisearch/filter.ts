import type { Filter } from '../types';

/** A value as a Meilisearch filter literal: always quoted, its quotes escaped. */
const literal = (value: string | number | boolean) => (typeof value === 'number' ? String(value) : `"${String(value).replace(/"/g, '\\"')}"`);

/**
 * Meilisearch's filter parser lets a backslash escape whatever follows it but only unescapes `\"`,
 * so a value with a backslash cannot be written exactly. No indexed keyword (slugs, codes,
 * enumerations) contains one: such a value is left out, and matches nothing, as it should.
 */
const expressible = (value: string | number | boolean) => typeof value !== 'string' || !value.includes('\\');

/**
 * The engine-neutral filter as a Meilisearch filter expression. Field names come from the
 * configuration (checked at start-up); values are data and are always quoted and escaped, so a
 * value such as `x" OR visibility = "members` stays one value.
 */
export const toFilterExpression = (filter: Filter): string => {
  if ('and' in filter) return filter.and.map((part) => `(${toFilterExpression(part)})`).join(' AND ');
  if ('or' in filter) return filter.or.map((part) => `(${toFilterExpression(part)})`).join(' OR ');
  if ('not' in filter) return `NOT (${toFilterExpression(filter.not)})`;
  if (filter.op === 'in') return `${filter.field} IN [${filter.values.filter(expressible).map(literal).join(', ')}]`;
  if (filter.op === 'gte') return `${filter.field} >= ${literal(filter.value)}`;
  if (filter.op === 'lte') return `${filter.field} <= ${literal(filter.value)}`;
  return expressible(filter.value) ? `${filter.field} = ${literal(filter.value)}` : `${filter.field} IN []`;
};
