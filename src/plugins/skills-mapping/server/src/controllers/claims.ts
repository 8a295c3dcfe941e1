import type { Core } from '@strapi/strapi';
// Strapi's router answers a thrown ForbiddenError with a bare "Forbidden"; an HTTP error keeps the message.
import createError from 'http-errors';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { z } from 'zod';
import { uidOf } from '../utils/content-types';
import { getService } from '../utils/get-service';
import { parse } from '../utils/parse';
import { resolveLocale } from './locale';

export const localeQuery = z.object({ locale: z.string().max(20).optional() }).strict();

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const claims = () => getService(strapi, 'claims');

  const ownProfile = async (ctx: Context) => {
    const profile = await claims().profileOf(ctx.state.user.id);
    if (!profile) throw new errors.NotFoundError('You have no member profile yet: PUT /api/members/me creates it.');
    return profile;
  };

  /** The locale to name skills in (`?locale=`, the default one otherwise). */
  const localeOf = (ctx: Context) => resolveLocale(strapi, parse(localeQuery, ctx.query).locale);

  const replace = async (ctx: Context, memberDocumentId: string) => {
    const locale = localeOf(ctx);
    const validated = await claims().validate((ctx.request.body as { data?: unknown } | undefined)?.data);
    await claims().replace(memberDocumentId, validated);
    ctx.body = { data: await claims().list(memberDocumentId, locale) };
  };

  return {
    async findMine(ctx: Context) {
      const locale = localeOf(ctx);
      ctx.body = { data: await claims().list((await ownProfile(ctx)).documentId, locale) };
    },

    /** Replaces all of the caller's claims at once: everything valid, or nothing changes. */
    async replaceMine(ctx: Context) {
      await replace(ctx, (await ownProfile(ctx)).documentId);
    },

    /** The claims of a profile the caller may see (`members` or `public`, or their own). */
    async findForMember(ctx: Context) {
      const locale = localeOf(ctx);
      const own = await claims().profileOf(ctx.state.user.id);
      const profile = (await strapi.db
        .query(uidOf(strapi, 'member'))
        .findOne({ select: ['documentId', 'visibility'], where: { documentId: ctx.params.documentId } })) as {
        documentId: string;
        visibility: string;
      } | null;
      if (!profile || (profile.visibility === 'hidden' && profile.documentId !== own?.documentId)) throw new errors.NotFoundError('No such member');
      ctx.body = { data: await claims().list(profile.documentId, locale) };
    },

    /** Only a member's own claims can be written, whatever the route. */
    async replaceForMember(ctx: Context) {
      const own = await ownProfile(ctx);
      if (ctx.params.documentId !== own.documentId) throw createError(403, 'You can only change your own skill claims');
      await replace(ctx, own.documentId);
    },
  };
};
