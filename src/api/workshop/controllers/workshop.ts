import type { Context } from 'koa';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { PUBLIC_VIEWER, viewerFromContext } from '../../access/viewer';
import { getCalendarService } from '../../calendar-feed/services/calendar';
import { FEED_TOKEN_FORMAT, getFeedTokenService } from '../../calendar-feed/services/calendar-feed';
import { contentLocales } from '../../../content/locales';
import { documentIdParam, parse } from '../../../utils/parse';

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

/** One workshop's calendar file is asked for as its viewer (the member's sign-in, or none): no feed token. */
export const workshopCalendarQuery = (enabledLocales: ReadonlySet<string>) => calendarQuery(enabledLocales).omit({ token: true });

const calendarHeaders = (ctx: Context, filename: string, personal: boolean) => {
  ctx.set('Content-Type', 'text/calendar; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  // A personal calendar is one member's: no shared cache may keep it, nor serve it after it is revoked.
  if (personal) ctx.set('Cache-Control', 'private, no-store');
};

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
    calendarHeaders(ctx, `workshops${locale ? `-${locale}` : ''}.ics`, Boolean(token));
    ctx.body = body;
  },

  /**
   * One workshop as a calendar file (one event), for "Add to calendar". It follows the workshop's
   * own visibility: a members-only workshop is a 404 for the public, as on GET /api/workshops/:id.
   */
  async calendarEvent(ctx: Context) {
    const id = parse(documentIdParam, ctx.params.id, 'parameter', ['id']);
    const { locale } = parse(workshopCalendarQuery(new Set(contentLocales(strapi).enabled)), ctx.query);
    const viewer = viewerFromContext(ctx);
    const body = await getCalendarService(strapi).renderWorkshop(viewer, id, locale);
    if (body === null) return ctx.notFound('No such workshop');
    calendarHeaders(ctx, `workshop-${id}.ics`, viewer.kind !== 'public');
    ctx.body = body;
  },
}));
