import members from '../../src/seed/data/members.json';
import { api } from '../helpers/api';
import { errorPaths } from '../helpers/errors';
import { useApp } from '../helpers/strapi';
import { createFullAccessToken, createUser, type TestUser } from '../helpers/users';

/** Own claims (all or nothing, never someone else's), who to ask, growth areas. */
const app = useApp('seeded');
let member: TestUser;
let other: TestUser;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated', { displayName: 'Claire Dubois', visibility: 'members', languages: ['fr', 'en'], openToQuestions: true });
  other = await createUser(app(), 'authenticated', { displayName: 'Other Member', visibility: 'members', languages: ['de'] });
});

const put = (caller: TestUser, data: unknown, path = '/api/skills-mapping/me/claims') => api(app(), caller).put(path, { data });
const mine = async (caller: TestUser) =>
  (await api(app(), caller).get('/api/skills-mapping/me/claims?locale=fr')).body.data as Array<{
    skill: { slug: string; name: string };
    level: number;
    dueForReassessment: boolean;
  }>;

describe('own claims', () => {
  test('a member replaces their claims and reads them back, skill names in their language', async () => {
    const response = await put(member, [
      { skill: 'echr-litigation', level: 3, canMentor: false, openToQuestions: true },
      { skill: 'algorithmic-discrimination', level: 0, wantsToLearn: true },
    ]);
    expect(response.status).toBe(200);
    const claims = await mine(member);
    expect(claims.map((c) => [c.skill.slug, c.level, c.dueForReassessment])).toEqual([
      ['echr-litigation', 3, false],
      ['algorithmic-discrimination', 0, false],
    ]);
    expect(claims[0].skill.name).toMatch(/Cour/);
  });

  test.each([
    ['an unknown skill', [{ skill: 'juggling', level: 2 }], 'data.1.skill'],
    ['a level above 4', [{ skill: 'asylum-law', level: 5 }], 'data.1.level'],
    ['a level that is not a number', [{ skill: 'asylum-law', level: 'high' }], 'data.1.level'],
    ['the same skill twice', [{ skill: 'echr-litigation', level: 1 }], 'data.1.skill'],
    ['a field that does not exist', [{ skill: 'asylum-law', level: 1, member: 'someone' }], 'data.1.member'],
  ])('%s → 400 naming the item, and the previous claims stay untouched', async (_, extra, path) => {
    const before = await mine(member);
    const response = await put(member, [{ skill: 'echr-litigation', level: 2 }, ...extra]);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`Invalid field '${path}': `);
    expect(errorPaths(response.body)).toEqual([path]);
    expect(await mine(member)).toEqual(before);
  });

  test('an unknown locale → 400 naming it, and nothing written', async () => {
    const before = await mine(member);
    const response = await api(app(), member).put('/api/skills-mapping/me/claims?locale=xx', { data: [{ skill: 'asylum-law', level: 1 }] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain("'locale'");
    expect(await mine(member)).toEqual(before);
    expect((await api(app(), member).get('/api/skills-mapping/me/claims?locale=xx')).status).toBe(400);
  });

  test("nobody can write another member's claims", async () => {
    const before = await mine(other);
    const response = await put(member, [{ skill: 'asylum-law', level: 4 }], `/api/skills-mapping/members/${other.memberId}/claims`);
    expect(response.status).toBe(403);
    expect(await mine(other)).toEqual(before);
    expect((await put(member, [{ skill: 'asylum-law', level: 1 }], `/api/skills-mapping/members/${member.memberId}/claims`)).status).toBe(200);
    expect((await api(app()).put('/api/skills-mapping/me/claims', { data: [] })).status).toBe(401);
  });

  test('claims assessed more than 12 months ago are due for re-assessment', async () => {
    const knex = app().strapi.db.connection;
    // A visible member with both a claim assessed long ago and one assessed lately.
    const recently = knex('skill_claims')
      .select('member_document_id')
      .where('assessed_at', '>', new Date(Date.now() - 300 * 86_400_000));
    const old = (await knex('skill_claims as c')
      .join('members as m', 'm.document_id', 'c.member_document_id')
      .where('m.locale', 'en')
      .whereNot('m.visibility', 'hidden')
      .where('c.assessed_at', '<', new Date(Date.now() - 400 * 86_400_000))
      .whereIn('c.member_document_id', recently)
      .select('c.member_document_id as member', 'c.skill_document_id as skill')
      .first()) as { member: string; skill: string };
    const response = await api(app(), member).get(`/api/skills-mapping/members/${old.member}/claims`);
    expect(response.status).toBe(200);
    const claims = response.body.data as Array<{ skill: { documentId: string }; dueForReassessment: boolean }>;
    expect(claims.find((claim) => claim.skill.documentId === old.skill)?.dueForReassessment).toBe(true);
    expect(claims.some((claim) => !claim.dueForReassessment)).toBe(true);
  });

  test("a hidden profile's claims are not shown to other members", async () => {
    const hidden = (await app()
      .strapi.db.query('api::member.member')
      .findOne({ where: { visibility: 'hidden', locale: 'en' } })) as { documentId: string };
    expect((await api(app(), member).get(`/api/skills-mapping/members/${hidden.documentId}/claims`)).status).toBe(404);
  });
});

describe('who to ask', () => {
  type Expert = { documentId: string; displayName: string; level: number; languages: string[]; sharedLanguages: string[]; canMentor: boolean };
  const experts = async (query: string, caller: TestUser = member) => {
    const response = await api(app(), caller).get(`/api/skills-mapping/experts?${query}`);
    expect(response.status).toBe(200);
    return response.body.data as Expert[];
  };

  test('is for members only', async () => {
    expect((await api(app()).get('/api/skills-mapping/experts?skill=echr-litigation')).status).toBe(401);
  });

  test('lists visible profiles open to questions, ranked by level then shared language, never hidden ones', async () => {
    const list = await experts('skill=asylum-law');
    const expected = members
      .filter((m) => m.visibility !== 'hidden' && m.openToQuestions && m.claims.some((c) => c.skill === 'asylum-law' && c.openToQuestions))
      .map((m) => m.displayName);
    expect(list.map((e) => e.displayName).sort()).toEqual(expected.sort());
    for (let i = 1; i < list.length; i += 1) {
      const [a, b] = [list[i - 1], list[i]];
      expect(a.level > b.level || (a.level === b.level && a.sharedLanguages.length >= b.sharedLanguages.length)).toBe(true);
    }
    const hidden = members.filter((m) => m.visibility === 'hidden').map((m) => m.displayName);
    expect(list.some((e) => hidden.includes(e.displayName))).toBe(false);
  });

  test('filters by language, country, minimum level and mentoring', async () => {
    const list = await experts('skill=echr-litigation&language=fr&minLevel=3&canMentor=true');
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((e) => e.languages.includes('fr') && e.level >= 3 && e.canMentor)).toBe(true);
    const italians = await experts('skill=asylum-law&country=IT');
    expect(italians.every((e) => (e as unknown as { countries: string[] }).countries.includes('IT'))).toBe(true);
  });

  test('a trusted integration (full-access API token) asks too: the list, not a 500', async () => {
    const response = await api(app(), { token: await createFullAccessToken(app()) }).get('/api/skills-mapping/experts?skill=asylum-law');
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
  });

  test.each([
    ['', 'skill'],
    ['skill=juggling', 'skill'],
    ['skill=%00', 'skill'],
    ['skill=asylum%20law%27--', 'skill'],
    ['skill=asylum-law&minLevel=9', 'minLevel'],
    ['skill=asylum-law&language=french', 'language'],
    ['skill=asylum-law&canMentor=maybe', 'canMentor'],
  ])('bad input %j → 400 naming the parameter', async (query, parameter) => {
    const response = await api(app(), member).get(`/api/skills-mapping/experts?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`'${parameter}'`);
  });
});

describe('growth areas', () => {
  type Entry = { skill: { slug: string }; learners: number | null; upcomingWorkshops: number; holders: number | null; score: number };
  test('skills are ranked by demand against supply, overall and per issue area', async () => {
    const response = await api(app(), member).get('/api/skills-mapping/gaps?limit=5');
    expect(response.status).toBe(200);
    const overall = response.body.data.overall as Entry[];
    expect(overall.length).toBe(5);
    expect(overall.map((e) => e.score)).toEqual([...overall.map((e) => e.score)].sort((a, b) => b - a));
    const top = overall[0];
    const learners = members.filter((m) => m.claims.some((c) => c.skill === top.skill.slug && c.wantsToLearn)).length;
    expect(top.learners).toBe(learners);
    expect(response.body.data.byIssueArea).toHaveLength(9);
  });

  test('the public gets a ranking without overall counts of people (see public-figures.test.ts)', async () => {
    const response = await api(app()).get('/api/skills-mapping/gaps?limit=20');
    expect(response.status).toBe(200);
    expect(response.body.data.overall.length).toBeGreaterThan(0);
    for (const entry of response.body.data.overall as Entry[]) expect([entry.learners, entry.holders, entry.score]).toEqual([null, null, null]);
  });
});
