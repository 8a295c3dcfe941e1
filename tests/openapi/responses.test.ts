import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import type { Response } from 'supertest';
import { documentedOperations } from '../../src/api/openapi/operations';
import { api, type Caller } from '../helpers/api';
import { searchConverged, useMeilisearch } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';
import { createReadingGroup } from '../participation/reading-groups';
import { createWorkshop } from '../participation/workshops';

/**
 * Every custom route of the app and of the local plugins, called as the role it is for on the
 * seeded demo data: each answer must be one the OpenAPI document declares for the route (status,
 * media type) and match the declared schema. Meilisearch (a contract server) answers the search
 * routes, so that tenant tokens are on.
 */
useMeilisearch();
// Messages between members are e-mail: written to a folder of this file's own, never sent.
const mailFolder = fs.mkdtempSync(join(tmpdir(), 'cop-mail-'));
Object.assign(process.env, { EMAIL_TRANSPORT: 'folder', EMAIL_FOLDER: mailFolder });
const app = useApp('seeded');
afterAll(() => {
  delete process.env.EMAIL_TRANSPORT;
  delete process.env.EMAIL_FOLDER;
  fs.rmSync(mailFolder, { recursive: true, force: true });
});

type Schema = Record<string, unknown>;
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
let document: { paths: Record<string, Record<string, Operation>>; components: Schema };
// Formats are checked by the schemas' patterns where it matters (dates); `components` is not a JSON Schema keyword.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
/** `METHOD /path status` of every answer checked, against the statuses the document declares. */
const answered = new Set<string>();

let member: TestUser;
let facilitator: TestUser;

beforeAll(async () => {
  // Indexes first: generating the document holds this process (and the contract server in it) for seconds.
  await searchConverged(app());
  const response = await api(app()).get('/api/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
  member = await createUser(app(), 'authenticated', { visibility: 'members' });
  facilitator = await createUser(app(), 'facilitator', { visibility: 'members' });
}, 120_000);

/** One line per distinct problem, array indices as `*` (a list of a hundred items repeats the same one). */
const problemsOf = (errors: ErrorObject[]) => [
  ...new Set(
    errors.map(
      ({ instancePath, message, params }) =>
        `${instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${message}${'additionalProperty' in params ? `: ${params.additionalProperty}` : ''}`,
    ),
  ),
];

/**
 * Calls `METHOD /api<path>` as `caller` and checks the answer against the document's operation
 * `documented` (the route's path, `{name}` for parameters). Returns the response for later steps.
 */
const call = async (caller: Caller, method: 'GET' | 'POST' | 'PUT' | 'DELETE', documented: string, path: string, body?: object): Promise<Response> => {
  const client = api(app(), caller);
  const response = await (method === 'GET'
    ? client.get(`/api${path}`)
    : method === 'POST'
      ? client.post(`/api${path}`, body)
      : method === 'PUT'
        ? client.put(`/api${path}`, body)
        : client.delete(`/api${path}`));
  const operation = document.paths[documented]?.[method.toLowerCase()];
  const declared = operation?.responses[String(response.status)];
  expect({ route: `${method} ${documented}`, status: response.status, declared: Boolean(declared), body: declared ? undefined : response.body }).toEqual({
    route: `${method} ${documented}`,
    status: response.status,
    declared: true,
    body: undefined,
  });
  answered.add(`${method} ${documented} ${response.status}`);
  const content = Object.entries(declared!.content ?? {});
  if (content.length === 0) {
    expect(response.text ?? '').toBe('');
    return response;
  }
  const [[mediaType, { schema }]] = content;
  expect(response.headers['content-type']).toContain(mediaType);
  if (mediaType !== 'application/json') return response;
  const validate = ajv.compile({ ...schema, components: document.components });
  const valid = validate(response.body);
  expect({ route: `${method} ${documented} ${response.status}`, errors: valid ? [] : problemsOf(validate.errors ?? []) }).toEqual({
    route: `${method} ${documented} ${response.status}`,
    errors: [],
  });
  return response;
};

test('the OpenAPI document itself', async () => {
  await call('public', 'GET', '/openapi.json', '/openapi.json');
});

describe('the Community Agreement', () => {
  test('reading: current, history, one version, its text, a diff', async () => {
    await call('public', 'GET', '/agreement-versions/current', '/agreement-versions/current?locale=de');
    await call(member, 'GET', '/agreement-versions/history', '/agreement-versions/history');
    await call('public', 'GET', '/agreement-versions/number/{number}', '/agreement-versions/number/3?locale=fr');
    await call('public', 'GET', '/agreement-versions/number/{number}/text', '/agreement-versions/number/2/text');
    await call('public', 'GET', '/agreement-versions/{a}/diff/{b}', '/agreement-versions/1/diff/2?locale=de');
  });

  test('a suggestion on the version in consultation, an endorsement of the adopted one', async () => {
    const consulted = await call(member, 'GET', '/agreement-versions/number/{number}', '/agreement-versions/number/3');
    const sectionKey = consulted.body.data.sections[0].key as string;
    await call(member, 'POST', '/agreement-versions/number/{number}/suggestions', '/agreement-versions/number/3/suggestions', {
      data: { sectionKey, kind: 'replace', proposedText: 'A clearer wording.', rationale: 'Easier to translate.' },
    });
    const organisation = (await app()
      .strapi.db.query('api::organisation.organisation')
      .findOne({ select: ['documentId'], where: { slug: 'cabinet-lemaire-oyelaran', locale: 'en' } })) as { documentId: string };
    const representative = await createUser(app(), 'org-representative', { organisation: organisation.documentId });
    await call(representative, 'POST', '/agreement-versions/number/{number}/endorsements', '/agreement-versions/number/2/endorsements', {
      data: { statement: 'We endorse it.' },
    });
  });
});

describe("a member's own profile and data", () => {
  test('profile, export, calendar feed, erasure', async () => {
    await call(member, 'GET', '/members/me', '/members/me');
    await call(member, 'PUT', '/members/me', '/members/me?locale=en', { data: { bio: 'Climate litigation.', languages: ['en', 'de'] } });
    await call(member, 'GET', '/me/calendar-feed', '/me/calendar-feed');
    await call(member, 'POST', '/me/calendar-feed', '/me/calendar-feed');
    await call(member, 'GET', '/me/calendar-feed', '/me/calendar-feed');
    await call(member, 'DELETE', '/me/calendar-feed', '/me/calendar-feed');
    await call(member, 'GET', '/me/export', '/me/export');
    await call(await createUser(app(), 'authenticated'), 'DELETE', '/me', '/me');
  });
});

describe('contacting a member', () => {
  test('their contact route, and a message', async () => {
    const byEmail = await createUser(app(), 'authenticated', { visibility: 'members' });
    await api(app(), byEmail)
      .put('/api/members/me', { data: { contactRoute: 'email' } })
      .expect(200);
    const byMessage = await createUser(app(), 'authenticated', { visibility: 'members' });
    await api(app(), byMessage)
      .put('/api/members/me', { data: { contactRoute: 'message' } })
      .expect(200);
    await call(member, 'GET', '/members/{id}/contact', `/members/${byEmail.memberId}/contact`);
    await call(member, 'GET', '/members/{id}/contact', `/members/${byMessage.memberId}/contact`);
    await call(member, 'POST', '/members/{id}/messages', `/members/${byMessage.memberId}/messages`, { data: { subject: 'Hello', message: 'A question.' } });
  });
});

describe('workshops and reading groups', () => {
  test('the calendar; registering, again, the list, cancelling both ways', async () => {
    await call('public', 'GET', '/workshops/calendar.ics', '/workshops/calendar.ics?locale=en');
    const workshop = await createWorkshop(app(), { facilitators: [facilitator.memberId!] });
    await call(member, 'POST', '/workshops/{id}/registrations', `/workshops/${workshop}/registrations`);
    await call(member, 'POST', '/workshops/{id}/registrations', `/workshops/${workshop}/registrations`);
    await call(member, 'GET', '/workshops/{id}/calendar.ics', `/workshops/${workshop}/calendar.ics?locale=en`);
    await call(facilitator, 'GET', '/workshops/{id}/registrations', `/workshops/${workshop}/registrations`);
    await call(member, 'DELETE', '/workshops/{id}/registrations', `/workshops/${workshop}/registrations`);
    const other = await createUser(app(), 'authenticated');
    const registered = await call(other, 'POST', '/workshops/{id}/registrations', `/workshops/${workshop}/registrations`);
    await call(other, 'DELETE', '/registrations/{id}', `/registrations/${registered.body.data.documentId}`);
  });

  test('joining a reading group, again, its participants, leaving', async () => {
    const group = await createReadingGroup(app(), { visibility: 'public', facilitators: [facilitator.memberId!] });
    const path = `/reading-groups/${group.documentId}/participants`;
    await call(member, 'POST', '/reading-groups/{id}/participants', path);
    await call(member, 'POST', '/reading-groups/{id}/participants', path);
    await call(facilitator, 'GET', '/reading-groups/{id}/participants', path);
    await call(member, 'GET', '/me/reading-groups', '/me/reading-groups?locale=fr');
    await call(member, 'GET', '/skills/issue-areas', '/skills/issue-areas?locale=fr');
    await call(member, 'DELETE', '/reading-groups/{id}/participants', path);
  });
});

describe('skills mapping', () => {
  test('the matrix for the public and for members, as CSV, the gaps, the experts', async () => {
    await call('public', 'GET', '/skills-mapping/matrix', '/skills-mapping/matrix?locale=de');
    await call(member, 'GET', '/skills-mapping/matrix', '/skills-mapping/matrix?dimension=country&minLevel=2');
    await call(member, 'GET', '/skills-mapping/matrix.csv', '/skills-mapping/matrix.csv');
    await call('public', 'GET', '/skills-mapping/gaps', '/skills-mapping/gaps');
    await call(member, 'GET', '/skills-mapping/gaps', '/skills-mapping/gaps?limit=5');
    await call(member, 'GET', '/skills-mapping/experts', '/skills-mapping/experts?skill=asylum-law');
  });

  test("a member's own claims, by both routes", async () => {
    await call(member, 'PUT', '/skills-mapping/me/claims', '/skills-mapping/me/claims', { data: [{ skill: 'asylum-law', level: 3, canMentor: true }] });
    await call(member, 'GET', '/skills-mapping/me/claims', '/skills-mapping/me/claims?locale=fr');
    const own = `/skills-mapping/members/${member.memberId}/claims`;
    await call(member, 'PUT', '/skills-mapping/members/{documentId}/claims', own, { data: [{ skill: 'asylum-law', level: 4 }] });
    await call(facilitator, 'GET', '/skills-mapping/members/{documentId}/claims', own);
  });
});

describe('search', () => {
  test('a search with facets and a tenant token', async () => {
    await call('public', 'GET', '/multilingual-search/search', '/multilingual-search/search?q=climate&facets=*');
    await call(
      member,
      'GET',
      '/multilingual-search/search',
      '/multilingual-search/search?q=asylum&locale=de&types=resource&filters[resourceKind]=judgment&facets=*',
    );
    await call('public', 'GET', '/multilingual-search/token', '/multilingual-search/token');
  });
});

test('every success answer of every custom route was checked', () => {
  const declared = Object.entries(documentedOperations).flatMap(([route, { success }]) => Object.keys(success).map((status) => `${route} ${status}`));
  expect(declared.filter((answer) => !answered.has(answer))).toEqual([]);
});
