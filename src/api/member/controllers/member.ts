import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { signedInUserId } from '../../access/viewer';
import { getMemberService } from '../services/member';
import type createOwnData from '../services/own-data';
import { parse } from '../../../utils/parse';

const getOwnDataService = (strapi: Core.Strapi) => strapi.service('api::member.own-data') as unknown as ReturnType<typeof createOwnData>;

/** What a member may change on their own profile. The organisation is set by administrators. */
export const ownProfileSchema = z
  .object({
    displayName: z.string().trim().min(1).max(120),
    bio: z.string().max(4000).nullable(),
    countries: z.array(z.string()),
    languages: z.array(z.string()),
    visibility: z.enum(['hidden', 'members', 'public']),
    openToQuestions: z.boolean(),
    canMentor: z.boolean(),
  })
  .partial()
  .strict();

/** The profile fields of a `{ data }` body; any other field (the user, the organisation…) is a 400 naming it. */
const parseOwnProfile = (body: unknown) => parse(ownProfileSchema, (body as { data?: unknown } | undefined)?.data, 'field');

const localeOf = (query: Record<string, unknown>) => (typeof query.locale === 'string' ? query.locale : undefined);

export default createScopedController('api::member.member', ({ strapi }) => ({
  async me(ctx) {
    const profile = await getMemberService(strapi).findOwn(signedInUserId(ctx, 'to have a profile'), localeOf(ctx.query));
    if (!profile) return ctx.notFound('You have no member profile yet: PUT /api/members/me creates it.');
    return { data: profile, meta: {} };
  },

  /** Everything the platform holds about the signed-in member, as JSON to keep. */
  async exportMine(ctx) {
    parse(z.object({}).strict(), ctx.query);
    const data = await getOwnDataService(strapi).export(signedInUserId(ctx, 'to export your data'));
    ctx.set('Content-Disposition', 'attachment; filename="my-community-of-practice-data.json"');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data };
  },

  /** Erases the signed-in member's profile, claims, registrations and account, all or nothing. */
  async eraseMine(ctx) {
    parse(z.object({}).strict(), ctx.query);
    await getOwnDataService(strapi).erase(signedInUserId(ctx, 'to erase your data'));
    ctx.status = 204;
  },

  async updateMe(ctx) {
    const data = parseOwnProfile(ctx.request.body);
    signedInUserId(ctx, 'to have a profile');
    const profile = await getMemberService(strapi).saveOwn(ctx.state.user, data, localeOf(ctx.query));
    return { data: profile, meta: {} };
  },
}));
