import { randomBytes } from 'node:crypto';
import { api } from '../helpers/api';
import { namesField } from '../helpers/errors';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { createWorkshop } from './workshops';

/**
 * Issue 18, the members' portal: what a member has committed to, each in one request. Their
 * registrations with their workshop, their calendar feed, the reading groups they joined.
 */
const app = useApp('empty');
const WORKSHOPS = 'api::workshop.workshop';
const GROUPS = 'api::reading-group.reading-group';
const DAY = 86_400_000;

let member: TestUser;
let other: TestUser;
let facilitator: TestUser;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
  other = await createUser(app(), 'authenticated');
  facilitator = await createUser(app(), 'facilitator');
});

describe('registrations carry their workshop', () => {
  let workshop: string;
  let own: string;
  let others: string;

  beforeAll(async () => {
    workshop = await createWorkshop(app(), { facilitators: [facilitator.memberId!] });
    // A German translation of the title, published like the English one (a new locale gets the shared fields with it).
    const english = (await app()
      .strapi.documents(WORKSHOPS)
      .findOne({ documentId: workshop, locale: 'en', status: 'published' } as never)) as unknown as Record<string, unknown>;
    const shared = Object.fromEntries(
      ['slug', 'format', 'startsAt', 'endsAt', 'timeZone', 'isOnline', 'capacity', 'visibility'].map((field) => [field, english[field]]),
    );
    await app()
      .strapi.documents(WORKSHOPS)
      .update({ documentId: workshop, locale: 'de', data: { ...shared, title: 'Klinik für strategische Prozessführung' }, status: 'published' } as never);
    own = (await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201)).body.data.documentId;
    others = (await api(app(), other).post(`/api/workshops/${workshop}/registrations`).expect(201)).body.data.documentId;
  });

  const summary = async (locale: string) => {
    const row = await app()
      .strapi.documents(WORKSHOPS)
      .findOne({ documentId: workshop, locale, status: 'published' } as never);
    return {
      documentId: workshop,
      title: row!.title,
      startsAt: new Date(row!.startsAt as string).toISOString(),
      endsAt: new Date(row!.endsAt as string).toISOString(),
      timezone: 'Europe/Berlin',
    };
  };

  test('without any populate, in the default locale, on the list and on one registration', async () => {
    const list = await api(app(), member).get('/api/registrations').expect(200);
    expect(list.body.data.map((entry: { documentId: string }) => entry.documentId)).toEqual([own]);
    expect(list.body.data[0].workshop).toEqual(await summary('en'));
    const one = await api(app(), member).get(`/api/registrations/${own}`).expect(200);
    expect(one.body.data.workshop).toEqual(await summary('en'));
  });

  test('in ?locale= where the workshop has it, else in the default locale; an unknown locale is a 400', async () => {
    const german = await api(app(), member).get('/api/registrations?locale=de').expect(200);
    expect(german.body.data[0].workshop).toEqual({ ...(await summary('de')), title: 'Klinik für strategische Prozessführung' });
    const french = await api(app(), member).get(`/api/registrations/${own}?locale=fr`).expect(200);
    expect(french.body.data.workshop.title).toBe((await summary('en')).title);
    const unknown = await api(app(), member).get('/api/registrations?locale=xx');
    expect(unknown.status).toBe(400);
    expect(namesField(unknown.body, 'locale')).toBe(true);
  });

  test('the scoping is unchanged: one’s own, and a facilitator’s workshops', async () => {
    expect((await api(app(), member).get(`/api/registrations/${others}`)).status).toBe(404);
    const seen = await api(app(), facilitator).get('/api/registrations?sort=createdAt:asc').expect(200);
    expect(seen.body.data.map((entry: { documentId: string; workshop: { documentId: string } }) => [entry.documentId, entry.workshop.documentId])).toEqual([
      [own, workshop],
      [others, workshop],
    ]);
    expect((await api(app(), 'public').get('/api/registrations')).status).toBe(401);
  });

  test('a caller who populates the workshop gets the relation as they asked for it, their fields and filters applied', async () => {
    const fields = await api(app(), member).get('/api/registrations?populate[workshop][fields][0]=slug').expect(200);
    expect(fields.body.data[0].workshop).toMatchObject({ documentId: workshop, slug: expect.any(String) });
    expect(fields.body.data[0].workshop).not.toHaveProperty('title');
    for (const populate of ['populate=workshop', 'populate=*', 'populate[0]=workshop']) {
      const populated = await api(app(), member).get(`/api/registrations?${populate}`).expect(200);
      expect({ populate, slug: populated.body.data[0].workshop.slug }).toEqual({ populate, slug: expect.any(String) });
    }
    const filtered = await api(app(), member).get('/api/registrations?populate[workshop][filters][slug][$eq]=no-such-workshop').expect(200);
    expect(filtered.body.data[0].workshop).toBeNull();
  });

  test('a workshop no longer published, or gone, is null', async () => {
    const hidden = await createWorkshop(app());
    const registration = (await api(app(), member).post(`/api/workshops/${hidden}/registrations`).expect(201)).body.data.documentId;
    await app()
      .strapi.documents(WORKSHOPS)
      .unpublish({ documentId: hidden, locale: '*' } as never);
    expect((await api(app(), member).get(`/api/registrations/${registration}`).expect(200)).body.data.workshop).toBeNull();
    await app()
      .strapi.documents(WORKSHOPS)
      .delete({ documentId: hidden, locale: '*' } as never);
    expect((await api(app(), member).get(`/api/registrations/${registration}`).expect(200)).body.data.workshop).toBeNull();
  });
});

describe('GET /api/me/calendar-feed', () => {
  test('null, then when it was issued, then null again once revoked', async () => {
    const member = await createUser(app(), 'authenticated');
    expect((await api(app(), member).get('/api/me/calendar-feed').expect(200)).body).toEqual({ data: null });
    const issued = (await api(app(), member).post('/api/me/calendar-feed').expect(201)).body.data;
    const current = (await api(app(), member).get('/api/me/calendar-feed').expect(200)).body;
    expect(current).toEqual({ data: { createdAt: issued.createdAt } });
    expect(JSON.stringify(current)).not.toContain('token');
    // Another member's feed is theirs alone.
    expect((await api(app(), other).get('/api/me/calendar-feed').expect(200)).body).toEqual({ data: null });
    await api(app(), member).delete('/api/me/calendar-feed').expect(204);
    expect((await api(app(), member).get('/api/me/calendar-feed').expect(200)).body).toEqual({ data: null });
    const extra = await api(app(), member).get('/api/me/calendar-feed?token=x');
    expect([extra.status, namesField(extra.body, 'token')]).toEqual([400, true]);
  });
});

describe('GET /api/me/reading-groups', () => {
  test('the groups joined, with the next session, named in ?locale=; leaving removes one', async () => {
    const suffix = randomBytes(4).toString('hex');
    const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
    const shared = {
      slug: `group-${suffix}`,
      capacity: 10,
      groupStatus: 'forming',
      visibility: 'members',
      sessions: [{ startsAt: at(-3) }, { startsAt: at(14) }, { startsAt: at(7) }],
    };
    const created = await app()
      .strapi.documents(GROUPS)
      .create({ locale: 'en', data: { ...shared, name: `Reading group ${suffix}` }, status: 'published' } as never);
    const group = created.documentId;
    await app()
      .strapi.documents(GROUPS)
      .update({ documentId: group, locale: 'de', data: { ...shared, name: `Lesegruppe ${suffix}` }, status: 'published' } as never);

    expect((await api(app(), member).get('/api/me/reading-groups').expect(200)).body).toEqual({ data: [] });
    await api(app(), member).post(`/api/reading-groups/${group}/participants`).expect(201);
    const english = (await api(app(), member).get('/api/me/reading-groups').expect(200)).body.data;
    expect(english).toEqual([{ documentId: group, name: `Reading group ${suffix}`, locale: 'en', nextSessionAt: expect.any(String) }]);
    // The next session is the one a week ahead, not the past one nor the later one.
    expect(Math.abs(new Date(english[0].nextSessionAt).getTime() - new Date(at(7)).getTime())).toBeLessThan(60_000);
    const german = (await api(app(), member).get('/api/me/reading-groups?locale=de').expect(200)).body.data;
    expect(german).toEqual([{ ...english[0], name: `Lesegruppe ${suffix}`, locale: 'de' }]);
    expect((await api(app(), member).get('/api/me/reading-groups?locale=fr').expect(200)).body.data).toEqual(english);
    expect((await api(app(), other).get('/api/me/reading-groups').expect(200)).body).toEqual({ data: [] });

    await api(app(), member).delete(`/api/reading-groups/${group}/participants`).expect(200);
    expect((await api(app(), member).get('/api/me/reading-groups').expect(200)).body).toEqual({ data: [] });

    const unknown = await api(app(), member).get('/api/me/reading-groups?locale=xx');
    expect([unknown.status, namesField(unknown.body, 'locale')]).toEqual([400, true]);
    const extra = await api(app(), member).get('/api/me/reading-groups?page=2');
    expect([extra.status, namesField(extra.body, 'page')]).toEqual([400, true]);
    const noProfile = await createUser(app(), 'authenticated', false);
    expect((await api(app(), noProfile).get('/api/me/reading-groups').expect(200)).body).toEqual({ data: [] });
  });
});
