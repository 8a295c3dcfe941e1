import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getConfig, getService } from '../utils/get-service';
import { LEVELS } from './claims';
import { COUNTED_DIMENSIONS, type CountedDimension } from './sql';

/** The state row counting changes to what the skills map shows. */
const CHANGES = 'changes';
const CELLS = 'plugin::skills-mapping.coverage-cell';
const STATE = 'plugin::skills-mapping.coverage-state';
/** Members per query when counting the holdings of given members (well below every dialect's limit on bound values). */
const MEMBERS_PER_QUERY = 400;

/** Holders of a skill per level 0–4 for one value of a dimension, and how many of them want to learn it. */
export type Tally = { levels: number[]; learners: number };
/** counts[skill][value] = holders per level and learners. */
export type Counts = Map<string, Map<string, Tally>>;

type HolderRow = { skill: string; value: string; level: number | string; holders: number | string; learners: number | string };
type StateRow = { name: string; generation: number | string; locale: string | null };

/**
 * A write that changes what the map counts for some members: their claims, their profiles, the
 * organisations they belong to or those organisations' issue areas.
 */
export type Change = {
  /** The dimensions whose counts the write can change. */
  dimensions: CountedDimension[];
  /** The members (profile documentIds) the write concerns, asked before the write and again after it (with its result). */
  members: (trx: Knex.Transaction, result?: unknown) => Promise<string[]>;
  /**
   * True when the write can link existing members that were not among those found before it (an
   * organisation's member list set from the organisation): what they counted for before is then
   * unknown, and the dimensions are counted again. Otherwise members found only after the write are
   * new profiles, which counted for nothing before.
   */
  linksOtherMembers: boolean;
};

export const countsOf = (rows: HolderRow[]): Counts => {
  const counts: Counts = new Map();
  for (const row of rows) {
    const bySkill = counts.get(row.skill) ?? new Map<string, Tally>();
    const tally = bySkill.get(row.value) ?? { levels: [0, 0, 0, 0, 0], learners: 0 };
    tally.levels[Number(row.level)] += Number(row.holders);
    tally.learners += Number(row.learners);
    bySkill.set(row.value, tally);
    counts.set(row.skill, bySkill);
  }
  return counts;
};

/**
 * The unfiltered counts of each dimension, kept in `skill_coverage` and updated by every write that
 * changes them, in the write's own transaction: the holdings of the members a write concerns are
 * counted before and after it, and only the difference is added to the cells. Reading the map
 * never counts every claim again, except the first time a dimension is read (or after the default
 * locale changed, or `recountAtNextRead`). Every such write first moves the change counter, which
 * locks its row until the transaction ends: writes to the cells are serialised across processes,
 * so each one counts "before" from committed data. Writes in one transaction (the admin panel's
 * bulk actions run them side by side) are run one after the other.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');
  const column = (uid: string, attribute: string) => sql().column(uid, attribute);
  const cell = (attribute: string) => column(CELLS, attribute);
  const defaultLocale = () => getConfig(strapi).locales.default;
  /** Full counts in progress in this process, shared by the requests that wait for them. */
  const counting = new Map<CountedDimension, Promise<void>>();
  /** The last tracked write queued in each transaction. */
  const queues = new WeakMap<Knex.Transaction, Promise<unknown>>();
  /** Inside a tracked write: its transaction, and the dimensions a write nested in it changed, to be counted again at its end. */
  const tracking = new AsyncLocalStorage<{ trx: Knex.Transaction; recount: Set<CountedDimension> }>();

  /** Moves the change counter; the row stays locked until the transaction ends. */
  const bump = async (knex: Knex | Knex.Transaction) => {
    const state = sql().table(STATE);
    await knex(state)
      .insert({ name: CHANGES, generation: 1 })
      .onConflict('name')
      .merge({ generation: knex.raw('?? + 1', [`${state}.generation`]) });
  };

  const readState = async (knex: Knex | Knex.Transaction) => {
    const rows = (await knex(sql().table(STATE)).select('name', 'generation', 'locale')) as StateRow[];
    return {
      changes: String(rows.find((row) => row.name === CHANGES)?.generation ?? 0),
      counted: new Set(rows.filter((row) => row.name !== CHANGES && row.locale === defaultLocale()).map((row) => row.name as CountedDimension)),
    };
  };

  /** The holdings of `members` (all members when not given) in `dimension`, counted by the database. */
  const holdings = async (trx: Knex.Transaction, dimension: CountedDimension, members?: string[]): Promise<Counts> => {
    if (!members) return countsOf(await sql().holders(defaultLocale(), dimension).transacting(trx));
    const rows: HolderRow[] = [];
    for (let i = 0; i < members.length; i += MEMBERS_PER_QUERY)
      rows.push(
        ...((await sql()
          .holders(defaultLocale(), dimension, {}, members.slice(i, i + MEMBERS_PER_QUERY))
          .transacting(trx)) as HolderRow[]),
      );
    return countsOf(rows);
  };

  const cellRow = (dimension: CountedDimension, skill: string, value: string, tally: Tally) => ({
    [cell('dimension')]: dimension,
    [cell('value')]: value,
    [cell('skillDocumentId')]: skill,
    ...Object.fromEntries(LEVELS.map((level, i) => [cell(level), tally.levels[i]])),
    [cell('learners')]: tally.learners,
  });

  /** Counts `dimension` from scratch and replaces its cells, recording the default locale it counted in. */
  const countAll = async (trx: Knex.Transaction, dimension: CountedDimension) => {
    const counts = await holdings(trx, dimension);
    const rows = [...counts].flatMap(([skill, bySkill]) => [...bySkill].map(([value, tally]) => cellRow(dimension, skill, value, tally)));
    await trx(sql().table(CELLS)).delete().where(cell('dimension'), dimension);
    for (let i = 0; i < rows.length; i += 500) await trx(sql().table(CELLS)).insert(rows.slice(i, i + 500));
    await trx(sql().table(STATE)).insert({ name: dimension, generation: 0, locale: defaultLocale() }).onConflict('name').merge(['locale']);
  };

  /** Adds after − before to the cells of `dimension`; cells left with no holder go, as a full count would not have them. */
  const addDifference = async (trx: Knex.Transaction, dimension: CountedDimension, before: Counts, after: Counts) => {
    const rows = [];
    const none: Tally = { levels: [0, 0, 0, 0, 0], learners: 0 };
    for (const skill of new Set([...before.keys(), ...after.keys()])) {
      const [was, is] = [before.get(skill) ?? new Map<string, Tally>(), after.get(skill) ?? new Map<string, Tally>()];
      for (const value of new Set([...was.keys(), ...is.keys()])) {
        const [a, b] = [was.get(value) ?? none, is.get(value) ?? none];
        const difference = { levels: b.levels.map((holders, level) => holders - a.levels[level]), learners: b.learners - a.learners };
        if (difference.learners !== 0 || difference.levels.some((holders) => holders !== 0)) rows.push(cellRow(dimension, skill, value, difference));
      }
    }
    if (!rows.length) return;
    const table = sql().table(CELLS);
    const added = (attribute: string) => trx.raw('?? + ??', [`${table}.${cell(attribute)}`, `excluded.${cell(attribute)}`]);
    const sums = Object.fromEntries([...LEVELS, 'learners'].map((attribute) => [cell(attribute), added(attribute)]));
    for (let i = 0; i < rows.length; i += 200) {
      await trx(table)
        .insert(rows.slice(i, i + 200))
        .onConflict([cell('dimension'), cell('value'), cell('skillDocumentId')])
        .merge(sums);
    }
    await trx(table)
      .delete()
      .where(cell('dimension'), dimension)
      .where(Object.fromEntries(LEVELS.map((level) => [cell(level), 0])));
  };

  /**
   * Runs `write` and updates the counts it changes, in one transaction (the caller's when there is
   * one). A write nested in another tracked write has the dimensions it changed counted again at
   * the end of the outer one: the outer write's "before" already had part of its effect.
   */
  const track = async <T>(change: Change, write: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
    strapi.db.transaction(async ({ trx }) => {
      const outer = tracking.getStore();
      if (outer && outer.trx === trx) {
        change.dimensions.forEach((dimension) => outer.recount.add(dimension));
        return write(trx);
      }
      const previous = queues.get(trx) ?? Promise.resolve();
      const run = previous
        .catch(() => undefined)
        .then(() =>
          tracking.run({ trx, recount: new Set() }, async () => {
            await bump(trx);
            const { counted } = await readState(trx);
            const dimensions = change.dimensions.filter((dimension) => counted.has(dimension));
            const members = [...new Set(await change.members(trx))];
            const before = new Map<CountedDimension, Counts>();
            for (const dimension of dimensions) before.set(dimension, await holdings(trx, dimension, members));
            const result = await write(trx);
            const known = new Set(members);
            const joined = [...new Set(await change.members(trx, result))].filter((member) => !known.has(member));
            const { recount } = tracking.getStore()!;
            for (const dimension of dimensions) {
              if (recount.has(dimension) || (change.linksOtherMembers && joined.length)) await countAll(trx, dimension);
              else await addDifference(trx, dimension, before.get(dimension)!, await holdings(trx, dimension, [...members, ...joined]));
            }
            for (const dimension of recount) if (!dimensions.includes(dimension) && counted.has(dimension)) await countAll(trx, dimension);
            return result;
          }),
        );
      queues.set(trx, run);
      return run;
    });

  /** Makes sure `dimension` is counted for the current default locale (the first read counts it once). */
  const ensureCounted = async (dimension: CountedDimension) => {
    for (;;) {
      if ((await readState(sql().knex())).counted.has(dimension)) return;
      const running = counting.get(dimension);
      if (running) {
        await running;
        continue;
      }
      const count = async () => {
        await strapi.db.transaction(async ({ trx }) => {
          await bump(trx);
          // Another process may have counted it while this one waited for the lock.
          if (!(await readState(trx)).counted.has(dimension)) await countAll(trx, dimension);
        });
      };
      const run = count().finally(() => counting.delete(dimension));
      counting.set(dimension, run);
      return run;
    }
  };

  return {
    track,

    /**
     * Counts every dimension from scratch at its next read: after writes that bypassed the plugin
     * (a bulk load straight into the tables) or a change of configuration.
     */
    async recountAtNextRead() {
      await strapi.db.transaction(async ({ trx }) => {
        await bump(trx);
        await trx(sql().table(STATE)).delete().whereIn('name', COUNTED_DIMENSIONS);
      });
    },

    /** The change counter: it moves with every committed change to what the skills map shows. */
    async changes() {
      return (await readState(sql().knex())).changes;
    },

    /** The unfiltered counts of `dimension`, up to date with every committed change. */
    async counts(dimension: CountedDimension): Promise<Counts> {
      await ensureCounted(dimension);
      const rows = (await sql()
        .knex()(sql().table(CELLS))
        .select({ skill: cell('skillDocumentId'), value: cell('value'), learners: cell('learners') }, ...LEVELS.map((level) => ({ [level]: cell(level) })))
        .where(cell('dimension'), dimension)) as Array<Record<string, string | number>>;
      const counts: Counts = new Map();
      for (const row of rows) {
        const bySkill = counts.get(String(row.skill)) ?? new Map<string, Tally>();
        bySkill.set(String(row.value), { levels: LEVELS.map((level) => Number(row[level])), learners: Number(row.learners) });
        counts.set(String(row.skill), bySkill);
      }
      return counts;
    },
  };
};
