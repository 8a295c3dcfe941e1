import type { Test } from 'supertest';
import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * Issue 15: with the attributes named `stage` (versions) and `decision` (suggestions) instead of
 * Strapi's reserved `status`, an editor takes a version through its lifecycle and decides on
 * suggestions in the admin panel (the content manager's own routes), and every rule of the lifecycle
 * still holds there.
 */
const app = useApp('empty');
const VERSIONS = 'api::agreement-version.agreement-version';
const SUGGESTIONS = 'api::suggestion.suggestion';
const day = 86_400_000;
let editor: string;
let member: TestUser;

beforeAll(async () => {
  editor = await adminToken(app());
  member = await createUser(app(), 'authenticated', { displayName: 'Maeve Quinn', visibility: 'public' });
});

/** The content manager's routes for `uid`, as the signed-in editor. */
const contentManager = (uid: string, query = '') => {
  const base = `/content-manager/collection-types/${uid}`;
  const asEditor = (request: Test) => request.set('Authorization', `Bearer ${editor}`);
  return {
    create: (data: object) => asEditor(app().http().post(`${base}${query}`)).send(data),
    find: (documentId: string) => asEditor(app().http().get(`${base}/${documentId}${query}`)),
    list: () => asEditor(app().http().get(`${base}${query}`)),
    save: (documentId: string, data: object) => asEditor(app().http().put(`${base}/${documentId}${query}`)).send(data),
  };
};
const versions = contentManager(VERSIONS, '?locale=en');
const suggestions = contentManager(SUGGESTIONS);

const window = () => ({ consultationOpensAt: new Date(Date.now() - day).toISOString(), consultationClosesAt: new Date(Date.now() + 10 * day).toISOString() });
const draft = async (versionNumber: number) => {
  const response = await versions.create({
    versionNumber,
    title: `Community Agreement v${versionNumber}`,
    sections: [{ key: 'purpose', heading: 'Purpose', text: `We litigate together (v${versionNumber}).` }],
  });
  expect([response.status, response.body.data?.stage]).toEqual([201, 'draft']);
  return response.body.data.documentId as string;
};
const stageOf = async (documentId: string) => ((await versions.find(documentId)).body.data as { stage: string }).stage;
const fieldOf = (response: { body: { error?: { details?: { errors?: Array<{ path: string[] }> } } } }) => response.body.error?.details?.errors?.[0]?.path;

test('an editor moves a draft to consultation (with a window) and adopts it; adopting the next one supersedes it', async () => {
  const first = await draft(1);

  // A step skipped, or a consultation without its window, is refused naming the field; nothing is written.
  const skipping = await versions.save(first, { stage: 'adopted' });
  expect([skipping.status, skipping.body.error?.message]).toEqual([409, expect.stringMatching(/draft: its stage can only move forward/)]);
  const noWindow = await versions.save(first, { stage: 'consultation' });
  expect([noWindow.status, fieldOf(noWindow)]).toEqual([400, ['consultationOpensAt']]);
  const unknown = await versions.save(first, { stage: 'archived' });
  expect([unknown.status, fieldOf(unknown)]).toEqual([400, ['stage']]);
  expect(await stageOf(first)).toBe('draft');

  const consulting = await versions.save(first, { stage: 'consultation', ...window() });
  expect([consulting.status, consulting.body.data?.stage]).toEqual([200, 'consultation']);
  // The list shows each version's own stage (with `status`, every row showed Strapi's "published").
  expect((await versions.list()).body.results.map((row: { documentId: string; stage: string }) => [row.documentId, row.stage])).toEqual([
    [first, 'consultation'],
  ]);

  const adopting = await versions.save(first, { stage: 'adopted' });
  expect([adopting.status, adopting.body.data?.stage, typeof adopting.body.data?.adoptedAt]).toEqual([200, 'adopted', 'string']);

  const second = await draft(2);
  expect((await versions.save(second, { stage: 'consultation', ...window() })).status).toBe(200);
  expect((await versions.save(second, { stage: 'adopted' })).status).toBe(200);
  expect([await stageOf(first), await stageOf(second)]).toEqual(['superseded', 'adopted']);

  // Adopted and superseded versions are final, and no version goes back.
  for (const [documentId, stage] of [
    [first, 'superseded'],
    [second, 'adopted'],
  ]) {
    const back = await versions.save(documentId, { stage: 'consultation' });
    expect([back.status, back.body.error?.message]).toEqual([409, expect.stringMatching(new RegExp(`is ${stage}: a version once ${stage} cannot be changed`))]);
  }
  expect([await stageOf(first), await stageOf(second)]).toEqual(['superseded', 'adopted']);
});

test.each([
  [VERSIONS, 'stage'],
  [SUGGESTIONS, 'decision'],
  ['api::registration.registration', 'state'],
])('the edit view of %s shows `%s`', async (uid, field) => {
  const response = await app().http().get(`/content-manager/content-types/${uid}/configuration`).set('Authorization', `Bearer ${editor}`);
  expect(response.status).toBe(200);
  const { layouts, metadatas } = response.body.data.contentType as {
    layouts: { edit: Array<Array<{ name: string }>> };
    metadatas: Record<string, { edit: { visible: boolean } }>;
  };
  expect([layouts.edit.flat().some((cell) => cell.name === field), metadatas[field].edit.visible]).toEqual([true, true]);
});

test('an editor accepts and rejects suggestions; an unknown decision is a 400 naming `decision`', async () => {
  const version = await draft(3);
  expect((await versions.save(version, { stage: 'consultation', ...window() })).status).toBe(200);
  const suggest = async (rationale: string) => {
    const response = await api(app(), member).post('/api/agreement-versions/number/3/suggestions', {
      data: { sectionKey: 'purpose', kind: 'remove', rationale },
    });
    expect([response.status, response.body.data?.status]).toEqual([201, 'open']);
    return response.body.data.documentId as string;
  };
  const [good, bad] = [await suggest('Shorter.'), await suggest('Not needed.')];

  const accepted = await suggestions.save(good, { decision: 'accepted' });
  expect([accepted.status, accepted.body.data?.decision]).toEqual([200, 'accepted']);
  const rejected = await suggestions.save(bad, { decision: 'rejected' });
  expect([rejected.status, rejected.body.data?.decision]).toEqual([200, 'rejected']);
  const unknown = await suggestions.save(bad, { decision: 'maybe' });
  expect([unknown.status, fieldOf(unknown)]).toEqual([400, ['decision']]);
  expect((await suggestions.find(bad)).body.data.decision).toBe('rejected');

  // The accepted suggestion's author is credited once the version is adopted.
  expect((await versions.save(version, { stage: 'adopted' })).status).toBe(200);
  const current = await api(app()).get('/api/agreement-versions/current');
  expect(current.body.data).toMatchObject({ versionNumber: 3, status: 'adopted', contributorCount: 1, contributors: [{ displayName: 'Maeve Quinn' }] });
});

test('the content API names the attribute `stage`; the agreement routes still answer `status`', async () => {
  const generic = await api(app()).get('/api/agreement-versions?sort=versionNumber&filters[stage][$eq]=adopted');
  expect(generic.status).toBe(200);
  expect(generic.body.data.map((row: Record<string, unknown>) => [row.versionNumber, row.stage, 'status' in row])).toEqual([[3, 'adopted', false]]);
  expect((await api(app()).get('/api/agreement-versions?filters[status][$eq]=adopted')).status).toBe(400);
  const history = await api(app()).get('/api/agreement-versions/history');
  expect(history.body.data.map((row: { versionNumber: number; status: string }) => [row.versionNumber, row.status])).toEqual([
    [3, 'adopted'],
    [2, 'superseded'],
    [1, 'superseded'],
  ]);
});
