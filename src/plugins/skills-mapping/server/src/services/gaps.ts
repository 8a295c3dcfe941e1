import type { Core } from '@strapi/strapi';
import { uidOf } from '../utils/content-types';
import { publishable, type GroupsCache } from '../utils/disclosure';
import { getConfig, getService } from '../utils/get-service';
import type { SkillRow } from './labels';

type Count = Map<string, number>;
const key = (skill: string, area = '') => `${skill}|${area}`;

/**
 * Growth areas: skills ranked by demand (members who want to learn them, and upcoming workshops
 * that teach them) against supply (advanced holders: at `advancedLevel` or more), overall and per issue area (a
 * member's issue areas are their organisation's; a workshop's its own).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');

  const tally = (rows: Array<{ skill: string; area?: string | null; n: number | string }>): Count => {
    const out: Count = new Map();
    for (const row of rows) out.set(key(row.skill, row.area ?? ''), (out.get(key(row.skill, row.area ?? '')) ?? 0) + Number(row.n));
    return out;
  };

  /**
   * Learners and advanced holders per skill (and per issue area), from the maintained counts
   * (`overall` and `issueArea`: see the coverage service).
   */
  const people = async (perArea: boolean) => {
    const advancedLevel = getConfig(strapi).advancedLevel;
    const [learners, holders]: [Count, Count] = [new Map(), new Map()];
    for (const [skill, bySkill] of await getService(strapi, 'coverage').counts(perArea ? 'issueArea' : 'overall')) {
      for (const [area, counted] of bySkill) {
        learners.set(key(skill, perArea ? area : ''), counted.learners);
        holders.set(
          key(skill, perArea ? area : ''),
          counted.levels.slice(advancedLevel).reduce((a, b) => a + b, 0),
        );
      }
    }
    return { learners, holders };
  };

  /** Upcoming published workshops per skill taught (and per issue area); for the public, public ones only. */
  const workshops = async (defaultLocale: string, perArea: boolean, exact: boolean) => {
    const { table, column, link } = sql();
    const [WORKSHOPS, SKILLS, ISSUE_AREAS] = [uidOf(strapi, 'workshop'), uidOf(strapi, 'skill'), uidOf(strapi, 'issueArea')];
    const workshop = (attribute: string) => `w.${column(WORKSHOPS, attribute)}`;
    const skill = `s.${column(SKILLS, 'documentId')}`;
    const skillsTaught = link(WORKSHOPS, 'skillsTaught');
    const query = sql()
      .knex()
      .from(`${table(WORKSHOPS)} as w`)
      .join(`${skillsTaught.name} as ws`, `ws.${skillsTaught.joinColumn.name}`, 'w.id')
      .join(`${table(SKILLS)} as s`, 's.id', `ws.${skillsTaught.inverseJoinColumn.name}`)
      .where(workshop('locale'), defaultLocale)
      .whereNotNull(workshop('publishedAt'))
      .where(workshop('startsAt'), '>', new Date());
    if (!exact) query.where(workshop('visibility'), 'public');
    if (perArea) {
      const areas = link(WORKSHOPS, 'issueAreas');
      const area = `ia.${column(ISSUE_AREAS, 'slug')}`;
      query
        .join(`${areas.name} as wa`, `wa.${areas.joinColumn.name}`, 'w.id')
        .join(`${table(ISSUE_AREAS)} as ia`, 'ia.id', `wa.${areas.inverseJoinColumn.name}`);
      return tally(
        await query
          .select({ skill, area })
          .countDistinct({ n: workshop('documentId') })
          .groupBy(skill, area),
      );
    }
    return tally(
      await query
        .select({ skill })
        .countDistinct({ n: workshop('documentId') })
        .groupBy(skill),
    );
  };

  type Entry = { skill: SkillRow; learners: number | null; upcomingWorkshops: number; holders: number | null; score: number | null };

  const scoreOf = (learners: number, workshopsTeaching: number, holders: number) => Number(((learners + workshopsTeaching) / (holders + 1)).toFixed(3));

  /** Most unmet demand first: score, then demand, then name. */
  const ranked = (entries: Array<Entry & { demand: number; rank: number | null }>, collator: Intl.Collator, limit: number): Entry[] =>
    entries
      .sort((a, b) => (b.rank ?? -1) - (a.rank ?? -1) || b.demand - a.demand || collator.compare(a.skill.name, b.skill.name))
      .slice(0, limit)
      .map(({ skill, learners, upcomingWorkshops, holders, score }) => ({ skill, learners, upcomingWorkshops, holders, score }));

  return {
    /**
     * `limit` skills with the most unmet demand overall and in each issue area, with exact counts
     * for members. The public sees only figures published under disclosure control: per issue
     * area, the advanced holders of the public matrix and the learners checked the same way, and
     * the public workshops; no overall counts of people (every issue area is part of them). Its
     * rankings are computed from those published figures alone, so their order gives nothing more away.
     */
    async rank(locale: string, exact: boolean, limit = 10) {
      const defaultLocale = getConfig(strapi).locales.default;
      const [everywhere, inAreas, taught, taughtByArea] = await Promise.all([
        people(false),
        people(true),
        workshops(defaultLocale, false, exact),
        workshops(defaultLocale, true, exact),
      ]);
      const [learning, supply, learningByArea, supplyByArea] = [everywhere.learners, everywhere.holders, inAreas.learners, inAreas.holders];
      const skills = await getService(strapi, 'labels').skills(locale);
      const areas = await getService(strapi, 'labels').columns('issueArea', locale);
      const collator = new Intl.Collator(locale);
      const count = (counts: Count, skill: SkillRow, area = '') => counts.get(key(skill.documentId, area)) ?? 0;

      if (exact) {
        const ranking = (area = '') =>
          ranked(
            skills
              .map((skill) => {
                const [wanting, teaching, holding] = [
                  count(area ? learningByArea : learning, skill, area),
                  count(area ? taughtByArea : taught, skill, area),
                  count(area ? supplyByArea : supply, skill, area),
                ];
                const score = scoreOf(wanting, teaching, holding);
                return { skill, learners: wanting, upcomingWorkshops: teaching, holders: holding, score, demand: wanting + teaching, rank: score };
              })
              .filter((entry) => entry.demand > 0),
            collator,
            limit,
          );
        return { overall: ranking(), byIssueArea: areas.map((area) => ({ issueArea: area, skills: ranking(area.key) })) };
      }

      const threshold = getConfig(strapi).publicMinimumCount;
      const atoms = await sql().issueAreaOrganisations();
      const table = areas.map((area) => ({ key: area.key, atoms: atoms.get(area.key) ?? [] }));
      const publicMatrix = await getService(strapi, 'matrix').build({ dimension: 'issueArea', locale }, false);
      const cache: GroupsCache = new Map();
      const published = new Map(
        publicMatrix.rows.map(({ skill, cells }) => {
          const wanting = publishable(table, new Map(areas.map((area) => [area.key, count(learningByArea, skill, area.key)])), threshold, cache);
          return [skill.documentId, new Map(areas.map((area) => [area.key, { learners: wanting.get(area.key)!, holders: cells[area.key].advanced }]))];
        }),
      );
      /** An entry with published figures only; null where one is withheld, "some demand" where learners are. */
      const publicEntry = (skill: SkillRow, area: string) => {
        const { learners: wanting, holders: holding } = published.get(skill.documentId)!.get(area)!;
        const teaching = count(taughtByArea, skill, area);
        const score = wanting === null || holding === null ? null : scoreOf(wanting, teaching, holding);
        return {
          skill,
          learners: wanting,
          upcomingWorkshops: teaching,
          holders: holding,
          score,
          demand: (wanting ?? 0) + teaching,
          rank: score,
          wanted: wanting !== 0 || teaching > 0,
        };
      };
      const byArea = new Map(areas.map((area) => [area.key, skills.map((skill) => publicEntry(skill, area.key))]));
      const overall = skills
        .map((skill, i) => {
          const entries = areas.map((area) => byArea.get(area.key)![i]);
          const scores = entries.flatMap((entry) => entry.rank ?? []);
          const teaching = count(taught, skill);
          const wanted = teaching > 0 || entries.some((entry) => entry.wanted);
          return {
            skill,
            learners: null,
            upcomingWorkshops: teaching,
            holders: null,
            score: null,
            demand: teaching,
            rank: scores.length ? Math.max(...scores) : null,
            wanted,
          };
        })
        .filter((entry) => entry.wanted);
      return {
        overall: ranked(overall, collator, limit),
        byIssueArea: areas.map((area) => ({
          issueArea: area,
          skills: ranked(
            byArea.get(area.key)!.filter((entry) => entry.wanted),
            collator,
            limit,
          ),
        })),
      };
    },
  };
};
