import type { Core } from '@strapi/strapi';
import { ICalCalendar, ICalEventStatus, type ICalEventData } from 'ical-generator';
import { DateTime } from 'luxon';
import removeMarkdown from 'remove-markdown';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { contentLocales } from '../../../content/locales';
import { ruleFor } from '../../access/rules';
import type { Viewer } from '../../access/viewer';

const WORKSHOPS = 'api::workshop.workshop';
const REGISTRATIONS = 'api::registration.registration';
/** Calendar apps show a few lines; the whole text is one click away at the event's URL. */
const DESCRIPTION_MAX_LENGTH = 1000;
/** How often calendar apps should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 60 * 60;

type Workshop = {
  id: number;
  documentId: string;
  locale: string;
  title: string;
  description: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
  timeZone: string;
  isOnline: boolean;
  venue: string | null;
  city: string | null;
  country: string | null;
  onlineNote: string | null;
  updatedAt: Date | string;
};
const WORKSHOP_FIELDS = [
  'id',
  'documentId',
  'locale',
  'title',
  'description',
  'startsAt',
  'endsAt',
  'timeZone',
  'isOnline',
  'venue',
  'city',
  'country',
  'onlineNote',
  'updatedAt',
];

type Registration = { state: 'confirmed' | 'waitlisted'; waitlistPosition: number | null; updatedAt: Date | string; workshop: { documentId: string } | null };

/** Every zone name the VTIMEZONE library knows, aliases included. */
const DESCRIBED_ZONES = new Set(tzlib_get_timezones() as string[]);

/**
 * The VTIMEZONE of an IANA zone, with the TZID it describes the zone under (an alias such as
 * Europe/Kiev is described as Europe/Kyiv, so events must use that TZID too), or null for a zone
 * the library does not know.
 */
const describeZone = (zone: string) => {
  if (!DESCRIBED_ZONES.has(zone)) return null;
  const [vtimezone, tzidParameter] = tzlib_get_ical_block(zone) as string[];
  return { tzid: tzidParameter.replace(/^TZID=/, ''), vtimezone };
};

const plainText = (markdown: string | null) =>
  removeMarkdown(markdown ?? '', { stripListLeaders: false })
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Cuts at the last word boundary that fits, so no word is split. */
const shorten = (text: string, maxLength: number) => {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.search(/\s\S*$/);
  return `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
};

const countryName = (code: string, locale: string) => new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;

const locationOf = (workshop: Workshop) => {
  if (workshop.isOnline) return workshop.onlineNote?.trim() || 'Online';
  const place = [workshop.venue, workshop.city, workshop.country && countryName(workshop.country, workshop.locale)].filter(Boolean).join(', ');
  return place || null;
};

const registrationNote = (registration: Registration) =>
  registration.state === 'confirmed'
    ? 'Your registration: confirmed.'
    : `Your registration: on the waitlist${registration.waitlistPosition ? `, waitlist position ${registration.waitlistPosition}` : ''}.`;

const latest = (...dates: Array<Date | string | undefined>) =>
  new Date(Math.max(...dates.filter((date) => date !== undefined).map((date) => new Date(date).getTime())));

/**
 * The workshop calendar (RFC 5545): upcoming published workshops that `viewer` may see, each in
 * its own time zone. For a member it also marks their own registrations. It never names a person:
 * no facilitators, no organizer, no attendees, not even the member the feed belongs to.
 */
const workshopCalendar = ({ strapi }: { strapi: Core.Strapi }) => {
  /** PUBLIC_URL when the server runs behind a proxy, else its own address. */
  const serverUrl = () => strapi.config.get<string>('server.absoluteUrl');
  /**
   * The platform is headless: it has no web page per workshop, only the REST resource that every
   * front end reads, so events and feeds link there.
   */
  const apiUrl = (path: string) => `${serverUrl()}${strapi.config.get<string>('api.rest.prefix', '/api')}${path}`;

  /**
   * Each published workshop matching `where` that `viewer` may see, once: in `locale` where
   * translated, else in the default locale, else in the language it was written in.
   */
  const workshopsIn = async (where: Record<string, unknown>, viewer: Viewer, locale: string, defaultLocale: string) => {
    const translations = (await strapi.db.query(WORKSHOPS).findMany({
      select: ['id', 'documentId', 'locale'],
      where: { ...where, publishedAt: { $notNull: true }, ...ruleFor(WORKSHOPS, viewer) },
    })) as Array<Pick<Workshop, 'id' | 'documentId' | 'locale'>>;
    const rank = (row: { locale: string }) => (row.locale === locale ? 0 : row.locale === defaultLocale ? 1 : 2);
    const chosen = new Map<string, { id: number; locale: string }>();
    for (const row of translations) {
      const current = chosen.get(row.documentId);
      if (!current || rank(row) < rank(current)) chosen.set(row.documentId, row);
    }
    if (chosen.size === 0) return [];
    return (await strapi.db.query(WORKSHOPS).findMany({
      select: WORKSHOP_FIELDS,
      where: { id: { $in: [...chosen.values()].map((row) => row.id) } },
      orderBy: [{ startsAt: 'asc' }, { documentId: 'asc' }],
    })) as Workshop[];
  };

  /** The member's registrations that hold or wait for a place, by workshop documentId. */
  const activeRegistrations = async (userId: number) => {
    const registrations = (await strapi.db.query(REGISTRATIONS).findMany({
      select: ['state', 'waitlistPosition', 'updatedAt'],
      where: { member: { user: { id: userId } }, state: { $in: ['confirmed', 'waitlisted'] } },
      populate: { workshop: { select: ['documentId'] } },
    })) as Registration[];
    const byWorkshop = new Map<string, Registration>();
    for (const registration of registrations) {
      const documentId = registration.workshop?.documentId;
      if (documentId && byWorkshop.get(documentId)?.state !== 'confirmed') byWorkshop.set(documentId, registration);
    }
    return byWorkshop;
  };

  const eventOf = (workshop: Workshop, host: string, registration: Registration | undefined): ICalEventData => {
    const zone = describeZone(workshop.timeZone);
    if (!zone) strapi.log.warn(`Workshop ${workshop.documentId} has an unknown time zone "${workshop.timeZone}": the calendar gives its times in UTC.`);
    const modified = latest(workshop.updatedAt, registration?.updatedAt);
    const description = [registration && registrationNote(registration), shorten(plainText(workshop.description), DESCRIPTION_MAX_LENGTH)]
      .filter(Boolean)
      .join('\n\n');
    return {
      id: `workshop-${workshop.documentId}@${host}`,
      start: DateTime.fromJSDate(new Date(workshop.startsAt)),
      end: DateTime.fromJSDate(new Date(workshop.endsAt)),
      timezone: zone?.tzid ?? null,
      summary: workshop.title,
      description: description || null,
      location: locationOf(workshop),
      url: apiUrl(`/workshops/${workshop.documentId}?locale=${encodeURIComponent(workshop.locale)}`),
      // A feed without METHOD: DTSTAMP is when the event's information last changed (RFC 5545, 3.8.7.2).
      stamp: modified,
      lastModified: modified,
      status: registration ? (registration.state === 'confirmed' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE) : null,
    };
  };

  /** The calendar of `workshops`, each marked with `viewer`'s own registration when they are a member. */
  const calendarOf = async (viewer: Viewer, workshops: Workshop[]) => {
    const registrations = viewer.kind === 'member' && workshops.length > 0 ? await activeRegistrations(viewer.userId) : new Map<string, Registration>();
    const host = new URL(serverUrl()).hostname;
    const calendar = new ICalCalendar({
      name: 'Community of Practice workshops',
      prodId: { company: 'Community of Practice', product: 'Workshop calendar', language: 'EN' },
      ttl: REFRESH_SECONDS,
      // No calendar-wide zone (so DTSTAMP and LAST-MODIFIED stay in UTC); the generator adds one VTIMEZONE per zone the events use.
      timezone: { name: null, generator: (tzid) => describeZone(tzid)?.vtimezone ?? null },
    });
    for (const workshop of workshops) calendar.createEvent(eventOf(workshop, host, registrations.get(workshop.documentId)));
    // RFC 5545 ends every content line with CRLF, the last one (END:VCALENDAR) too; ical-generator leaves it bare.
    return `${calendar.toString()}\r\n`;
  };

  return {
    personalFeedUrl(token: string) {
      return apiUrl(`/workshops/calendar.ics?token=${token}`);
    },

    /** The feed as iCalendar text, titles and descriptions in `locale` (the default locale when absent). */
    async render(viewer: Viewer, locale?: string) {
      const defaultLocale = contentLocales(strapi).default;
      return calendarOf(viewer, await workshopsIn({ endsAt: { $gt: new Date() } }, viewer, locale ?? defaultLocale, defaultLocale));
    },

    /**
     * One workshop as a calendar file of one event, past or upcoming, exactly as the feed gives it;
     * null when there is no such published workshop or `viewer` may not see it.
     */
    async renderWorkshop(viewer: Viewer, documentId: string, locale?: string) {
      const defaultLocale = contentLocales(strapi).default;
      const workshops = await workshopsIn({ documentId }, viewer, locale ?? defaultLocale, defaultLocale);
      return workshops.length === 0 ? null : calendarOf(viewer, workshops);
    },
  };
};

export default workshopCalendar;

export const getCalendarService = (strapi: Core.Strapi) => strapi.service('api::calendar-feed.calendar') as unknown as ReturnType<typeof workshopCalendar>;
