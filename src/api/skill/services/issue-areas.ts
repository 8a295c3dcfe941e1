import type { Core } from '@strapi/strapi';
import { contentLocales } from '../../../content/locales';

const SKILLS = 'api::skill.skill';
const ISSUE_AREAS = 'api::issue-area.issue-area';

/**
 * Where a skill is used: the published resources, workshops and reading groups that carry it (as
 * `skills`, or `skillsTaught` for workshops) and an issue area. Skills have no issue areas of their
 * own (DESIGN.md), so this is how a member sees the skills of an issue area.
 */
const SOURCES = [
  { uid: 'api::resource.resource', skills: 'skills' },
  { uid: 'api::workshop.workshop', skills: 'skillsTaught' },
  { uid: 'api::reading-group.reading-group', skills: 'skills' },
] as const;

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
type Meta = { tableName: string; attributes: Record<string, { columnName?: string; joinTable?: JoinTable }> };

export type IssueAreaSkills = { documentId: string; slug: string; name: string; skills: string[] };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = (uid: string) => strapi.db.metadata.get(uid) as unknown as Meta;
  const column = (uid: string, attribute: string) => meta(uid).attributes[attribute].columnName ?? attribute;

  /** Distinct (skill, issue area) documentId pairs of one kind of content, published rows only. */
  const pairsOf = ({ uid, skills }: (typeof SOURCES)[number]) => {
    const skillLink = meta(uid).attributes[skills].joinTable!;
    const areaLink = meta(uid).attributes.issueAreas.joinTable!;
    return strapi.db
      .connection(`${meta(uid).tableName} as c`)
      .join(`${skillLink.name} as cs`, `cs.${skillLink.joinColumn.name}`, 'c.id')
      .join(`${meta(SKILLS).tableName} as s`, 's.id', `cs.${skillLink.inverseJoinColumn.name}`)
      .join(`${areaLink.name} as ca`, `ca.${areaLink.joinColumn.name}`, 'c.id')
      .join(`${meta(ISSUE_AREAS).tableName} as a`, 'a.id', `ca.${areaLink.inverseJoinColumn.name}`)
      .whereNotNull(`c.${column(uid, 'publishedAt')}`)
      .distinct({ skill: `s.${column(SKILLS, 'documentId')}`, area: `a.${column(ISSUE_AREAS, 'documentId')}` }) as unknown as Promise<
      Array<{ skill: string; area: string }>
    >;
  };

  return {
    /** Every issue area (they have no drafts), named in `locale` where translated (else the default locale), with the skills used in it; by name. */
    async skillsByIssueArea(locale: string): Promise<IssueAreaSkills[]> {
      const skillsOf = new Map<string, Set<string>>();
      for (const pairs of await Promise.all(SOURCES.map(pairsOf))) {
        for (const { skill, area } of pairs) skillsOf.set(area, (skillsOf.get(area) ?? new Set()).add(skill));
      }
      const rows = (await strapi.db.query(ISSUE_AREAS).findMany({
        select: ['documentId', 'locale', 'slug', 'name'],
        where: { locale: { $in: [locale, contentLocales(strapi).default] } },
      })) as Array<{ documentId: string; locale: string; slug: string; name: string }>;
      const named = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (!named.has(row.documentId) || row.locale === locale) named.set(row.documentId, row);
      const collator = new Intl.Collator(locale);
      return [...named.values()]
        .map((row) => ({ documentId: row.documentId, slug: row.slug, name: row.name, skills: [...(skillsOf.get(row.documentId) ?? [])].sort() }))
        .sort((a, b) => collator.compare(a.name, b.name));
    },
  };
};
