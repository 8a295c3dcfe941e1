import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parse } from '../../../utils/parse';
import { getCalendarService } from '../services/calendar';
import { getFeedTokenService } from '../services/calendar-feed';

const noParameters = z.object({}).strict();

/** The signed-in member's user id. An API token, even a full-access one, stands for no member and so has no feed. */
const signedInUserId = (ctx: Context): number | undefined => ctx.state.user?.id;

/** A member's personal calendar feed: a secret URL that calendar apps can subscribe to without signing in. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async issue(ctx: Context) {
    parse(noParameters, ctx.query);
    const userId = signedInUserId(ctx);
    if (!userId) return ctx.forbidden('A calendar feed belongs to a signed-in member');
    const { token, createdAt } = await getFeedTokenService(strapi).issue(userId);
    ctx.status = 201;
    ctx.body = { data: { url: getCalendarService(strapi).personalFeedUrl(token), createdAt } };
  },

  async revoke(ctx: Context) {
    parse(noParameters, ctx.query);
    const userId = signedInUserId(ctx);
    if (!userId) return ctx.forbidden('A calendar feed belongs to a signed-in member');
    await getFeedTokenService(strapi).revoke(userId);
    ctx.status = 204;
  },
});
