import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { LRUCache } from 'lru-cache';
import { getConfig, getService } from '../utils/get-service';
import { countsOf } from './coverage';
import type { Column } from './labels';
import type { ClaimFilters, Dimension } from './sql';

export type Status = 'good' | 'risk' | 'gap';

export type Cell = {
  /** null where withheld: with fewer holders than the threshold, a status would give the count away. */
  status: Status | null;
  /** Holders per level 0–4, their total, and those at level 3 or more; null where counts are withheld. */
  levels: number[] | null;
  holders: number | null;
  advanced: number | null;
  /** True when the public is not told the counts: fewer holders than the threshold. */
  withheld: boolean;
};

export type MatrixQuery = ClaimFilters & { dimension: Dimension; locale: string; category?: string; parent?: string };

/** Good = 2+ holders at level 3+, Risk = 1, Gap = 0. */
export const statusOf = (advanced: number): Status => (advanced >= 2 ? 'good' : advanced === 1 ? 'risk' : 'gap');

/**
 * The coverage matrix: for every skill and every value of a dimension, how many members hold the
 * skill at each level. Counted by the database (never by loading members).
 * The public gets aggregates only: a cell with some holders but fewer than the threshold shows
 * neither counts nor status ("Good" under 3 holders would mean exactly 2), so no one can be singled out.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');

  /**
   * Holders per skill, column and level, and the values of the dimension that claim holders have.
   * Without a filter on members (country, organisation, issue area) the counts are the precounted
   * coverage; with one, a GROUP BY over the matching claims. A minimum level hides the levels below it.
   */
  const counts = async (query: MatrixQuery, defaultLocale: string) => {
    const coverage = await getService(strapi, 'coverage').counts(query.dimension, defaultLocale);
    const values = new Set([...coverage.values()].flatMap((bySkill) => [...bySkill.keys()]));
    if (query.country || query.organisation || query.issueArea) return { counted: countsOf(await sql().holders(defaultLocale, query.dimension, query)), values };
    const minLevel = query.minLevel ?? 0;
    if (minLevel > 0) for (const bySkill of coverage.values()) for (const levels of bySkill.values()) levels.fill(0, 0, minLevel);
    return { counted: coverage, values };
  };

  const cellOf = (levels: number[], exact: boolean): Cell => {
    const holders = levels.reduce((a, b) => a + b, 0);
    const advanced = levels[3] + levels[4];
    const withheld = !exact && holders > 0 && holders < getConfig(strapi).publicMinimumCount;
    return withheld ? { status: null, levels: null, holders: null, advanced: null, withheld } : { status: statusOf(advanced), levels, holders, advanced, withheld };
  };

  const compute = async (query: MatrixQuery, exact: boolean, defaultLocale: string) => {
    const labels = getService(strapi, 'labels');
    const skills = await labels.skills(query.locale, { category: query.category, parent: query.parent });
    const { counted, values } = await counts(query, defaultLocale);
    const columns = await labels.columns(query.dimension, query.locale, values);
    const rows = skills.map((skill) => ({
      skill,
      cells: Object.fromEntries(columns.map((column) => [column.key, cellOf(counted.get(skill.documentId)?.get(column.key) ?? [0, 0, 0, 0, 0], exact)])),
    }));
    return { dimension: query.dimension, locale: query.locale, columns, rows };
  };

  /** Matrices built in this process, by change counter and query: read-only once built. */
  const built = new LRUCache<string, Awaited<ReturnType<typeof compute>>>({ max: 64 });

  /**
   * The matrix for `query`. Everything it shows changes only with the change counter (claims,
   * profiles, organisations, issue areas, skills), so a matrix built at the current counter is reused.
   */
  const build = async (query: MatrixQuery, exact: boolean) => {
    const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
    const key = JSON.stringify([await getService(strapi, 'coverage').changes(), defaultLocale, exact, Object.entries(query).sort()]);
    const cached = built.get(key);
    if (cached) return cached;
    const matrix = await compute(query, exact, defaultLocale);
    built.set(key, matrix);
    return matrix;
  };

  /** A spreadsheet cell can start a formula: such text is prefixed with an apostrophe. */
  const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

  return {
    build,

    /** One line per skill and column (long format), with the same privacy as the matrix. */
    async csv(query: MatrixQuery, exact: boolean) {
      const matrix = await build(query, exact);
      const threshold = getConfig(strapi).publicMinimumCount;
      const lines = matrix.rows.flatMap(({ skill, cells }) =>
        matrix.columns.map((column: Column) => {
          const cell = cells[column.key];
          return [
            safe(skill.name),
            skill.slug,
            skill.category,
            safe(column.label),
            column.key,
            cell.withheld ? `fewer than ${threshold}` : String(cell.holders),
            ...(cell.levels ?? ['', '', '', '', '']).map(String),
            cell.advanced === null ? '' : String(cell.advanced),
            cell.status ?? 'withheld',
          ];
        })
      );
      return stringify(lines, {
        header: true,
        columns: ['skill', 'skill_slug', 'category', query.dimension, `${query.dimension}_key`, 'holders', 'level_0', 'level_1', 'level_2', 'level_3', 'level_4', 'advanced', 'status'],
      });
    },
  };
};
