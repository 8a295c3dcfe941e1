import type { Core } from '@strapi/strapi';
import { contentLocales, isEnabledLocale } from '../../../content/locales';
import { invalidParameter } from '../../../utils/errors';
import { ruleFor } from '../../access/rules';
import type { Viewer } from '../../access/viewer';

const REGISTRATIONS = 'api::registration.registration';
const WORKSHOPS = 'api::workshop.workshop';

export type WorkshopSummary = { documentId: string; title: string; startsAt: string; endsAt: string; timezone: string };

type WorkshopRow = { documentId: string; locale: string; title: string; startsAt: string | Date; endsAt: string | Date; timeZone: string };

const iso = (value: string | Date) => new Date(value).toISOString();

/** The workshops of registrations, as a registration answers them. */
const createWorkshopSummaries = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The workshop of each registration (by registration documentId) as `viewer` may see it: published,
   * within the workshop's visibility rule, in `locale` where it has that translation, else in the
   * default locale. Registrations whose workshop is gone or hidden from the viewer are left out.
   */
  async ofRegistrations(registrationIds: string[], viewer: Viewer, locale?: string): Promise<Map<string, WorkshopSummary>> {
    if (locale !== undefined && !isEnabledLocale(strapi, locale)) throw invalidParameter('locale', `unknown locale '${locale.slice(0, 20)}'`);
    const fallback = contentLocales(strapi).default;
    const registrations = (await strapi.db.query(REGISTRATIONS).findMany({
      select: ['documentId'],
      where: { documentId: { $in: registrationIds } },
      populate: { workshop: { select: ['documentId'] } },
    })) as Array<{ documentId: string; workshop: { documentId: string } | null }>;
    const workshopIds = [...new Set(registrations.flatMap((registration) => (registration.workshop ? [registration.workshop.documentId] : [])))];
    const rows = (await strapi.db.query(WORKSHOPS).findMany({
      select: ['documentId', 'locale', 'title', 'startsAt', 'endsAt', 'timeZone'],
      where: {
        $and: [
          { documentId: { $in: workshopIds } },
          { publishedAt: { $notNull: true } },
          { locale: { $in: [...new Set([locale ?? fallback, fallback])] } },
          ruleFor(WORKSHOPS, viewer) ?? {},
        ],
      },
    })) as WorkshopRow[];
    const byWorkshop = new Map<string, WorkshopRow>();
    for (const row of rows) if (!byWorkshop.has(row.documentId) || row.locale === locale) byWorkshop.set(row.documentId, row);

    const out = new Map<string, WorkshopSummary>();
    for (const registration of registrations) {
      const row = registration.workshop && byWorkshop.get(registration.workshop.documentId);
      if (row)
        out.set(registration.documentId, {
          documentId: row.documentId,
          title: row.title,
          startsAt: iso(row.startsAt),
          endsAt: iso(row.endsAt),
          timezone: row.timeZone,
        });
    }
    return out;
  },
});

export default createWorkshopSummaries;

export const getWorkshopSummaries = (strapi: Core.Strapi) =>
  strapi.service('api::registration.workshop-summaries') as unknown as ReturnType<typeof createWorkshopSummaries>;
