import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../utils/get-service';

export type ExpertFilters = { skill: string; language?: string; country?: string; minLevel?: number; canMentor?: boolean };

type Row = {
  document_id: string;
  display_name: string;
  languages: string | string[] | null;
  countries: string | string[] | null;
  level: number;
  can_mentor: number | boolean;
  assessed_at: string | number | Date;
  organisation_slug: string | null;
  organisation_name: string | null;
};

const list = (value: string | string[] | null): string[] => (Array.isArray(value) ? value : value ? (JSON.parse(value) as string[]) : []);

/**
 * Who to ask about a skill: members whose profile the caller may see (`members` or `public`;
 * hidden profiles never) and who are open to questions, both on their profile and for this skill.
 * Ranked by level, then by how many languages they share with the caller.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');

  return {
    /** `callerProfile`: the caller's own profile, never listed (one does not ask oneself). */
    async find(skillDocumentId: string, filters: ExpertFilters, callerLanguages: string[], callerProfile?: string) {
      const builder = sql().claims(getConfig(strapi).locales.default, { minLevel: filters.minLevel, country: filters.country });
      const { claim, member } = sql().columns;
      builder
        .leftJoin(sql().membersWithOrganisation().select('fo.slug as slug', 'fo.name as name').as('org'), `org.member_id`, 'm.id')
        .where(claim('skillDocumentId'), skillDocumentId)
        .where(claim('openToQuestions'), true)
        .where(member('openToQuestions'), true)
        .whereIn(member('visibility'), ['members', 'public']);
      if (filters.canMentor) builder.where(claim('canMentor'), true);
      if (callerProfile) builder.whereNot(member('documentId'), callerProfile);
      const rows = (await builder.select({
        document_id: member('documentId'),
        display_name: member('displayName'),
        languages: member('languages'),
        countries: member('countries'),
        level: claim('level'),
        can_mentor: claim('canMentor'),
        assessed_at: claim('assessedAt'),
        organisation_slug: 'org.slug',
        organisation_name: 'org.name',
      })) as Row[];

      const shared = (languages: string[]) => languages.filter((language) => callerLanguages.includes(language));
      return rows
        .map((row) => ({
          documentId: row.document_id,
          displayName: row.display_name,
          level: Number(row.level),
          canMentor: Boolean(row.can_mentor),
          languages: list(row.languages),
          countries: list(row.countries),
          organisation: row.organisation_slug ? { slug: row.organisation_slug, name: row.organisation_name } : null,
          assessedAt: new Date(row.assessed_at).toISOString(),
        }))
        .filter((expert) => !filters.language || expert.languages.includes(filters.language))
        .map((expert) => ({ ...expert, sharedLanguages: shared(expert.languages) }))
        .sort((a, b) => b.level - a.level || b.sharedLanguages.length - a.sharedLanguages.length || a.displayName.localeCompare(b.displayName))
        .slice(0, getConfig(strapi).expertsLimit);
    },
  };
};
