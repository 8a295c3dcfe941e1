import ICAL from 'ical.js';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createMembers } from '../helpers/users';
import { createWorkshop } from './workshops';

/**
 * One workshop's calendar file (GET /api/workshops/:id/calendar.ics), for "Add to calendar" on the
 * members' site: one event, the feed's own, with the same visibility as the workshop itself.
 */
const app = useApp('empty');

const fileOf = (id: string) => `/api/workshops/${id}/calendar.ics`;

const eventsOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
const tzidOf = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!.getFirstProperty('dtstart')!.getParameter('tzid');

describe('one workshop as a calendar file', () => {
  test('a public workshop: one event in its own time zone, valid RFC 5545 line ends, served as a file', async () => {
    const workshop = await createWorkshop(app(), { visibility: 'public' });
    const response = await api(app()).get(fileOf(workshop));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="workshop-${workshop}.ics"`);
    expect(response.headers['cache-control']).toBeUndefined();

    const text = response.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // Every line ends with CRLF: no bare LF or CR anywhere.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const events = eventsOf(text);
    expect(events).toHaveLength(1);
    const stored = (await app()
      .strapi.db.query('api::workshop.workshop')
      .findOne({ where: { documentId: workshop, locale: 'en', publishedAt: { $notNull: true } } })) as {
      title: string;
      startsAt: string;
      endsAt: string;
    };
    const [event] = events;
    expect(event.uid).toBe(`workshop-${workshop}@${new URL(app().strapi.config.get<string>('server.absoluteUrl')).hostname}`);
    expect(event.summary).toBe(stored.title);
    expect(event.location).toBe('The link is sent to registered members.');
    expect(tzidOf(text)).toBe('Europe/Berlin');
    // iCalendar times are to the second.
    const seconds = (date: Date | string) => Math.floor(new Date(date).getTime() / 1000);
    expect(seconds(event.startDate.toJSDate())).toBe(seconds(stored.startsAt));
    expect(seconds(event.endDate.toJSDate())).toBe(seconds(stored.endsAt));
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n');
  });

  test('a members-only workshop is a 404 for the public and a file for a member (their JWT), marking their registration', async () => {
    const workshop = await createWorkshop(app(), { visibility: 'members' });
    const [member] = await createMembers(app(), 1);

    const refused = await api(app()).get(fileOf(workshop));
    expect([refused.status, refused.body.error.message]).toEqual([404, 'No such workshop']);

    const before = await api(app(), member).get(fileOf(workshop));
    expect(before.status).toBe(200);
    expect(before.headers['cache-control']).toBe('private, no-store');
    expect(eventsOf(before.text)).toHaveLength(1);
    expect(before.text).not.toContain('STATUS:');

    await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);
    const after = await api(app(), member).get(fileOf(workshop));
    expect(after.text).toContain('STATUS:CONFIRMED\r\n');
    // The file names nobody, not even the member it is for.
    expect(after.text).not.toContain(member.email);
    expect(after.text).not.toMatch(/ORGANIZER|ATTENDEE/);
  });

  test('in the asked locale where translated, in English otherwise; a past workshop still has its file', async () => {
    const workshop = await createWorkshop(app(), { visibility: 'public', startsInDays: -10, opensInDays: -20, closesInDays: -11 });
    const english = (await app()
      .strapi.documents('api::workshop.workshop')
      .findOne({ documentId: workshop, locale: 'en', status: 'published' } as never)) as unknown as Record<string, unknown>;
    const shared = Object.fromEntries(
      ['slug', 'format', 'startsAt', 'endsAt', 'timeZone', 'isOnline', 'capacity', 'visibility'].map((field) => [field, english[field]]),
    );
    await app()
      .strapi.documents('api::workshop.workshop')
      .update({ documentId: workshop, locale: 'de', data: { ...shared, title: 'Klinik für strategische Prozessführung' }, status: 'published' } as never);
    const german = await api(app()).get(`${fileOf(workshop)}?locale=de`);
    expect(eventsOf(german.text)[0].summary).toBe('Klinik für strategische Prozessführung');
    const french = await api(app()).get(`${fileOf(workshop)}?locale=fr`);
    expect(french.status).toBe(200);
    expect(eventsOf(french.text)[0].summary).toMatch(/^Strategic litigation clinic /);
  });

  test('refusals: a malformed id, an unknown or unpublished workshop, a disabled locale, a feed token', async () => {
    const draft = await createWorkshop(app(), { visibility: 'public', published: false });
    const malformed = await api(app()).get(fileOf('not-an-id!'));
    expect([malformed.status, malformed.body.error.details.errors[0].path]).toEqual([400, ['id']]);
    expect((await api(app()).get(fileOf('a'.repeat(24)))).status).toBe(404);
    expect((await api(app()).get(fileOf(draft))).status).toBe(404);

    const workshop = await createWorkshop(app(), { visibility: 'public' });
    const locale = await api(app()).get(`${fileOf(workshop)}?locale=xx`);
    expect([locale.status, locale.body.error.details.errors[0].path]).toEqual([400, ['locale']]);
    const token = await api(app()).get(`${fileOf(workshop)}?token=${'a'.repeat(43)}`);
    expect([token.status, token.body.error.details.errors[0].path]).toEqual([400, ['token']]);
  });
});
