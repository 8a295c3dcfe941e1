import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import { z } from 'zod';
import { uidOf } from '../utils/content-types';
import { getConfig, getService } from '../utils/get-service';
import { invalidInput, parse } from '../utils/parse';
import type { Change } from './coverage';
import type { SkillRow } from './labels';
import { COUNTED_DIMENSIONS } from './sql';

/** Level names, 0 to 4. */
export const LEVELS = ['learning', 'basic', 'practitioner', 'advanced', 'expert'] as const;

export type ClaimInput = { skill: string; level: number; wantsToLearn?: boolean; canMentor?: boolean; openToQuestions?: boolean };
export type ClaimRecord = Required<ClaimInput> & { skillDocumentId: string; assessedAt?: Date };

const claimSchema = z
  .object({
    skill: z.string().min(1).max(120),
    level: z.number().int().min(0).max(4),
    wantsToLearn: z.boolean().optional(),
    canMentor: z.boolean().optional(),
    openToQuestions: z.boolean().optional(),
  })
  .strict();
export const claimsSchema = z.array(claimSchema).max(300);

type Row = {
  skill_document_id: string;
  level: number;
  wants_to_learn: number | boolean;
  can_mentor: number | boolean;
  open_to_questions: number | boolean;
  assessed_at: string | number | Date;
};

/** A write to the claims of `members`: it changes every dimension, for them alone. */
const claimsOf = (members: string[]): Change => ({ dimensions: COUNTED_DIMENSIONS, members: async () => members, linksOtherMembers: false });

const fail = (path: Array<string | number>, message: string): never => {
  throw invalidInput('field', [{ path, message }]);
};

/**
 * Members' skill claims: one per member and skill, keyed by documentIds. A member only ever reads
 * or replaces their own through these functions' callers; a replacement is all or nothing.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sql = () => getService(strapi, 'sql');
  const table = () => sql().table('plugin::skills-mapping.claim');

  /** Skills by slug and by documentId, named in `locale` (the default locale's name when untranslated). */
  const skillIndex = async (locale: string) => {
    const byKey = new Map<string, SkillRow>();
    for (const skill of await getService(strapi, 'labels').skills(locale)) byKey.set(skill.documentId, skill).set(skill.slug, skill);
    return byKey;
  };

  /**
   * The table row of a claim, written with knex for set-based writes; it carries what the Document
   * Service would set (a documentId, and a publication date: claims have no drafts).
   */
  const rowOf = (memberDocumentId: string, claim: ClaimRecord, assessedAt: Date, now: Date) => ({
    document_id: createId(),
    member_document_id: memberDocumentId,
    skill_document_id: claim.skillDocumentId,
    level: claim.level,
    wants_to_learn: claim.wantsToLearn,
    can_mentor: claim.canMentor,
    open_to_questions: claim.openToQuestions,
    assessed_at: assessedAt,
    created_at: now,
    updated_at: now,
    published_at: now,
  });

  const due = (assessedAt: Date) => {
    const limit = new Date();
    limit.setMonth(limit.getMonth() - getConfig(strapi).reassessAfterMonths);
    return assessedAt < limit;
  };

  return {
    LEVELS,

    /** The member profile (documentId) of a signed-in user, or null when they have none. */
    async profileOf(userId: number) {
      return (await strapi.db.query(uidOf(strapi, 'member')).findOne({
        select: ['documentId', 'languages'],
        where: { user: { id: userId } },
      })) as { documentId: string; languages: string[] | null } | null;
    },

    /** A member's claims, with skill names in `locale` and the ones due for re-assessment flagged. */
    async list(memberDocumentId: string, locale: string) {
      const rows = (await sql().knex()(table()).where('member_document_id', memberDocumentId).orderBy('level', 'desc')) as Row[];
      const skills = await skillIndex(locale);
      return rows.map((row) => {
        const assessedAt = new Date(row.assessed_at);
        const skill = skills.get(row.skill_document_id);
        return {
          skill: { documentId: row.skill_document_id, slug: skill?.slug ?? null, name: skill?.name ?? null },
          level: Number(row.level),
          levelName: LEVELS[Number(row.level)],
          wantsToLearn: Boolean(row.wants_to_learn),
          canMentor: Boolean(row.can_mentor),
          openToQuestions: Boolean(row.open_to_questions),
          assessedAt: assessedAt.toISOString(),
          dueForReassessment: due(assessedAt),
        };
      });
    },

    /** Checks a replacement set of claims: known skills, levels 0–4, no skill twice. 400 naming the item otherwise. */
    async validate(input: unknown): Promise<ClaimRecord[]> {
      const claims = parse(claimsSchema, input, 'field', ['data']);
      const skills = await skillIndex(getConfig(strapi).locales.default);
      const seen = new Set<string>();
      return claims.map((claim, index) => {
        const skill = skills.get(claim.skill);
        if (!skill) fail(['data', index, 'skill'], `unknown skill "${claim.skill}"`);
        if (seen.has(skill!.documentId)) fail(['data', index, 'skill'], `"${claim.skill}" is claimed twice`);
        seen.add(skill!.documentId);
        return { wantsToLearn: false, canMentor: false, openToQuestions: false, ...claim, skillDocumentId: skill!.documentId };
      });
    },

    /**
     * Replaces all of a member's claims in one transaction. A claim whose level is unchanged keeps
     * its assessment date; a new or re-levelled claim is assessed now.
     */
    async replace(memberDocumentId: string, claims: ClaimRecord[]) {
      await getService(strapi, 'coverage').track(claimsOf([memberDocumentId]), async (trx) => {
        const previous = new Map(
          ((await trx(table()).select('skill_document_id', 'level', 'assessed_at').where('member_document_id', memberDocumentId)) as Row[]).map((row) => [
            row.skill_document_id,
            row,
          ]),
        );
        await trx(table()).delete().where('member_document_id', memberDocumentId);
        const now = new Date();
        const rows = claims.map((claim) => {
          const before = previous.get(claim.skillDocumentId);
          const assessedAt = before && Number(before.level) === claim.level ? new Date(before.assessed_at) : (claim.assessedAt ?? now);
          return rowOf(memberDocumentId, claim, assessedAt, now);
        });
        for (let i = 0; i < rows.length; i += 200) await trx(table()).insert(rows.slice(i, i + 200));
      });
    },

    /** Adds claims that do not exist yet (seeding; existing ones are left as they are). */
    async addMissing(claims: Array<ClaimRecord & { memberDocumentId: string }>) {
      const now = new Date();
      const rows = claims.map((claim) => rowOf(claim.memberDocumentId, claim, claim.assessedAt ?? now, now));
      await getService(strapi, 'coverage').track(claimsOf([...new Set(claims.map((claim) => claim.memberDocumentId))]), async (trx) => {
        for (let i = 0; i < rows.length; i += 200)
          await trx(table())
            .insert(rows.slice(i, i + 200))
            .onConflict(['member_document_id', 'skill_document_id'])
            .ignore();
      });
    },

    /** Every claim of a member goes (erasure), inside the caller's transaction when there is one. */
    async removeAll(memberDocumentId: string) {
      await getService(strapi, 'coverage').track(claimsOf([memberDocumentId]), async (trx) => {
        await trx(table()).delete().where('member_document_id', memberDocumentId);
      });
    },
  };
};
