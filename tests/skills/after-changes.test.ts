import { countsOf, type Counts } from '../../src/plugins/skills-mapping/server/src/services/coverage';
import { COUNTED_DIMENSIONS, DIMENSIONS } from '../../src/plugins/skills-mapping/server/src/services/sql';
import { adminToken } from '../helpers/admin';
import { startAppProcess } from '../helpers/app-process';
import { api } from '../helpers/api';
import { usesPostgres } from '../helpers/databases';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * The skills map's counts are updated by each write rather than counted again: after every kind of
 * change (claims, profiles, organisations, issue areas; through the API, the Document Service and the
 * admin panel, bulk actions and clones included; across a restart and, on PostgreSQL, from another
 * process) the kept counts, the matrix and the gaps equal a count from scratch over every claim.
 */
const app = useApp('seeded');
let first: TestUser;
let second: TestUser;
let editor: string;

const ORGANISATIONS = 'api::organisation.organisation';
const MEMBERS = 'api::member.member';
const ISSUE_AREAS = 'api::issue-area.issue-area';

const plugin = () => app().strapi.plugin('skills-mapping');
const documents = (uid: string) => app().strapi.documents(uid as never);

/** Counts as sorted entries, so that two are compared whatever order they were built in. */
const entries = (counts: Counts) =>
  [...counts].flatMap(([skill, bySkill]) => [...bySkill].map(([value, tally]) => `${skill}|${value}|${tally.levels.join()}|${tally.learners}`)).sort();

/** Every claim counted again, with the query the first read of a dimension runs. */
const fromScratch = async (dimension: (typeof COUNTED_DIMENSIONS)[number]) => countsOf(await plugin().service('sql').holders('en', dimension));

/** The kept counts of every dimension, the exact matrix of each and the gaps all agree with a count from scratch. */
const expectExact = async () => {
  for (const dimension of COUNTED_DIMENSIONS)
    expect(entries(await plugin().service('coverage').counts(dimension))).toEqual(entries(await fromScratch(dimension)));
  for (const dimension of DIMENSIONS) {
    const response = await api(app(), first).get(`/api/skills-mapping/matrix?dimension=${dimension}`);
    expect(response.status).toBe(200);
    const shown = (response.body.data.rows as Array<{ skill: { documentId: string }; cells: Record<string, { levels: number[] }> }>).flatMap(
      ({ skill, cells }) =>
        Object.entries(cells)
          .filter(([, cell]) => cell.levels.some((holders) => holders > 0))
          .map(([value, cell]) => `${skill.documentId}|${value}|${cell.levels.join()}`),
    );
    const expected = entries(await fromScratch(dimension)).map((entry) => entry.split('|').slice(0, 3).join('|'));
    expect(shown.sort()).toEqual(expected);
  }
  const gaps = await api(app(), first).get('/api/skills-mapping/gaps?limit=100');
  expect(gaps.status).toBe(200);
  const overall = await fromScratch('overall');
  for (const entry of gaps.body.data.overall as Array<{ skill: { documentId: string }; learners: number; holders: number }>) {
    const tally = overall.get(entry.skill.documentId)?.get('all') ?? { levels: [0, 0, 0, 0, 0], learners: 0 };
    expect([entry.learners, entry.holders]).toEqual([tally.learners, tally.levels[3] + tally.levels[4]]);
  }
};

const contentManager = (uid: string) => {
  const base = `/content-manager/collection-types/${uid}`;
  const call = () => api(app(), { token: editor });
  return {
    save: (documentId: string, data: object) => call().put(`${base}/${documentId}?locale=en`, data),
    clone: (documentId: string, data: object) => call().post(`${base}/clone/${documentId}?locale=en`, data),
    bulk: (action: 'bulkPublish' | 'bulkUnpublish' | 'bulkDelete', documentIds: string[]) =>
      call().post(`${base}/actions/${action}?locale=en`, { documentIds, locale: 'en' }),
  };
};

beforeAll(async () => {
  first = await createUser(app(), 'authenticated', { visibility: 'members', countries: ['FR'], languages: ['fr'], openToQuestions: true });
  second = await createUser(app(), 'authenticated', { visibility: 'hidden', countries: ['DE', 'AT'], languages: ['de', 'en'], openToQuestions: true });
  editor = await adminToken(app());
  const organisations = (await app()
    .strapi.db.query(ORGANISATIONS)
    .findMany({ select: ['documentId'], where: { locale: 'en' } })) as Array<{
    documentId: string;
  }>;
  await documents(MEMBERS).update({ documentId: first.memberId!, locale: 'en', data: { organisation: organisations[0].documentId } } as never);
  // Every dimension is counted once, before the changes below update them.
  await expectExact();
}, 120_000);

/** Several whole-map checks per test: minutes on a loaded machine. */
const SLOW = 300_000;
const claims = (caller: TestUser, data: unknown[]) => api(app(), caller).put('/api/skills-mapping/me/claims', { data });

test(
  'claims added, changed and removed through the API',
  async () => {
    expect(
      (
        await claims(first, [
          { skill: 'echr-litigation', level: 4, openToQuestions: true },
          { skill: 'algorithmic-discrimination', level: 0, wantsToLearn: true },
        ])
      ).status,
    ).toBe(200);
    expect((await claims(second, [{ skill: 'echr-litigation', level: 3, openToQuestions: true }])).status).toBe(200);
    await expectExact();
    expect((await claims(first, [{ skill: 'echr-litigation', level: 2, wantsToLearn: true }])).status).toBe(200);
    await expectExact();
    expect((await claims(second, [])).status).toBe(200);
    await expectExact();
    expect((await claims(second, [{ skill: 'echr-litigation', level: 3, openToQuestions: true }])).status).toBe(200);
  },
  SLOW,
);

test(
  'a profile hidden or made visible, its countries, languages and organisation changed',
  async () => {
    const experts = async () =>
      ((await api(app(), first).get('/api/skills-mapping/experts?skill=echr-litigation')).body.data as Array<{ documentId: string }>).map((e) => e.documentId);
    expect(await experts()).not.toContain(second.memberId);
    await documents(MEMBERS).update({ documentId: second.memberId!, locale: 'en', data: { visibility: 'members' } } as never);
    expect(await experts()).toContain(second.memberId);
    await expectExact();
    await documents(MEMBERS).update({
      documentId: second.memberId!,
      locale: 'en',
      data: { visibility: 'hidden', countries: ['PL'], languages: ['pl', 'de'] },
    } as never);
    expect(await experts()).not.toContain(second.memberId);
    await expectExact();
    const { documentId } = (await app()
      .strapi.db.query(ORGANISATIONS)
      .findOne({ select: ['documentId'], where: { locale: 'en' }, orderBy: { id: 'desc' } })) as {
      documentId: string;
    };
    await documents(MEMBERS).update({ documentId: second.memberId!, locale: 'en', data: { organisation: documentId } } as never);
    await expectExact();
  },
  SLOW,
);

test(
  "an organisation's issue areas and members changed in the admin panel, unpublished, published, cloned and deleted in bulk",
  async () => {
    const organisation = (await app()
      .strapi.db.query(ORGANISATIONS)
      .findOne({
        select: ['documentId'],
        where: { locale: 'en', publishedAt: { $notNull: true } },
      })) as { documentId: string };
    const publish = () =>
      api(app(), { token: editor }).post(`/content-manager/collection-types/${ORGANISATIONS}/${organisation.documentId}/actions/publish?locale=en`, {});
    const areas = (await app()
      .strapi.db.query(ISSUE_AREAS)
      .findMany({ select: ['id'], where: { locale: 'en' } })) as Array<{ id: number }>;
    const saved = await contentManager(ORGANISATIONS).save(organisation.documentId, { issueAreas: { set: [{ id: areas[0].id }, { id: areas[1].id }] } });
    expect(saved.status).toBe(200);
    expect((await publish()).status).toBe(200);
    await expectExact();

    // A member moved to this organisation from its side: what they counted for before is found again.
    const member = (await app()
      .strapi.db.query(MEMBERS)
      .findOne({ where: { documentId: second.memberId, locale: 'en' } })) as { id: number };
    expect((await contentManager(ORGANISATIONS).save(organisation.documentId, { members: { connect: [{ id: member.id }] } })).status).toBe(200);
    await expectExact();
    expect((await publish()).status).toBe(200);
    await expectExact();

    const others = (await app()
      .strapi.db.query(ORGANISATIONS)
      .findMany({ select: ['documentId'], where: { locale: 'en', publishedAt: { $notNull: true } }, limit: 3 })) as Array<{
      documentId: string;
    }>;
    const documentIds = [...new Set([organisation.documentId, ...others.map((o) => o.documentId)])];
    expect((await contentManager(ORGANISATIONS).bulk('bulkUnpublish', documentIds)).status).toBe(200);
    await expectExact();
    expect((await contentManager(ORGANISATIONS).bulk('bulkPublish', documentIds)).status).toBe(200);
    await expectExact();

    const clone = await contentManager(ORGANISATIONS).clone(organisation.documentId, { name: 'Cloned organisation', slug: 'cloned-organisation' });
    expect(clone.status).toBe(200);
    expect((await contentManager(ORGANISATIONS).bulk('bulkPublish', [clone.body.data.documentId])).status).toBe(200);
    await expectExact();
    expect((await contentManager(ORGANISATIONS).bulk('bulkDelete', [clone.body.data.documentId, organisation.documentId])).status).toBe(200);
    await expectExact();
  },
  SLOW,
);

test(
  'an issue area renamed and deleted, a profile deleted, several writes at once',
  async () => {
    const area = (await app()
      .strapi.db.query(ISSUE_AREAS)
      .findOne({ select: ['documentId', 'slug'], where: { locale: 'en' } })) as { documentId: string; slug: string };
    await documents(ISSUE_AREAS).update({ documentId: area.documentId, locale: 'en', data: { slug: `${area.slug}-renamed` } } as never);
    await expectExact();
    await documents(ISSUE_AREAS).delete({ documentId: area.documentId, locale: '*' } as never);
    await expectExact();

    const third = await createUser(app(), 'authenticated', { visibility: 'public', countries: ['ES'], languages: ['es'] });
    await Promise.all([
      claims(third, [{ skill: 'echr-litigation', level: 4 }]),
      claims(first, [{ skill: 'algorithmic-discrimination', level: 3, wantsToLearn: true }]),
      documents(MEMBERS).update({ documentId: second.memberId!, locale: 'en', data: { countries: ['IT', 'FR'] } } as never),
    ]);
    await expectExact();
    await documents(MEMBERS).delete({ documentId: third.memberId!, locale: '*' } as never);
    await expectExact();
  },
  SLOW,
);

test(
  'the counts survive a restart and stay exact after it',
  async () => {
    await app().restart();
    await expectExact();
    expect((await claims(first, [{ skill: 'echr-litigation', level: 1 }])).status).toBe(200);
    await expectExact();
  },
  SLOW,
);

const onPostgres = usesPostgres() ? test : test.skip;

onPostgres(
  'a change made through another process on the same database is in the counts this one reads',
  async () => {
    const other = await startAppProcess();
    try {
      const response = await other
        .http()
        .put('/api/skills-mapping/me/claims')
        .set('Authorization', `Bearer ${second.jwt}`)
        .send({
          data: [
            { skill: 'echr-litigation', level: 4, wantsToLearn: false },
            { skill: 'algorithmic-discrimination', level: 2, wantsToLearn: true },
          ],
        });
      expect(response.status).toBe(200);
    } finally {
      await other.stop();
    }
    await expectExact();
  },
  180_000,
);
