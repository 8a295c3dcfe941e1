import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { signedInUserId, viewerFromContext } from '../../access/viewer';
import { NUL, SINGLE_LINE_CONTROL } from '../../../content/control-characters';
import { getContactService } from '../services/contact';
import { getMemberService } from '../services/member';
import type createOwnData from '../services/own-data';
import { documentIdParam, parse } from '../../../utils/parse';

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
    contactRoute: z.enum(['none', 'email', 'message']),
  })
  .partial()
  .strict();

/** A message to another member: a one-line subject (it becomes the e-mail's) and the text. */
export const memberMessageSchema = z
  .object({
    subject: z
      .string()
      .trim()
      .min(1)
      .max(150)
      .refine((subject) => !SINGLE_LINE_CONTROL.test(subject), 'must be one line, without control characters'),
    message: z
      .string()
      .min(1)
      .max(5000)
      .refine((message) => message.trim().length > 0, 'must not be empty')
      .refine((message) => !NUL.test(message), 'must not contain NUL characters'),
  })
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

  /** How a signed-in member may contact the member `:id`: their e-mail, or a message through the platform. */
  async contact(ctx) {
    const member = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    signedInUserId(ctx, 'to contact members');
    return { data: await getContactService(strapi).contactFor(member, viewerFromContext(ctx)) };
  },

  /** Sends the member `:id` a message by e-mail, from the signed-in member (202: handed to the mail server). */
  async message(ctx) {
    const member = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    const userId = signedInUserId(ctx, 'to send members messages');
    const data = parse(memberMessageSchema, (ctx.request.body as { data?: unknown } | undefined)?.data ?? {}, 'field');
    const { sent } = await getContactService(strapi).send(userId, member, data);
    if (!sent) {
      ctx.status = 503;
      ctx.body = {
        data: null,
        error: { status: 503, name: 'ServiceUnavailableError', message: 'The message could not be sent just now: please try again later.', details: {} },
      };
      return;
    }
    ctx.status = 202;
    ctx.body = { data: { sent: true } };
  },

  async updateMe(ctx) {
    const data = parseOwnProfile(ctx.request.body);
    signedInUserId(ctx, 'to have a profile');
    const profile = await getMemberService(strapi).saveOwn(ctx.state.user, data, localeOf(ctx.query));
    return { data: profile, meta: {} };
  },
}));
