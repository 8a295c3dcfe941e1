import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService } from '../utils/get-service';
import { LEVELS } from './claims';
import type { Dimension } from './sql';

/** The state row counting changes to what the skills map shows. */
const CHANGES = 'changes';
const CELLS = 'plugin::skills-mapping.coverage-cell';
const STATE = 'plugin::skills-mapping.coverage-state';

/** counts[skill][value][level] = distinct holders. */
export type Counts = Map<string, Map<string, number[]>>;

type StateRow = { name: string; generation: number | string; locale: string | null };

export const countsOf = (rows: Array<{ skill: string; value: string; level: number | string; holders: number | string }>): Counts => {
  const counts: Counts = new Map();
  for (const row of rows) {
    const bySkill = counts.get(row.skill) ?? new Map<string, number[]>();
    const levels = bySkill.get(row.value) ?? [0, 0, 0, 0, 0];
    levels[Number(row.level)] += Number(row.holders);
    bySkill.set(row.value, levels);
    counts.set(row.skill, bySkill);
  }
  return counts;
};

/**
 * The unfiltered coverage matrix of each dimension, counted by the database into `skill_coverage`
 * and kept until something it depends on changes. Every write to claims, member profiles,
 * organisations, issue areas or skills increments the change counter in its own transaction; a dimension
 * counted at an older counter (or for another default locale) is counted again before it is read.
 * Reading the map is frequent and changing it rare, so most requests read a few thousand
 * precounted rows instead of grouping every claim. State lives in the database, so several app
 * processes agree on it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');
  const column = (uid: string, attribute: string) => sql().column(uid, attribute);
  /** Recounts in progress in this process, shared by the requests that wait for them. */
  const recounting = new Map<Dimension, Promise<void>>();

  const readState = async (dimension?: Dimension) => {
    const rows = (await sql()
      .knex()(sql().table(STATE))
      .select('name', 'generation', 'locale')
      .whereIn('name', dimension ? [CHANGES, dimension] : [CHANGES])) as StateRow[];
    return { changes: String(rows.find((row) => row.name === CHANGES)?.generation ?? 0), counted: rows.find((row) => row.name === dimension) };
  };

  /**
   * Counts `dimension` again and replaces its cells, all or nothing, recording the change counter
   * it counted at. The count is a read of its own (PostgreSQL runs it in parallel, which it would
   * not inside an INSERT … SELECT); only the few thousand counted rows are then written.
   */
  const recount = async (dimension: Dimension, defaultLocale: string, changes: string) => {
    const knex = sql().knex();
    const counted = (await knex
      .select(
        { value: 'h.value', skill: 'h.skill' },
        ...LEVELS.map((name, level) => ({ [name]: knex.raw('SUM(CASE WHEN h.level = ? THEN h.holders ELSE 0 END)', [level]) })),
      )
      .from(sql().holders(defaultLocale, dimension).as('h'))
      .groupBy('h.value', 'h.skill')) as Array<Record<string, string | number>>;
    const rows = counted.map((row) => ({
      [column(CELLS, 'dimension')]: dimension,
      [column(CELLS, 'value')]: row.value,
      [column(CELLS, 'skillDocumentId')]: row.skill,
      ...Object.fromEntries(LEVELS.map((level) => [column(CELLS, level), Number(row[level])])),
    }));
    await knex.transaction(async (trx) => {
      await trx(sql().table(CELLS)).delete().where(column(CELLS, 'dimension'), dimension);
      for (let i = 0; i < rows.length; i += 500) await trx(sql().table(CELLS)).insert(rows.slice(i, i + 500));
      await trx(sql().table(STATE)).insert({ name: dimension, generation: changes, locale: defaultLocale }).onConflict('name').merge(['generation', 'locale']);
    });
  };

  /** Makes sure the cells of `dimension` include every change committed before this call. */
  const ensureCounted = async (dimension: Dimension, defaultLocale: string) => {
    for (;;) {
      const { changes, counted } = await readState(dimension);
      if (counted && String(counted.generation) === changes && counted.locale === defaultLocale) return;
      const running = recounting.get(dimension);
      if (running) {
        // It may have started before the latest change: wait, then look again.
        await running;
        continue;
      }
      const run = recount(dimension, defaultLocale, changes).finally(() => recounting.delete(dimension));
      recounting.set(dimension, run);
      return run;
    }
  };

  return {
    /** Records that claims or profiles changed; joins the caller's transaction when given one. */
    async invalidate(trx?: Knex.Transaction) {
      const knex = trx ?? sql().knex();
      const state = sql().table(STATE);
      await knex(state)
        .insert({ name: CHANGES, generation: 1 })
        .onConflict('name')
        .merge({ generation: knex.raw('?? + 1', [`${state}.generation`]) });
    },

    /** The change counter: it moves with every committed change to what the skills map shows. */
    async changes() {
      return (await readState()).changes;
    },

    /** The unfiltered counts of `dimension`, up to date with every committed change. */
    async counts(dimension: Dimension, defaultLocale: string): Promise<Counts> {
      await ensureCounted(dimension, defaultLocale);
      const rows = (await sql()
        .knex()(sql().table(CELLS))
        .select({ skill: column(CELLS, 'skillDocumentId'), value: column(CELLS, 'value') }, ...LEVELS.map((level) => ({ [level]: column(CELLS, level) })))
        .where(column(CELLS, 'dimension'), dimension)) as Array<Record<string, string | number>>;
      const counts: Counts = new Map();
      for (const row of rows) {
        const bySkill = counts.get(String(row.skill)) ?? new Map<string, number[]>();
        bySkill.set(
          String(row.value),
          LEVELS.map((level) => Number(row[level])),
        );
        counts.set(String(row.skill), bySkill);
      }
      return counts;
    },
  };
};
