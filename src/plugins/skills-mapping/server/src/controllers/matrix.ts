import type { Core, UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import createError from 'http-errors';
import { MEMBERS_ONLY } from '../services/matrix';
import { DIMENSIONS, type Dimension } from '../services/sql';
import { skillCategories, uidOf } from '../utils/content-types';
import { getConfig, getService } from '../utils/get-service';
import { invalidInput, parse } from '../utils/parse';
import { resolveLocale } from './locale';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug')
  .max(120);

export const matrixQuery = z
  .object({
    dimension: z.enum(DIMENSIONS as [string, ...string[]]).default('issueArea'),
    locale: z.string().max(20).optional(),
    minLevel: z.coerce.number().int().min(0).max(4).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
      .optional(),
    organisation: slug.optional(),
    issueArea: slug.optional(),
    /** One of the skill type's categories (checked against its enumeration when the request is read). */
    category: z
      .string()
      .regex(/^[a-z0-9_]+$/, 'must be a skill category')
      .max(60)
      .optional(),
    parent: slug.optional(),
  })
  .strict();

export const gapsQuery = z.object({ locale: z.string().max(20).optional(), limit: z.coerce.number().int().min(1).max(100).default(10) }).strict();

/**
 * The public's tables are fixed: filtering on members (or counting per organisation) would let
 * anyone difference two tables down to one person.
 */
const refuseMembersOnly = (query: { dimension: Dimension } & Partial<Record<(typeof MEMBERS_ONLY.filters)[number], unknown>>) => {
  const filter = MEMBERS_ONLY.filters.find((name) => query[name] !== undefined);
  // Strapi's router answers a thrown ForbiddenError with a bare "Forbidden"; an HTTP error keeps the message.
  if (filter) throw createError(403, `Filtering the skills matrix by '${filter}' is for signed-in members`);
  if (MEMBERS_ONLY.dimensions.includes(query.dimension)) throw createError(403, `The skills matrix by '${query.dimension}' is for signed-in members`);
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Members and trusted integrations see exact counts; the public sees the fixed, disclosure-controlled tables. */
  const seesExactCounts = (ctx: Context) => getConfig(strapi).viewerOf(ctx).kind !== 'public';

  /** The query, with locale, category and every named slug checked. */
  const read = async (ctx: Context) => {
    const query = parse(matrixQuery, ctx.query);
    if (!seesExactCounts(ctx)) refuseMembersOnly(query as typeof query & { dimension: Dimension });
    const locale = resolveLocale(strapi, query.locale);
    const categories = skillCategories(strapi);
    if (query.category && !categories.includes(query.category)) {
      throw invalidInput('parameter', [{ path: ['category'], message: `must be one of ${categories.join(', ')}` }]);
    }
    const known = async (uid: UID.ContentType, value: string | undefined, parameter: string) => {
      if (value && !(await strapi.db.query(uid).findOne({ select: ['id'], where: { slug: value } }))) {
        throw invalidInput('parameter', [{ path: [parameter], message: `unknown ${parameter} "${value}"` }]);
      }
    };
    await known(uidOf(strapi, 'organisation'), query.organisation, 'organisation');
    await known(uidOf(strapi, 'issueArea'), query.issueArea, 'issueArea');
    await known(uidOf(strapi, 'skill'), query.parent, 'parent');
    return { ...query, locale, dimension: query.dimension as (typeof DIMENSIONS)[number] };
  };

  return {
    /** The coverage matrix, as JSON. */
    async find(ctx: Context) {
      const exact = seesExactCounts(ctx);
      const matrix = await getService(strapi, 'matrix').build(await read(ctx), exact);
      ctx.body = { data: matrix, meta: { exactCounts: exact, threshold: exact ? null : getConfig(strapi).publicMinimumCount } };
    },

    /** The coverage matrix as CSV, one line per skill and column. */
    async csv(ctx: Context) {
      const query = await read(ctx);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="skills-matrix-${query.dimension}-${query.locale}.csv"`);
      ctx.body = await getService(strapi, 'matrix').csv(query, seesExactCounts(ctx));
    },

    /** Growth areas: the skills with the most unmet demand, overall and per issue area. */
    async gaps(ctx: Context) {
      const { locale: requested, limit } = parse(gapsQuery, ctx.query);
      const locale = resolveLocale(strapi, requested);
      ctx.body = { data: await getService(strapi, 'gaps').rank(locale, seesExactCounts(ctx), limit) };
    },
  };
};
