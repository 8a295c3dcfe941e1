import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { signedInUserId } from '../../access/viewer';
import { parse } from '../../../utils/parse';
import { getCalendarService } from '../services/calendar';
import { getFeedTokenService } from '../services/calendar-feed';

const noParameters = z.object({}).strict();

/** A member's personal calendar feed: a secret URL that calendar apps can subscribe to without signing in. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async issue(ctx: Context) {
    parse(noParameters, ctx.query);
    const userId = signedInUserId(ctx, 'to have a personal calendar feed');
    const { token, createdAt } = await getFeedTokenService(strapi).issue(userId);
    ctx.status = 201;
    ctx.body = { data: { url: getCalendarService(strapi).personalFeedUrl(token), createdAt } };
  },

  /** Whether the member has a feed, and since when. Its URL was shown once, when issued: only a hash of it is kept. */
  async findMine(ctx: Context) {
    parse(noParameters, ctx.query);
    const userId = signedInUserId(ctx, 'to have a personal calendar feed');
    ctx.body = { data: await getFeedTokenService(strapi).current(userId) };
  },

  async revoke(ctx: Context) {
    parse(noParameters, ctx.query);
    const userId = signedInUserId(ctx, 'to have a personal calendar feed');
    await getFeedTokenService(strapi).revoke(userId);
    ctx.status = 204;
  },
});
