import type { Context } from 'koa';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { PUBLIC_VIEWER } from '../../access/viewer';
import { getCalendarService } from '../../calendar-feed/services/calendar';
import { FEED_TOKEN_FORMAT, getFeedTokenService } from '../../calendar-feed/services/calendar-feed';
import { contentLocales } from '../../../content/locales';
import { parse } from '../../../utils/parse';

export const calendarQuery = (enabledLocales: ReadonlySet<string>) =>
  z
    .object({
      locale: z
        .string()
        .refine((code) => enabledLocales.has(code), 'is not an enabled locale')
        .optional(),
      token: z.string().regex(FEED_TOKEN_FORMAT, 'is not a calendar feed token').optional(),
    })
    .strict();

export default createScopedController('api::workshop.workshop', ({ strapi }) => ({
  /**
   * The iCalendar feed of upcoming workshops. Calendar apps subscribe to a URL and send no
   * credentials, so what the feed shows depends on its `token` alone: none, the public feed; a
   * member's personal token, also members-only workshops and their own registrations.
   */
  async calendar(ctx: Context) {
    const calendar = getCalendarService(strapi);
    const { locale, token } = parse(calendarQuery(new Set(contentLocales(strapi).enabled)), ctx.query);
    const viewer = token ? await getFeedTokenService(strapi).viewerOf(token) : PUBLIC_VIEWER;
    // The same answer for a token that never existed and one that was revoked.
    if (!viewer) return ctx.notFound('No such calendar feed');
    const body = await calendar.render(viewer, locale);
    ctx.set('Content-Type', 'text/calendar; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="workshops${locale ? `-${locale}` : ''}.ics"`);
    // A personal feed is one member's: no shared cache may keep it, nor serve it after it is revoked.
    if (token) ctx.set('Cache-Control', 'private, no-store');
    ctx.body = body;
  },
}));
