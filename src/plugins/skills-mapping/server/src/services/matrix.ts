import type { Core } from '@strapi/strapi';
import { stringify } from 'csv-stringify/sync';
import { LRUCache } from 'lru-cache';
import { getConfig, getService } from '../utils/get-service';
import { countsOf, type Tally } from './coverage';
import { publishable, type GroupsCache, type TableColumn } from '../utils/disclosure';
import type { Column } from './labels';
import type { ClaimFilters, Dimension } from './sql';

export type Status = 'good' | 'risk' | 'gap';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export type Cell = {
  /** null where withheld: the status of a withheld count would give it away. */
  status: Status | null;
  /**
   * Holders per level 0–4 (members only), their total, and the advanced ones (at `advancedLevel`
   * or more, see the plugin's configuration); null where
   * withheld from the public (see `utils/disclosure.ts`).
   */
  levels: number[] | null;
  holders: number | null;
  advanced: number | null;
  /** True when the public is not told this cell's coverage (its count of advanced holders). */
  withheld: boolean;
};

export type MatrixQuery = ClaimFilters & { dimension: Dimension; locale: string; category?: string; parent?: string };

/** Good = 2+ advanced holders, Risk = 1, Gap = 0. */
export const statusOf = (advanced: number): Status => (advanced >= 2 ? 'good' : advanced === 1 ? 'risk' : 'gap');

/** Dimensions and filters that only members may use: the public's tables are fixed (see `publicCells`). */
export const MEMBERS_ONLY = { dimensions: ['organisation'] as Dimension[], filters: ['minLevel', 'country', 'organisation', 'issueArea'] as const };

/**
 * The coverage matrix: for every skill and every value of a dimension, how many members hold the
 * skill at each level. Counted by the database (never by loading members).
 * Members and trusted integrations get exact counts. The public gets fixed tables (no filter on
 * members, no organisation columns, no levels) whose published counts no sum or difference can
 * turn into a count of fewer people than the threshold (`utils/disclosure.ts`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');
  /** Holders at the advanced level or above, and the others, from holders per level. */
  const advancedOf = (levels: number[]) => sum(levels.slice(getConfig(strapi).advancedLevel));
  const othersOf = (levels: number[]) => sum(levels.slice(0, getConfig(strapi).advancedLevel));

  /**
   * Holders per skill, column and level, and the values of the dimension that claim holders have.
   * Without a filter on members (country, organisation, issue area) the counts are the precounted
   * coverage; with one, a GROUP BY over the matching claims. A minimum level hides the levels below it.
   */
  const counts = async (query: MatrixQuery, defaultLocale: string) => {
    const coverage = await getService(strapi, 'coverage').counts(query.dimension);
    const values = new Set([...coverage.values()].flatMap((bySkill) => [...bySkill.keys()]));
    if (query.country || query.organisation || query.issueArea)
      return { counted: countsOf(await sql().holders(defaultLocale, query.dimension, query)), values };
    const minLevel = query.minLevel ?? 0;
    if (minLevel > 0) for (const bySkill of coverage.values()) for (const { levels } of bySkill.values()) levels.fill(0, 0, minLevel);
    return { counted: coverage, values };
  };

  const exactCell = (levels: number[]): Cell => {
    const advanced = advancedOf(levels);
    return { status: statusOf(advanced), levels, holders: sum(levels), advanced, withheld: false };
  };

  /**
   * A row's cells as the public sees them. Advanced holders and the others are two
   * separate counts, each published where disclosure control allows; the total only where both are.
   * Each country or language stands alone (who declared it is not public); an issue area counts the
   * members of the organisations working on it, which is public, so areas are checked together.
   */
  const publicCells = (columns: Column[], counted: Map<string, Tally>, atoms: Map<string, string[]> | null, caches: GroupsCache[]) => {
    const table: TableColumn[] = columns.map((column) => ({ key: column.key, atoms: atoms ? (atoms.get(column.key) ?? []) : [column.key] }));
    const levelsOf = (key: string) => counted.get(key)?.levels ?? [0, 0, 0, 0, 0];
    const threshold = getConfig(strapi).publicMinimumCount;
    const [advanced, others] = [advancedOf, othersOf].map((count, i) =>
      publishable(table, new Map(columns.map((column) => [column.key, count(levelsOf(column.key))])), threshold, caches[i]),
    );
    return Object.fromEntries(
      columns.map(({ key }): [string, Cell] => {
        const [a, o] = [advanced.get(key)!, others.get(key)!];
        return [
          key,
          { status: a === null ? null : statusOf(a), levels: null, holders: a === null || o === null ? null : a + o, advanced: a, withheld: a === null },
        ];
      }),
    );
  };

  const compute = async (query: MatrixQuery, exact: boolean, defaultLocale: string) => {
    const labels = getService(strapi, 'labels');
    const skills = await labels.skills(query.locale, { category: query.category, parent: query.parent });
    const { counted, values } = await counts(query, defaultLocale);
    const columns = await labels.columns(query.dimension, query.locale, values);
    const atoms = !exact && query.dimension === 'issueArea' ? await sql().issueAreaOrganisations() : null;
    const caches: GroupsCache[] = [new Map(), new Map()];
    const rows = skills.map((skill) => {
      const bySkill = counted.get(skill.documentId) ?? new Map<string, Tally>();
      return {
        skill,
        cells: exact
          ? Object.fromEntries(columns.map((column) => [column.key, exactCell(bySkill.get(column.key)?.levels ?? [0, 0, 0, 0, 0])]))
          : publicCells(columns, bySkill, atoms, caches),
      };
    });
    return { dimension: query.dimension, locale: query.locale, columns, rows };
  };

  /** Matrices built in this process, by change counter and query: read-only once built. */
  const built = new LRUCache<string, Awaited<ReturnType<typeof compute>>>({ max: 64 });

  /**
   * The matrix for `query`. Everything it shows changes only with the change counter (claims,
   * profiles, organisations, issue areas, skills), so a matrix built at the current counter is reused.
   */
  const build = async (query: MatrixQuery, exact: boolean) => {
    const defaultLocale = getConfig(strapi).locales.default;
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
      const lines = matrix.rows.flatMap(({ skill, cells }) =>
        matrix.columns.map((column: Column) => {
          const cell = cells[column.key];
          return [
            safe(skill.name),
            skill.slug,
            skill.category,
            safe(column.label),
            column.key,
            cell.holders === null ? 'withheld' : String(cell.holders),
            ...(cell.levels ?? ['', '', '', '', '']).map(String),
            cell.advanced === null ? '' : String(cell.advanced),
            cell.status ?? 'withheld',
          ];
        }),
      );
      return stringify(lines, {
        header: true,
        columns: [
          'skill',
          'skill_slug',
          'category',
          query.dimension,
          `${query.dimension}_key`,
          'holders',
          'level_0',
          'level_1',
          'level_2',
          'level_3',
          'level_4',
          'advanced',
          'status',
        ],
      });
    },
  };
};
