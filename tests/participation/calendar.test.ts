import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createFullAccessToken, createUser, type TestUser } from '../helpers/users';

/**
 * The workshop calendar feed (RFC 5545), read with Mozilla's ical.js, an independent parser: the
 * public feed, the personal feed behind a revocable token, and that neither names anyone.
 */
const app = useApp('seeded');

const WORKSHOPS = 'api::workshop.workshop';
const FEED = '/api/workshops/calendar.ics';

type Workshop = {
  documentId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  isOnline: boolean;
  venue: string | null;
  city: string | null;
  onlineNote: string | null;
  visibility: 'public' | 'members';
};

type FeedEvent = {
  uid: string;
  summary: string;
  description: string | null;
  location: string | null;
  url: string | null;
  status: string | null;
  tzid: string | null;
  start: Date;
  end: Date;
  hasPeople: boolean;
};

/** Parses with ical.js; times resolve through the feed's own VTIMEZONE components, as in a calendar app. */
const parseFeed = (text: string) => {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid') as string);
  const events: FeedEvent[] = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: (component.getFirstPropertyValue('description') as string | null) ?? null,
      location: event.location ?? null,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      tzid: (component.getFirstProperty('dtstart')!.getParameter('tzid') as string | undefined) ?? null,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      hasPeople: Boolean(component.getFirstProperty('organizer') || component.getFirstProperty('attendee')),
    };
  });
  return { calendar, timezones, events };
};

const fetchFeed = async (query = '') => {
  const response = await api(app()).get(`${FEED}${query}`);
  expect(response.status).toBe(200);
  return { response, ...parseFeed(response.text) };
};

/** The upcoming published workshops of the given visibilities, straight from the database. */
const upcomingWorkshops = async (visibilities: Array<'public' | 'members'>) =>
  (await app()
    .strapi.db.query(WORKSHOPS)
    .findMany({
      where: { locale: 'en', publishedAt: { $notNull: true }, endsAt: { $gt: new Date() }, visibility: { $in: visibilities } },
    })) as Workshop[];

const host = () => new URL(app().strapi.config.get<string>('server.absoluteUrl')).hostname;
const uidOf = (documentId: string) => `workshop-${documentId}@${host()}`;
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const feedPath = (url: string) => {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
};

/** Every display name and e-mail address of the database's people. */
const peopleData = async () => {
  const members = (await app()
    .strapi.db.query('api::member.member')
    .findMany({ select: ['displayName'] })) as Array<{ displayName: string }>;
  const users = (await app()
    .strapi.db.query('plugin::users-permissions.user')
    .findMany({ select: ['email'] })) as Array<{ email: string }>;
  return [...new Set([...members.map((member) => member.displayName), ...users.map((user) => user.email)])];
};

/** The feed's text with folded lines joined again (RFC 5545, 3.1), so that nothing hides across a fold. */
const unfolded = (text: string) => text.replace(/\r\n[ \t]/g, '');

const expectNoPersonalData = async (text: string) => {
  const feed = unfolded(text).toLowerCase();
  const people = await peopleData();
  expect(people.length).toBeGreaterThan(100);
  expect(people.filter((value) => feed.includes(value.toLowerCase()))).toEqual([]);
  expect(feed).not.toMatch(/^(organizer|attendee|contact)[;:]/m);
};

const badRequestNaming = async (path: string, field: string) => {
  const response = await api(app()).get(path);
  expect(response.status).toBe(400);
  expect(response.body.error.name).toBe('ValidationError');
  expect(response.body.error.details.errors[0].path).toEqual([field]);
};

describe('the public feed', () => {
  test('the seed has upcoming public workshops (one of them online) and upcoming members-only ones', async () => {
    const upcoming = await upcomingWorkshops(['public', 'members']);
    expect(upcoming.filter((workshop) => workshop.visibility === 'public').length).toBeGreaterThanOrEqual(2);
    expect(upcoming.some((workshop) => workshop.visibility === 'public' && workshop.isOnline)).toBe(true);
    expect(upcoming.some((workshop) => workshop.visibility === 'members')).toBe(true);
  });

  test('is iCalendar, served as a file, and is not read as a workshop id by the core route', async () => {
    const { response, calendar } = await fetchFeed();
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="workshops\.ics"$/);
    expect(response.headers['cache-control']).toBeUndefined();
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    // The core route still answers for real ids.
    const [workshop] = await upcomingWorkshops(['public']);
    expect((await api(app()).get(`/api/workshops/${workshop.documentId}`)).body.data.documentId).toBe(workshop.documentId);
  });

  test('holds exactly the upcoming published public workshops, each in its own time zone, with place and link', async () => {
    const { events, timezones } = await fetchFeed();
    const expected = await upcomingWorkshops(['public']);
    expect(events.map((event) => event.uid).sort()).toEqual(expected.map((workshop) => uidOf(workshop.documentId)).sort());

    const absoluteUrl = app().strapi.config.get<string>('server.absoluteUrl');
    for (const workshop of expected) {
      const event = events.find((candidate) => candidate.uid === uidOf(workshop.documentId))!;
      expect(event.summary).toBe(workshop.title);
      expect(event.tzid).toBe(workshop.timeZone);
      expect(timezones).toContain(workshop.timeZone);
      expect(event.start.toISOString()).toBe(new Date(workshop.startsAt).toISOString());
      expect(event.end.toISOString()).toBe(new Date(workshop.endsAt).toISOString());
      expect(event.url).toBe(`${absoluteUrl}/api/workshops/${workshop.documentId}?locale=en`);
      expect(event.status).toBeNull();
      expect(event.hasPeople).toBe(false);
      if (workshop.isOnline) {
        expect(event.location).toBe(workshop.onlineNote ?? 'Online');
      } else {
        expect(event.location).toContain(workshop.venue!);
        expect(event.location).toContain(workshop.city!);
      }
    }
    // One VTIMEZONE per zone in use, no more.
    expect([...timezones].sort()).toEqual([...new Set(expected.map((workshop) => workshop.timeZone))].sort());
  });

  test('names nobody: no display name, e-mail, organizer or attendee', async () => {
    await expectNoPersonalData((await fetchFeed()).response.text);
  });

  test('members-only and past workshops never appear', async () => {
    const { events } = await fetchFeed();
    const uids = new Set(events.map((event) => event.uid));
    const membersOnly = await upcomingWorkshops(['members']);
    expect(membersOnly.length).toBeGreaterThan(0);
    for (const workshop of membersOnly) expect(uids.has(uidOf(workshop.documentId))).toBe(false);
    const past = (await app()
      .strapi.db.query(WORKSHOPS)
      .findMany({ where: { endsAt: { $lte: new Date() } } })) as Workshop[];
    expect(past.length).toBeGreaterThan(0);
    for (const workshop of past) expect(uids.has(uidOf(workshop.documentId))).toBe(false);
  });

  test('drafts never appear: neither a never-published workshop nor the unpublished edits of a published one', async () => {
    const documents = app().strapi.documents(WORKSHOPS);
    const startsAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const draft = await documents.create({
      locale: 'en',
      data: {
        title: 'Unpublished draft workshop',
        slug: 'unpublished-draft-workshop',
        format: 'workshop',
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
        timeZone: 'Europe/Vienna',
        isOnline: true,
        capacity: 10,
        visibility: 'public',
      },
    } as never);
    const [published] = await upcomingWorkshops(['public']);
    await documents.update({ documentId: published.documentId, locale: 'en', data: { title: 'Retitled in the draft only' } } as never);

    const { events, response } = await fetchFeed();
    expect(events.map((event) => event.uid)).not.toContain(uidOf(draft.documentId));
    expect(events.find((event) => event.uid === uidOf(published.documentId))!.summary).toBe(published.title);
    expect(unfolded(response.text)).not.toContain('Retitled in the draft only');
  });

  test('in a requested locale, with English where a workshop is not translated', async () => {
    const { events, response } = await fetchFeed('?locale=de');
    expect(response.headers['content-disposition']).toBe('attachment; filename="workshops-de.ics"');
    const expected = await upcomingWorkshops(['public']);
    const german = (await app()
      .strapi.db.query(WORKSHOPS)
      .findMany({
        where: { locale: 'de', publishedAt: { $notNull: true }, documentId: { $in: expected.map((workshop) => workshop.documentId) } },
      })) as Workshop[];
    expect(german.length).toBeGreaterThan(0);
    expect(german.length).toBeLessThan(expected.length);
    for (const workshop of expected) {
      const translation = german.find((candidate) => candidate.documentId === workshop.documentId);
      const event = events.find((candidate) => candidate.uid === uidOf(workshop.documentId))!;
      expect(event.summary).toBe((translation ?? workshop).title);
      expect(event.url).toMatch(new RegExp(`/api/workshops/${workshop.documentId}\\?locale=${translation ? 'de' : 'en'}$`));
    }
  });

  test('an alias time zone is given under its canonical TZID; a zone the calendar cannot describe falls back to UTC', async () => {
    const documents = app().strapi.documents(WORKSHOPS);
    const create = async (slug: string, timeZone: string) => {
      // On the minute: iCalendar times have no fractions of a second.
      const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 20 * 86_400_000).toISOString();
      return (await documents.create({
        locale: 'en',
        status: 'published',
        data: {
          title: slug,
          slug,
          format: 'meeting',
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 7_200_000).toISOString(),
          timeZone,
          isOnline: true,
          capacity: 10,
          visibility: 'public',
        },
      } as never)) as unknown as { documentId: string; startsAt: string };
    };
    const kyiv = await create('meeting-in-kyiv', 'Europe/Kiev');
    const unknown = await create('meeting-in-an-unknown-zone', 'Europe/Paris');
    // Written around the Document Service's validation, as data from an older time zone database could be.
    await app()
      .strapi.db.query(WORKSHOPS)
      .updateMany({ where: { documentId: unknown.documentId }, data: { timeZone: 'Atlantis/Poseidonia' } });

    const { events, timezones } = await fetchFeed();
    const kyivEvent = events.find((event) => event.uid === uidOf(kyiv.documentId))!;
    expect(kyivEvent.tzid).toBe('Europe/Kyiv');
    expect(timezones).toContain('Europe/Kyiv');
    expect(kyivEvent.start.toISOString()).toBe(new Date(kyiv.startsAt).toISOString());
    const unknownEvent = events.find((event) => event.uid === uidOf(unknown.documentId))!;
    expect(unknownEvent.tzid).toBeNull();
    expect(unknownEvent.start.toISOString()).toBe(new Date(unknown.startsAt).toISOString());
    await documents.delete({ documentId: unknown.documentId } as never);
  });

  test('descriptions are plain text, cut at a word boundary', async () => {
    const startsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const paragraph = 'We read **the judgment** together and [discuss](https://example.org/judgment) its `remedies`. ';
    const workshop = (await app()
      .strapi.documents(WORKSHOPS)
      .create({
        locale: 'en',
        status: 'published',
        data: {
          title: 'Reading a judgment',
          slug: 'reading-a-judgment',
          format: 'workshop',
          description: `## Programme\n\n- Morning: *evidence*\n- Afternoon: remedies\n\n${paragraph.repeat(20)}`,
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
          timeZone: 'Europe/Lisbon',
          isOnline: true,
          capacity: 10,
          visibility: 'public',
        },
      } as never)) as unknown as { documentId: string };

    const { events } = await fetchFeed();
    const description = events.find((event) => event.uid === uidOf(workshop.documentId))!.description!;
    const plain = `Programme\n\n- Morning: evidence\n- Afternoon: remedies\n\n${'We read the judgment together and discuss its remedies. '.repeat(20).trim()}`;
    expect(description.length).toBeLessThanOrEqual(1000);
    expect(description.endsWith('…')).toBe(true);
    const kept = description.slice(0, -1);
    expect(plain.startsWith(kept)).toBe(true);
    expect(plain[kept.length]).toBe(' ');
  });

  test.each([
    [`${FEED}?locale=xx`, 'locale'],
    [`${FEED}?locale=de&locale=fr`, 'locale'],
    [`${FEED}?colour=red`, 'colour'],
    [`${FEED}?token=not-a-token`, 'token'],
    [`${FEED}?token=${'a'.repeat(44)}`, 'token'],
  ])('%s → 400 naming %s', async (path, field) => {
    await badRequestNaming(path, field);
  });
});

describe('the personal feed', () => {
  let member: TestUser;
  let displayName: string;

  beforeAll(async () => {
    displayName = `Feed Tester ${Date.now()}`;
    member = await createUser(app(), 'authenticated', { displayName, visibility: 'public' });
  });

  const issue = async (caller: TestUser = member) => {
    const response = await api(app(), caller).post('/api/me/calendar-feed');
    expect(response.status).toBe(201);
    return response.body.data as { url: string; createdAt: string };
  };

  test('the public and API tokens cannot issue or revoke a feed, and tokens are not on the REST API', async () => {
    expect((await api(app()).post('/api/me/calendar-feed')).status).toBe(401);
    expect((await api(app()).delete('/api/me/calendar-feed')).status).toBe(401);
    const integration = { token: await createFullAccessToken(app()) };
    expect((await api(app(), integration).post('/api/me/calendar-feed')).status).toBe(403);
    expect((await api(app(), integration).delete('/api/me/calendar-feed')).status).toBe(403);
    await issue();
    expect((await api(app()).get('/api/calendar-feeds')).status).toBe(404);
    expect((await api(app(), member).get('/api/calendar-feeds')).status).toBe(404);
  });

  test("holds members-only workshops too, marks the member's registrations, and names nobody", async () => {
    const { url, createdAt } = await issue();
    const absoluteUrl = app().strapi.config.get<string>('server.absoluteUrl');
    expect(url).toMatch(new RegExp(`^${absoluteUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/api/workshops/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}$`));
    expect(Number.isNaN(Date.parse(createdAt))).toBe(false);

    const membersOnly = (await upcomingWorkshops(['members']))[0];
    const publicOne = (await upcomingWorkshops(['public']))[0];
    const registrations = app().strapi.documents('api::registration.registration');
    await registrations.create({ data: { workshop: membersOnly.documentId, member: member.memberId, state: 'confirmed' } } as never);
    await registrations.create({ data: { workshop: publicOne.documentId, member: member.memberId, state: 'waitlisted', waitlistPosition: 2 } } as never);
    // Someone else's registration is not marked in this member's feed.
    const other = await createUser(app(), 'authenticated');
    const third = (await upcomingWorkshops(['public']))[1];
    await registrations.create({ data: { workshop: third.documentId, member: other.memberId, state: 'confirmed' } } as never);

    const response = await api(app()).get(feedPath(url));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const { events } = parseFeed(response.text);
    const expected = await upcomingWorkshops(['public', 'members']);
    expect(events.map((event) => event.uid).sort()).toEqual(expected.map((workshop) => uidOf(workshop.documentId)).sort());

    const confirmed = events.find((event) => event.uid === uidOf(membersOnly.documentId))!;
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.description).toMatch(/^Your registration: confirmed\./);
    const waitlisted = events.find((event) => event.uid === uidOf(publicOne.documentId))!;
    expect(waitlisted.status).toBe('TENTATIVE');
    expect(waitlisted.description).toContain('waitlist position 2');
    expect(events.filter((event) => event.status !== null)).toHaveLength(2);

    await expectNoPersonalData(response.text);
    const text = unfolded(response.text);
    expect(text).not.toContain(displayName);
    expect(text.toLowerCase()).not.toContain(member.email.toLowerCase());
  });

  test('only a hash of the token is stored', async () => {
    const { url } = await issue();
    const token = tokenOf(url);
    const rows = (await app()
      .strapi.db.query('api::calendar-feed.calendar-feed')
      .findMany({ where: { user: { id: member.id } } })) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  test('issuing again rotates the token: the old URL stops working', async () => {
    const first = await issue();
    const second = await issue();
    expect(tokenOf(second.url)).not.toBe(tokenOf(first.url));
    expect((await api(app()).get(feedPath(first.url))).status).toBe(404);
    expect((await api(app()).get(feedPath(second.url))).status).toBe(200);
    // Another member's feed is not affected.
    const other = await createUser(app(), 'authenticated');
    const theirs = await issue(other);
    await issue();
    expect((await api(app()).get(feedPath(theirs.url))).status).toBe(200);
  });

  test('DELETE revokes: 204, then the URL is a 404 like a token that never existed', async () => {
    const { url } = await issue();
    expect((await api(app(), member).delete('/api/me/calendar-feed')).status).toBe(204);
    const revoked = await api(app()).get(feedPath(url));
    expect(revoked.status).toBe(404);
    const unknown = await api(app()).get(`${FEED}?token=${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(revoked.body).toEqual(unknown.body);
    expect((await api(app(), member).delete('/api/me/calendar-feed')).status).toBe(204);
  });

  test('the feed of a blocked member stops working', async () => {
    const blocked = await createUser(app(), 'authenticated');
    const { url } = await issue(blocked);
    expect((await api(app()).get(feedPath(url))).status).toBe(200);
    await app()
      .strapi.db.query('plugin::users-permissions.user')
      .update({ where: { id: blocked.id }, data: { blocked: true } });
    expect((await api(app()).get(feedPath(url))).status).toBe(404);
  });
});
