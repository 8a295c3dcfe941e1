import { randomBytes } from 'node:crypto';
import { api } from '../helpers/api';
import { namesField } from '../helpers/errors';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { createReadingGroup } from '../participation/reading-groups';
import { createWorkshop } from '../participation/workshops';

/**
 * `GET /api/skills/issue-areas`: the skills of each issue area, as members group their
 * self-assessment by issue area. Skills have no issue areas of their own: a skill belongs to an
 * issue area when a published resource, workshop or reading group carries both.
 */
const app = useApp('empty');
let member: TestUser;
const suffix = randomBytes(3).toString('hex');
const ids = {} as Record<'climate' | 'housing' | 'empty' | 'taught' | 'drafted' | 'read' | 'cited', string>;

const create = async (uid: string, data: Record<string, unknown>, published = true) =>
  (
    await app()
      .strapi.documents(uid as 'api::skill.skill')
      .create({ locale: 'en', data, ...(published ? { status: 'published' } : {}) } as never)
  ).documentId as string;

const skillsOf = (body: { data: Array<{ documentId: string; name: string; skills: string[] }> }, area: string) =>
  body.data.find((entry) => entry.documentId === area)?.skills;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
  const area = (name: string) => create('api::issue-area.issue-area', { name: `${name} ${suffix}`, slug: `${name.toLowerCase()}-${suffix}` });
  const skill = (name: string) => create('api::skill.skill', { name: `${name} ${suffix}`, slug: `${name.toLowerCase()}-${suffix}`, category: 'method' });
  ids.climate = await area('Climate');
  ids.housing = await area('Housing');
  ids.empty = await area('Empty');
  await app()
    .strapi.documents('api::issue-area.issue-area')
    .update({ documentId: ids.climate, locale: 'de', data: { name: `Klima ${suffix}`, slug: `klima-${suffix}` } } as never);
  [ids.taught, ids.drafted, ids.read, ids.cited] = await Promise.all(['Taught', 'Drafted', 'Read', 'Cited'].map(skill));

  const workshop = await createWorkshop(app());
  await app()
    .strapi.documents('api::workshop.workshop')
    .update({ documentId: workshop, locale: 'en', data: { skillsTaught: [ids.taught], issueAreas: [ids.climate] }, status: 'published' } as never);
  // A draft carries a skill to no issue area until it is published.
  const draft = await createWorkshop(app(), { published: false });
  await app()
    .strapi.documents('api::workshop.workshop')
    .update({ documentId: draft, locale: 'en', data: { skillsTaught: [ids.drafted], issueAreas: [ids.climate] } } as never);
  await createReadingGroup(app(), { skills: [ids.read], issueAreas: [ids.housing] });
  await create('api::resource.resource', {
    title: `Resource ${suffix}`,
    slug: `resource-${suffix}`,
    kind: 'guide',
    visibility: 'members',
    skills: [ids.cited, ids.taught],
    issueAreas: [ids.housing, ids.climate],
  });
});

test('a skill belongs to the issue areas of the published resources, workshops and reading groups that carry it', async () => {
  const response = await api(app(), member).get('/api/skills/issue-areas').expect(200);
  expect(skillsOf(response.body, ids.climate)).toEqual([ids.cited, ids.taught].sort());
  expect(skillsOf(response.body, ids.housing)).toEqual([ids.cited, ids.read, ids.taught].sort());
  expect(skillsOf(response.body, ids.empty)).toEqual([]);
  expect(JSON.stringify(response.body)).not.toContain(ids.drafted);
});

test('issue areas are named in ?locale= where translated, else in the default locale; an unknown locale or parameter is a 400', async () => {
  const german = await api(app(), member).get('/api/skills/issue-areas?locale=de').expect(200);
  const names = Object.fromEntries(german.body.data.map((entry: { documentId: string; name: string }) => [entry.documentId, entry.name]));
  expect(names[ids.climate]).toBe(`Klima ${suffix}`);
  expect(names[ids.housing]).toBe(`Housing ${suffix}`);
  for (const query of ['locale=xx', 'sort=name']) {
    const refused = await api(app(), member).get(`/api/skills/issue-areas?${query}`);
    expect(refused.status).toBe(400);
    expect(namesField(refused.body, query.split('=')[0])).toBe(true);
  }
});

test('publishing and unpublishing change what a skill belongs to; the public is asked to sign in', async () => {
  const [draft] = (await app()
    .strapi.documents('api::workshop.workshop')
    .findMany({ locale: 'en', status: 'draft', filters: { skillsTaught: { documentId: ids.drafted } } } as never)) as unknown as Array<{ documentId: string }>;
  await app()
    .strapi.documents('api::workshop.workshop')
    .publish({ documentId: draft.documentId, locale: 'en' } as never);
  expect(skillsOf((await api(app(), member).get('/api/skills/issue-areas').expect(200)).body, ids.climate)).toContain(ids.drafted);
  await app()
    .strapi.documents('api::workshop.workshop')
    .unpublish({ documentId: draft.documentId, locale: 'en' } as never);
  expect(skillsOf((await api(app(), member).get('/api/skills/issue-areas').expect(200)).body, ids.climate)).not.toContain(ids.drafted);
  expect((await api(app(), 'public').get('/api/skills/issue-areas')).status).toBe(401);
});
