import { api } from '../helpers/api';
import { searchConverged } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createMembers, createUser, type TestUser } from '../helpers/users';
import { createWorkshop } from './workshops';

const app = useApp('seeded');

const documentIdOf = async (uid: string, where: Record<string, unknown>) =>
  (
    (await app()
      .strapi.db.query(uid as never)
      .findOne({ select: ['documentId'], where })) as { documentId: string }
  ).documentId;

/** Every row of every table that still holds one of `needles` (ids in id columns, strings anywhere). */
const rowsMentioning = async (needles: { ids: Record<string, number[]>; strings: string[] }) => {
  const knex = app().strapi.db.connection;
  const client = app().strapi.db.dialect.client;
  const tables: string[] =
    client === 'postgres'
      ? (await knex.raw('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()')).rows.map(
          (row: { name: string }) => row.name,
        )
      : (await knex.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map((row: { name: string }) => row.name);
  const found: string[] = [];
  for (const table of tables) {
    const columns = Object.keys(await knex(table).columnInfo());
    for (const column of columns) {
      for (const [suffix, ids] of Object.entries(needles.ids)) {
        if (column === suffix || column.endsWith(`_${suffix}`)) {
          const count = Number((await knex(table).whereIn(column, ids).count({ n: '*' }))[0].n);
          if (count > 0) found.push(`${table}.${column}: ${count}`);
        }
      }
      for (const needle of needles.strings) {
        const cast = client === 'postgres' ? knex.raw('??::text', [column]) : knex.raw('CAST(?? AS TEXT)', [column]);
        const count = Number((await knex(table).where(cast, 'like', `%${needle}%`).count({ n: '*' }))[0].n);
        if (count > 0) found.push(`${table}.${column} ~ ${needle}: ${count}`);
      }
    }
  }
  return found;
};

describe("a member's own data: export and erasure", () => {
  let subject: TestUser;
  let other: TestUser;
  let workshop: string;
  const group = () => documentIdOf('api::reading-group.reading-group', { slug: 'algorithms-and-equality', locale: 'en' });

  beforeAll(async () => {
    subject = await createUser(app(), 'authenticated', {
      displayName: 'Zuzanna Erasable',
      visibility: 'public',
      bio: 'Litigator on housing rights',
      openToQuestions: true,
      languages: ['pl', 'en'],
    });
    other = await createUser(app(), 'authenticated', { displayName: 'Oskar Staysput', visibility: 'public', openToQuestions: true });
    workshop = await createWorkshop(app(), { capacity: 1, visibility: 'public' });

    const claims = { data: [{ skill: 'echr-litigation', level: 4, openToQuestions: true, canMentor: true }] };
    await api(app(), subject).put('/api/skills-mapping/me/claims', claims).expect(200);
    await api(app(), other).put('/api/skills-mapping/me/claims', claims).expect(200);
    for (const member of [subject, other]) await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);
    await api(app(), subject)
      .post(`/api/reading-groups/${await group()}/participants`)
      .expect(201);
    await api(app(), subject)
      .post('/api/agreement-versions/number/3/suggestions', {
        data: { sectionKey: 'values', kind: 'replace', proposedText: 'Clearer words by Zuzanna.', rationale: 'Plain language.' },
      })
      .expect(201);
    await api(app(), other)
      .post('/api/agreement-versions/number/3/suggestions', { data: { sectionKey: 'values', kind: 'remove', rationale: 'Not needed, says Oskar.' } })
      .expect(201);
    await api(app(), subject).post('/api/me/calendar-feed').expect(201);
    await searchConverged(app());
  }, 120_000);

  test("the export holds the member's profile, claims, registrations, groups, suggestions and feed, and nobody else's", async () => {
    const response = await api(app(), subject).get('/api/me/export');
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const data = response.body.data;
    expect(data.account).toMatchObject({ email: subject.email, username: expect.any(String) });
    expect(data.account.password).toBeUndefined();
    expect(data.profile).toMatchObject({
      documentId: subject.memberId,
      translations: [expect.objectContaining({ locale: 'en', displayName: 'Zuzanna Erasable', bio: 'Litigator on housing rights' })],
    });
    expect(data.skillClaims).toEqual([expect.objectContaining({ skill: expect.objectContaining({ slug: 'echr-litigation' }), level: 4 })]);
    expect(data.registrations).toEqual([expect.objectContaining({ status: 'confirmed', workshop: expect.objectContaining({ documentId: workshop }) })]);
    expect(data.readingGroups).toEqual([expect.objectContaining({ documentId: await group() })]);
    expect(data.suggestions).toEqual([expect.objectContaining({ versionNumber: 3, proposedText: 'Clearer words by Zuzanna.' })]);
    expect(data.endorsementsMade).toEqual([]);
    expect(data.calendarFeed).toMatchObject({ active: true });
    const text = JSON.stringify(data);
    for (const foreign of ['Oskar', other.email, other.memberId!, 'tokenHash', '$2a$']) expect(text).not.toContain(foreign);

    expect((await api(app(), 'public').get('/api/me/export')).status).toBe(401);
  });

  test('an endorsement made by a representative is in their export', async () => {
    const organisation = await documentIdOf('api::organisation.organisation', { slug: 'klimarecht-kollektiv', publishedAt: { $notNull: true } });
    const representative = await createUser(app(), 'org-representative', { organisation });
    await api(app(), representative)
      .post('/api/agreement-versions/number/3/endorsements', { data: { statement: 'We support it.' } })
      .expect(201);
    const data = (await api(app(), representative).get('/api/me/export')).body.data;
    expect(data.endorsementsMade).toEqual([
      expect.objectContaining({ versionNumber: 3, statement: 'We support it.', organisation: expect.objectContaining({ slug: 'klimarecht-kollektiv' }) }),
    ]);
  });

  test('erasure removes every row about the member but anonymised suggestions, promotes the waitlist, and empties search and who-to-ask', async () => {
    const findable = async (caller: TestUser) => {
      const search = await api(app(), caller).get('/api/multilingual-search/search?q=Zuzanna%20Erasable&types=member&locale=en');
      const experts = await api(app(), caller).get('/api/skills-mapping/experts?skill=echr-litigation');
      return {
        search: search.body.data.some((hit: { documentId: string }) => hit.documentId === subject.memberId),
        experts: experts.body.data.some((expert: { documentId: string }) => expert.documentId === subject.memberId),
      };
    };
    expect(await findable(other)).toEqual({ search: true, experts: true });
    const memberRows = (await app()
      .strapi.db.query('api::member.member')
      .findMany({ select: ['id'], where: { documentId: subject.memberId } })) as Array<{ id: number }>;
    const suggestion = await documentIdOf('api::suggestion.suggestion', { author: { documentId: subject.memberId } });

    const traces = {
      ids: { member_id: memberRows.map((row) => row.id), user_id: [subject.id] },
      strings: [subject.memberId!, subject.email, 'Zuzanna Erasable'],
    };
    // The scan finds the member everywhere they are before the erasure…
    expect(await rowsMentioning(traces)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^members_user_lnk\.user_id/),
        expect.stringMatching(/^registrations_member_lnk\.member_id/),
        expect.stringMatching(/^skill_claims\.member_document_id/),
        expect.stringMatching(/^up_users\.email/),
      ]),
    );

    const erased = await api(app(), subject).delete('/api/me');
    expect(erased.status).toBe(204);
    await searchConverged(app());

    expect(await findable(other)).toEqual({ search: false, experts: false });
    expect((await api(app(), subject).get('/api/members/me')).status).toBe(401);
    const login = await app().http().post('/api/auth/local').send({ identifier: subject.email, password: 'Test-password-1' });
    expect(login.status).toBe(400);

    // The member's place went to the first on the waitlist.
    const registration = (await api(app(), other).get(`/api/registrations?filters[workshop][documentId]=${workshop}`)).body.data;
    expect(registration.map((r: { state: string }) => r.state)).toEqual(['confirmed']);

    // The suggestion stays, without an author.
    const kept = (await app()
      .strapi.db.query('api::suggestion.suggestion')
      .findOne({ where: { documentId: suggestion }, populate: { author: true } })) as { proposedText: string; author: unknown };
    expect(kept).toMatchObject({ proposedText: 'Clearer words by Zuzanna.', author: null });

    // …and nowhere after it, but in the search log: with the embedded engine it keeps the profile's
    // opaque id (no name, no e-mail) until its retention ends, so that every server process removes
    // the profile from its own indexes. Once pruned, nothing is left.
    expect((await rowsMentioning(traces)).filter((row) => !row.startsWith('search_outbox.target_document_id'))).toEqual([]);
    await app().strapi.plugin('multilingual-search').service('outbox').prune(0);
    expect(await rowsMentioning(traces)).toEqual([]);
  }, 120_000);

  test('erasure is all or nothing: a failure half-way leaves everything in place', async () => {
    const [member, waiting] = await createMembers(app(), 2);
    const full = await createWorkshop(app(), { capacity: 1 });
    await api(app(), member).post(`/api/workshops/${full}/registrations`).expect(201);
    await api(app(), waiting).post(`/api/workshops/${full}/registrations`).expect(201);
    await api(app(), member)
      .put('/api/skills-mapping/me/claims', { data: [{ skill: 'echr-litigation', level: 2 }] })
      .expect(200);

    // Make the last step (deleting the account) fail, as a database error would.
    const users = app().strapi.db.query('plugin::users-permissions.user');
    const original = users.delete;
    users.delete = async () => {
      throw new Error('the database went away');
    };
    try {
      expect((await api(app(), member).delete('/api/me')).status).toBe(500);
    } finally {
      users.delete = original;
    }

    const states = (await app()
      .strapi.db.query('api::registration.registration')
      .findMany({ where: { workshop: { documentId: full } }, orderBy: { id: 'asc' } })) as Array<{ state: string }>;
    expect(states.map((row) => row.state)).toEqual(['confirmed', 'waitlisted']);
    expect((await api(app(), member).get('/api/skills-mapping/me/claims')).body.data).toHaveLength(1);
    expect((await api(app(), member).get('/api/members/me')).status).toBe(200);
  });
});
