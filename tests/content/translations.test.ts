import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/** Relations across Strapi's per-locale entries: profiles keep one account and one organisation in every language. */
const app = useApp();

const organisation = async (slug: string) =>
  (
    (await app()
      .strapi.documents('api::organisation.organisation')
      .create({
        locale: 'en',
        status: 'published',
        data: { name: slug, slug, kind: 'ngo', countries: ['BE'], participationStatus: 'active' },
      } as never)) as { documentId: string }
  ).documentId;

const entryOf = (documentId: string, locale: string) =>
  app()
    .strapi.db.query('api::member.member')
    .findOne({ where: { documentId, locale }, populate: { user: true, organisation: true } }) as Promise<{
    user: { id: number } | null;
    organisation: { documentId: string } | null;
    bio: string | null;
  } | null>;

test('a new translation of a profile keeps its account and organisation, and a change is copied to every locale', async () => {
  const first = await organisation('first-org');
  const second = await organisation('second-org');
  const member = await createUser(app(), 'authenticated', { displayName: 'Léa', visibility: 'hidden', organisation: first });

  const german = await api(app(), member).put('/api/members/me?locale=de', { data: { bio: 'Ich arbeite zu Wohnungsrecht.' } });
  expect(german.status).toBe(200);
  const de = await entryOf(member.memberId!, 'de');
  expect([de?.user?.id, de?.organisation?.documentId, de?.bio]).toEqual([member.id, first, 'Ich arbeite zu Wohnungsrecht.']);
  // Hidden, yet the member sees their own profile in German.
  expect((await api(app(), member).get(`/api/members/${member.memberId}?locale=de`)).status).toBe(200);

  await app()
    .strapi.documents('api::member.member')
    .update({ documentId: member.memberId!, locale: 'en', data: { organisation: second } } as never);
  expect((await entryOf(member.memberId!, 'de'))?.organisation?.documentId).toBe(second);
});

test('content in another language can link to a profile: the profile gets an entry in that language, without a bio', async () => {
  const facilitator = await createUser(app(), 'facilitator', { displayName: 'Kostas', visibility: 'public', bio: 'Asylum lawyer in Athens.' });
  const workshop = await app()
    .strapi.documents('api::workshop.workshop')
    .create({
      locale: 'el',
      status: 'published',
      data: {
        title: 'Εργαστήριο για τις επαναπροωθήσεις',
        slug: 'ergastirio-epanaprowthiseis',
        format: 'workshop',
        startsAt: '2030-05-01T07:00:00.000Z',
        endsAt: '2030-05-01T15:00:00.000Z',
        timeZone: 'Europe/Athens',
        isOnline: true,
        capacity: 30,
        visibility: 'public',
        facilitators: [facilitator.memberId],
      },
    } as never);
  const greek = await entryOf(facilitator.memberId!, 'el');
  expect([greek?.user?.id, greek?.bio]).toEqual([facilitator.id, null]);
  const response = await api(app()).get(`/api/workshops/${(workshop as { documentId: string }).documentId}?locale=el&populate=facilitators`);
  expect(response.body.data.facilitators.map((f: { displayName: string }) => f.displayName)).toEqual(['Kostas']);
});
