import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { uidOf } from '../utils/content-types';
import { getConfig, getService } from '../utils/get-service';
import { invalidInput, parse } from '../utils/parse';

export const expertsQuery = z
  .object({
    skill: z
      .string()
      .min(1, 'is required')
      .max(120)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be a skill slug or documentId'),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 language code')
      .optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
      .optional(),
    minLevel: z.coerce.number().int().min(0).max(4).optional(),
    canMentor: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
  })
  .strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Who to ask about a skill (members only). */
  async find(ctx: Context) {
    const query = parse(expertsQuery, { skill: '', ...ctx.query });
    const skill = (await strapi.db.query(uidOf(strapi, 'skill')).findOne({
      select: ['documentId', 'slug'],
      where: { $or: [{ slug: query.skill }, { documentId: query.skill }] },
    })) as { documentId: string; slug: string } | null;
    if (!skill) throw invalidInput('parameter', [{ path: ['skill'], message: `unknown skill "${query.skill}"` }]);
    // A full-access API token asks for no one in particular: no languages to rank by, no one to leave out.
    const caller = ctx.state.user ? await getService(strapi, 'claims').profileOf(ctx.state.user.id) : null;
    const experts = await getService(strapi, 'experts').find(skill.documentId, query, caller?.languages ?? [], caller?.documentId);
    const contacts = await getConfig(strapi).contactsOf(
      strapi,
      experts.map((expert) => expert.documentId),
      ctx,
    );
    const data = experts.map((expert) => ({ ...expert, contact: contacts.get(expert.documentId) ?? null }));
    ctx.body = { data, meta: { skill: skill.slug, total: data.length } };
  },
});
