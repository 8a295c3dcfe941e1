import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { uidOf } from '../utils/content-types';

export type Dimension = 'issueArea' | 'country' | 'organisation' | 'language';
export const DIMENSIONS: Dimension[] = ['issueArea', 'country', 'organisation', 'language'];
/** What the plugin counts: the matrix's dimensions, and `overall` (every holder once, under the value `all`) for the gaps. */
export type CountedDimension = Dimension | 'overall';
export const COUNTED_DIMENSIONS: CountedDimension[] = [...DIMENSIONS, 'overall'];

export type ClaimFilters = { minLevel?: number; country?: string; organisation?: string; issueArea?: string };

const CLAIMS = 'plugin::skills-mapping.claim';

/**
 * The SQL building blocks of the skills map, for SQLite and PostgreSQL alike: claims joined to
 * the members who hold them, one row per member (their default-locale profile), and the joins
 * that give each claim its issue areas (through the member's organisation), countries,
 * organisation or languages. The app's content types are those of the plugin's configuration
 * (`contentTypes`); their tables, columns and join tables come from Strapi's metadata.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection;
  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const column = (uid: string, attribute: string) => {
    const definition = strapi.db.metadata.get(uid).attributes[attribute];
    return ('columnName' in definition && definition.columnName) || attribute;
  };
  /** The join table of a relation (the relations the plugin reads are all stored in one). */
  const link = (uid: string, attribute: string) => {
    const relation = strapi.db.metadata.get(uid).attributes[attribute];
    const joinTable = 'joinTable' in relation ? relation.joinTable : undefined;
    if (!joinTable || !('inverseJoinColumn' in joinTable)) throw new Error(`${uid}.${attribute} is not a relation with a join table`);
    return joinTable;
  };
  const MEMBERS = uidOf(strapi, 'member');
  const ORGANISATIONS = uidOf(strapi, 'organisation');
  const ISSUE_AREAS = uidOf(strapi, 'issueArea');
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  /** SQL (FROM item) for the elements of a JSON array column, as rows of `alias.value`. */
  const jsonElements = (columnRef: string, alias: string) =>
    isPostgres() ? `jsonb_array_elements_text(coalesce(${columnRef}, '[]'::jsonb)) AS ${alias}(value)` : `json_each(coalesce(${columnRef}, '[]')) AS ${alias}`;

  /** Member ids (as `member_id`) with their published organisation as `fo`. */
  const membersWithOrganisation = () => {
    const memberOrganisation = link(MEMBERS, 'organisation');
    return knex()
      .select({ member_id: `mo.${memberOrganisation.joinColumn.name}` })
      .from(`${memberOrganisation.name} as mo`)
      .join(`${table(ORGANISATIONS)} as fo`, function join() {
        this.on('fo.id', `mo.${memberOrganisation.inverseJoinColumn.name}`).andOnNotNull(`fo.${column(ORGANISATIONS, 'publishedAt')}`);
      });
  };

  /** The same, with each issue area of the organisation as `fia`. */
  const membersWithIssueAreas = () => {
    const organisationIssueAreas = link(ORGANISATIONS, 'issueAreas');
    return membersWithOrganisation()
      .join(`${organisationIssueAreas.name} as foi`, `foi.${organisationIssueAreas.joinColumn.name}`, 'fo.id')
      .join(`${table(ISSUE_AREAS)} as fia`, 'fia.id', `foi.${organisationIssueAreas.inverseJoinColumn.name}`);
  };

  /** Claims `c` of members `m` (one default-locale row per member), with `filters` applied. */
  const claims = (defaultLocale: string, filters: ClaimFilters = {}) => {
    const query = knex()
      .from(`${table(CLAIMS)} as c`)
      .join(`${table(MEMBERS)} as m`, function join() {
        this.on(`m.${column(MEMBERS, 'documentId')}`, `c.${column(CLAIMS, 'memberDocumentId')}`).andOn(
          `m.${column(MEMBERS, 'locale')}`,
          knex().raw('?', [defaultLocale]),
        );
      });
    if (filters.minLevel !== undefined) query.where(`c.${column(CLAIMS, 'level')}`, '>=', filters.minLevel);
    if (filters.country) {
      query.whereRaw(`EXISTS (SELECT 1 FROM ${jsonElements(`m.${column(MEMBERS, 'countries')}`, 'fc')} WHERE fc.value = ?)`, [filters.country]);
    }
    if (filters.organisation) query.whereIn('m.id', membersWithOrganisation().where('fo.slug', filters.organisation));
    if (filters.issueArea) query.whereIn('m.id', membersWithIssueAreas().where('fia.slug', filters.issueArea));
    return query;
  };

  /**
   * Adds the join of `dimension` to a claims query and returns the SQL of its value: a claim
   * counts once for each of its member's countries, languages, organisation or issue areas (and
   * once overall).
   */
  const joinDimension = (query: Knex.QueryBuilder, dimension: CountedDimension): string => {
    switch (dimension) {
      case 'overall':
        return "'all'";
      case 'country':
        query.joinRaw(`${isPostgres() ? 'CROSS JOIN LATERAL' : 'JOIN'} ${jsonElements(`m.${column(MEMBERS, 'countries')}`, 'd')}`);
        return 'd.value';
      case 'language':
        query.joinRaw(`${isPostgres() ? 'CROSS JOIN LATERAL' : 'JOIN'} ${jsonElements(`m.${column(MEMBERS, 'languages')}`, 'd')}`);
        return 'd.value';
      case 'organisation':
        query.join(membersWithOrganisation().select('fo.slug as value').as('d'), 'd.member_id', 'm.id');
        return 'd.value';
      case 'issueArea':
        query.join(membersWithIssueAreas().select('fia.slug as value').as('d'), 'd.member_id', 'm.id');
        return 'd.value';
    }
  };

  const claimColumn = (attribute: string) => `c.${column(CLAIMS, attribute)}`;

  return {
    knex,
    table,
    column,
    link,
    claims,
    joinDimension,

    /**
     * Holders (`holders`) per `skill`, dimension `value` and `level`, and those of them who want to
     * learn it (`learners`), among the claims matching `filters` (and of `members` when given: their
     * profiles' documentIds). Each row is a distinct holder, so a plain COUNT(*) counts them (and
     * PostgreSQL can count in parallel, which it cannot for COUNT(DISTINCT)): a member claims a skill
     * once (unique index), has one default-locale profile and one organisation, and lists a country
     * or a language at most once (validated on every write); an organisation links an issue area once.
     */
    holders(defaultLocale: string, dimension: CountedDimension, filters: ClaimFilters = {}, members?: string[]) {
      const query = claims(defaultLocale, filters);
      if (members) query.whereIn(claimColumn('memberDocumentId'), members);
      const value = knex().raw(joinDimension(query, dimension));
      return query
        .select(
          { skill: claimColumn('skillDocumentId'), value, level: claimColumn('level') },
          { learners: knex().raw(`SUM(CASE WHEN ${claimColumn('wantsToLearn')} THEN 1 ELSE 0 END)`) },
        )
        .count({ holders: '*' })
        .groupBy(claimColumn('skillDocumentId'), claimColumn('level'), ...(dimension === 'overall' ? [] : [value])); // PostgreSQL refuses a constant in GROUP BY
    },

    membersWithOrganisation,

    /**
     * The members (profile documentIds) linked to any row of an organisation, or to any row of an
     * organisation linked to any row of an issue area: those whose counts a write to it can change.
     */
    async membersOf(trx: Knex.Transaction, of: { organisation: string } | { issueArea: string }): Promise<string[]> {
      const memberOrganisation = link(MEMBERS, 'organisation');
      const query = trx
        .distinct({ member: `m.${column(MEMBERS, 'documentId')}` })
        .from(`${table(MEMBERS)} as m`)
        .join(`${memberOrganisation.name} as mo`, `mo.${memberOrganisation.joinColumn.name}`, 'm.id')
        .join(`${table(ORGANISATIONS)} as o`, 'o.id', `mo.${memberOrganisation.inverseJoinColumn.name}`);
      if ('organisation' in of) query.where(`o.${column(ORGANISATIONS, 'documentId')}`, of.organisation);
      else {
        const organisationIssueAreas = link(ORGANISATIONS, 'issueAreas');
        query
          .join(`${organisationIssueAreas.name} as oi`, `oi.${organisationIssueAreas.joinColumn.name}`, 'o.id')
          .join(`${table(ISSUE_AREAS)} as ia`, 'ia.id', `oi.${organisationIssueAreas.inverseJoinColumn.name}`)
          .where(`ia.${column(ISSUE_AREAS, 'documentId')}`, of.issueArea);
      }
      return ((await query) as Array<{ member: string }>).map((row) => row.member);
    },

    /**
     * The published organisations (slugs) working on each issue area (slug): public knowledge, and
     * what makes one issue area's count part of another's.
     */
    async issueAreaOrganisations(): Promise<Map<string, string[]>> {
      const organisationIssueAreas = link(ORGANISATIONS, 'issueAreas');
      const rows = (await knex()
        .distinct({ area: 'ia.slug', organisation: 'o.slug' })
        .from(`${table(ORGANISATIONS)} as o`)
        .join(`${organisationIssueAreas.name} as oi`, `oi.${organisationIssueAreas.joinColumn.name}`, 'o.id')
        .join(`${table(ISSUE_AREAS)} as ia`, 'ia.id', `oi.${organisationIssueAreas.inverseJoinColumn.name}`)
        .whereNotNull(`o.${column(ORGANISATIONS, 'publishedAt')}`)) as Array<{ area: string; organisation: string }>;
      const byArea = new Map<string, string[]>();
      for (const { area, organisation } of rows) byArea.set(area, [...(byArea.get(area) ?? []), organisation]);
      return byArea;
    },

    columns: {
      claim: claimColumn,
      member: (attribute: string) => `m.${column(MEMBERS, attribute)}`,
    },
  };
};
