import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../utils/get-service';

type Count = Map<string, number>;
const key = (skill: string, area = '') => `${skill}|${area}`;

/**
 * Growth areas: skills ranked by demand (members who want to learn them, and upcoming workshops
 * that teach them) against supply (holders at level 3 or more), overall and per issue area (a
 * member's issue areas are their organisation's; a workshop's its own).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');

  const tally = (rows: Array<{ skill: string; area?: string | null; n: number | string }>): Count => {
    const out: Count = new Map();
    for (const row of rows) out.set(key(row.skill, row.area ?? ''), (out.get(key(row.skill, row.area ?? '')) ?? 0) + Number(row.n));
    return out;
  };

  /** Distinct members per skill (and per issue area) among claims matching `where`. */
  const members = async (defaultLocale: string, where: (query: ReturnType<ReturnType<typeof sql>['claims']>) => void, perArea: boolean) => {
    const builder = sql().claims(defaultLocale);
    const { claim } = sql().columns;
    where(builder);
    if (perArea) {
      const area = sql().joinDimension(builder, 'issueArea');
      return tally(
        await builder
          .select({ skill: claim('skillDocumentId'), area: sql().knex().raw(area) })
          .countDistinct({ n: claim('memberDocumentId') })
          .groupBy(claim('skillDocumentId'), sql().knex().raw(area))
      );
    }
    return tally(await builder.select({ skill: claim('skillDocumentId') }).countDistinct({ n: claim('memberDocumentId') }).groupBy(claim('skillDocumentId')));
  };

  /** Upcoming published workshops per skill taught (and per issue area). */
  const workshops = async (defaultLocale: string, perArea: boolean) => {
    const { table, link } = sql();
    const skillsTaught = link('api::workshop.workshop', 'skillsTaught');
    const query = sql()
      .knex()
      .from(`${table('api::workshop.workshop')} as w`)
      .join(`${skillsTaught.name} as ws`, `ws.${skillsTaught.joinColumn.name}`, 'w.id')
      .join(`${table('api::skill.skill')} as s`, 's.id', `ws.${skillsTaught.inverseJoinColumn.name}`)
      .where('w.locale', defaultLocale)
      .whereNotNull('w.published_at')
      .where('w.starts_at', '>', new Date());
    if (perArea) {
      const areas = link('api::workshop.workshop', 'issueAreas');
      query
        .join(`${areas.name} as wa`, `wa.${areas.joinColumn.name}`, 'w.id')
        .join(`${table('api::issue-area.issue-area')} as ia`, 'ia.id', `wa.${areas.inverseJoinColumn.name}`);
      return tally(await query.select({ skill: 's.document_id', area: 'ia.slug' }).countDistinct({ n: 'w.document_id' }).groupBy('s.document_id', 'ia.slug'));
    }
    return tally(await query.select({ skill: 's.document_id' }).countDistinct({ n: 'w.document_id' }).groupBy('s.document_id'));
  };

  return {
    /**
     * `limit` skills with the most unmet demand overall and in each issue area. For the public,
     * counts under the privacy threshold are withheld (null), the ranking is not.
     */
    async rank(locale: string, exact: boolean, limit = 10) {
      const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
      const { claim } = sql().columns;
      const learners = (perArea: boolean) => members(defaultLocale, (q) => void q.where(claim('wantsToLearn'), true), perArea);
      const experts = (perArea: boolean) => members(defaultLocale, (q) => void q.where(claim('level'), '>=', 3), perArea);
      const [learning, supply, taught, learningByArea, supplyByArea, taughtByArea] = await Promise.all([
        learners(false),
        experts(false),
        workshops(defaultLocale, false),
        learners(true),
        experts(true),
        workshops(defaultLocale, true),
      ]);
      const skills = await getService(strapi, 'labels').skills(locale);
      const areas = await getService(strapi, 'labels').columns('issueArea', locale);
      const threshold = getConfig(strapi).publicMinimumCount;
      const shown = (n: number) => (exact || n === 0 || n >= threshold ? n : null);

      const collator = new Intl.Collator(locale);
      const ranking = (area = '') =>
        skills
          .map((skill) => {
            const learners = (area ? learningByArea : learning).get(key(skill.documentId, area)) ?? 0;
            const workshopsTeaching = (area ? taughtByArea : taught).get(key(skill.documentId, area)) ?? 0;
            const holders = (area ? supplyByArea : supply).get(key(skill.documentId, area)) ?? 0;
            const demand = learners + workshopsTeaching;
            return { skill, demand, learners, workshopsTeaching, holders, score: demand / (holders + 1) };
          })
          .filter((entry) => entry.demand > 0)
          .sort((a, b) => b.score - a.score || b.demand - a.demand || collator.compare(a.skill.name, b.skill.name))
          .slice(0, limit)
          .map(({ skill, learners, workshopsTeaching, holders, score }) => ({
            skill,
            learners: shown(learners),
            upcomingWorkshops: workshopsTeaching,
            holders: shown(holders),
            score: Number(score.toFixed(3)),
          }));

      return {
        overall: ranking(),
        byIssueArea: areas.map((area) => ({ issueArea: area, skills: ranking(area.key) })),
      };
    },
  };
};
