import { errors } from '@strapi/utils';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { getMemberService } from '../services/member';

/** What a member may change on their own profile. The organisation is set by administrators. */
const ownProfileSchema = z
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

const parseOwnProfile = (body: unknown) => {
  const data = (body as { data?: unknown } | undefined)?.data;
  const result = ownProfileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.') || 'data';
    const message =
      issue.code === 'unrecognized_keys' ? `${field} cannot be changed on your own profile` : `${field}: ${issue.message}`;
    throw new errors.ValidationError(message, { errors: [{ path: field ? [field] : [], message, name: 'ValidationError' }] });
  }
  return result.data;
};

const localeOf = (query: Record<string, unknown>) => (typeof query.locale === 'string' ? query.locale : undefined);

export default createScopedController('api::member.member', ({ strapi }) => ({
  async me(ctx) {
    const profile = await getMemberService(strapi).findOwn(ctx.state.user.id, localeOf(ctx.query));
    if (!profile) return ctx.notFound('You have no member profile yet: PUT /api/members/me creates it.');
    return { data: profile, meta: {} };
  },

  async updateMe(ctx) {
    const data = parseOwnProfile(ctx.request.body);
    const profile = await getMemberService(strapi).saveOwn(ctx.state.user, data, localeOf(ctx.query));
    return { data: profile, meta: {} };
  },
}));
