import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** The agreement's lifecycle, from an empty platform: drafted, consulted on, adopted, superseded, immutable. */
const app = useApp('empty');
const VERSIONS = 'api::agreement-version.agreement-version';
const day = 86_400_000;
let member: TestUser;
let editor: string;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated', { displayName: 'Aoife Byrne', visibility: 'public' });
  editor = await adminToken(app());
});

const sections = (suffix = '') => [
  { key: 'purpose', heading: 'Purpose', text: `We litigate together${suffix}.` },
  { key: 'values', heading: 'Values', text: 'Solidarity, care and accountability.' },
];
const documents = () => app().strapi.documents(VERSIONS);
/** The admin panel's own route for saving an entry, as an editor. */
const saveInAdminPanel = (documentId: string, data: object) =>
  app().http().put(`/content-manager/collection-types/${VERSIONS}/${documentId}?locale=en`).set('Authorization', `Bearer ${editor}`).send(data);
const draft = async (versionNumber: number, extra: object = {}) =>
  (await documents().create({
    locale: 'en',
    data: { versionNumber, title: `Community Agreement v${versionNumber}`, sections: sections(), ...extra },
  } as never)) as unknown as {
    documentId: string;
  };
const move = (documentId: string, data: object) => documents().update({ documentId, locale: 'en', data } as never);
const window = (fromDays: number, toDays: number) => ({
  consultationOpensAt: new Date(Date.now() + fromDays * day),
  consultationClosesAt: new Date(Date.now() + toDays * day),
});
const suggest = (number: number, data: object, caller: TestUser = member) =>
  api(app(), caller).post(`/api/agreement-versions/number/${number}/suggestions`, { data });
const stageOf = async (documentId: string) => ((await app().strapi.db.query(VERSIONS).findOne({ where: { documentId } })) as { stage: string }).stage;
const conflictMessage = async (write: Promise<unknown>) => {
  const error = (await write.then(
    () => null,
    (e: { status?: number; message: string }) => e,
  )) as { status?: number; message: string } | null;
  expect(error?.status).toBe(409);
  return error!.message;
};

test('draft → consultation → adopted → superseded, with suggestions carried over, and adopted versions immutable', async () => {
  const v1 = await draft(1);
  expect((await api(app()).get('/api/agreement-versions/number/1')).status).toBe(404); // a draft is never visible
  expect((await api(app()).get('/api/agreement-versions')).body.data).toEqual([]);

  await move(v1.documentId, { stage: 'consultation', ...window(-1, 10) });
  const accepted = await suggest(1, { sectionKey: 'purpose', kind: 'replace', proposedText: 'We litigate together, across borders.', rationale: 'Say where.' });
  expect(accepted.status).toBe(201);
  const stillOpen = await suggest(1, { sectionKey: 'values', kind: 'add', proposedText: 'Language justice.', rationale: 'Many languages.' });
  expect(stillOpen.status).toBe(201);
  await app()
    .strapi.documents('api::suggestion.suggestion')
    .update({ documentId: accepted.body.data.documentId, data: { decision: 'accepted' } } as never);
  await move(v1.documentId, { stage: 'adopted' });

  const current = await api(app()).get('/api/agreement-versions/current');
  expect(current.status).toBe(200);
  expect(current.body.data).toMatchObject({ versionNumber: 1, status: 'adopted', contributorCount: 1, contributors: [{ displayName: 'Aoife Byrne' }] });

  // v2 is drafted from v1: the open suggestion moves over, linked to the original.
  const v2 = await draft(2, { previousVersion: v1.documentId, sections: sections(', in every language') });
  const suggestions = (await app()
    .strapi.documents('api::suggestion.suggestion')
    .findMany({
      populate: { agreementVersion: { fields: ['versionNumber'] }, carriedOverFrom: { fields: ['documentId'] } },
    } as never)) as unknown as Array<{
    documentId: string;
    decision: string;
    agreementVersion: { versionNumber: number };
    carriedOverFrom: { documentId: string } | null;
  }>;
  const original = suggestions.find((s) => s.documentId === stillOpen.body.data.documentId)!;
  expect(original.decision).toBe('carried_over');
  const copy = suggestions.find((s) => s.carriedOverFrom?.documentId === original.documentId)!;
  expect(copy).toMatchObject({ decision: 'open', agreementVersion: { versionNumber: 2 } });

  // Outside the window: 409, with the window in the message; nothing written.
  await move(v2.documentId, { stage: 'consultation', ...window(2, 12) });
  const early = await suggest(2, { sectionKey: 'purpose', kind: 'remove', rationale: 'Too soon?' });
  expect(early.status).toBe(409);
  expect(early.body.error.message).toMatch(/open from \d{4}-\d\d-\d\dT.* to \d{4}-\d\d-\d\dT/);
  expect(
    await app()
      .strapi.db.query('api::suggestion.suggestion')
      .count({ where: { agreementVersion: { documentId: v2.documentId } } }),
  ).toBe(1);
  await move(v2.documentId, window(-1, 12));
  expect((await suggest(2, { sectionKey: 'purpose', kind: 'remove', rationale: 'In time.' })).status).toBe(201);
  expect((await suggest(1, { sectionKey: 'purpose', kind: 'remove', rationale: 'v1 is adopted.' })).status).toBe(409);

  await move(v2.documentId, { stage: 'adopted' });
  expect(await stageOf(v1.documentId)).toBe('superseded');
  expect(await stageOf(v2.documentId)).toBe('adopted');
  expect((await api(app()).get('/api/agreement-versions/current')).body.data.versionNumber).toBe(2);

  // Adopted and superseded versions reject every change, through the Document Service and the admin panel.
  for (const version of [v1, v2]) {
    const before = await app()
      .strapi.db.query(VERSIONS)
      .findOne({ where: { documentId: version.documentId, locale: 'en' }, populate: { sections: true } });
    expect(await conflictMessage(move(version.documentId, { title: 'Rewritten' }))).toMatch(/cannot be changed/);
    expect(await conflictMessage(move(version.documentId, { sections: sections(' quietly') }))).toMatch(/cannot be changed/);
    expect(await conflictMessage(move(version.documentId, { versionNumber: 9 }))).toMatch(/cannot be changed/);
    expect(await conflictMessage(documents().delete({ documentId: version.documentId } as never))).toMatch(/only drafts/);
    const viaAdmin = await saveInAdminPanel(version.documentId, { title: 'Rewritten in the admin panel', versionNumber: before.versionNumber });
    expect(viaAdmin.status).toBe(409);
    expect(
      await app()
        .strapi.db.query(VERSIONS)
        .findOne({ where: { documentId: version.documentId, locale: 'en' }, populate: { sections: true } }),
    ).toEqual(before);
  }
});

test('only forward, one step at a time; numbers unique and increasing; new versions start as drafts', async () => {
  const highest =
    (
      (await app()
        .strapi.db.query(VERSIONS)
        .findOne({ orderBy: { versionNumber: 'desc' } })) as { versionNumber: number } | null
    )?.versionNumber ?? 0;
  const version = await draft(highest + 1);
  expect(await conflictMessage(move(version.documentId, { stage: 'adopted' }))).toMatch(/only move forward/);
  await expect(move(version.documentId, { stage: 'consultation', consultationOpensAt: null, consultationClosesAt: null })).rejects.toMatchObject({
    details: { errors: [{ path: ['consultationOpensAt'] }] },
  });
  await move(version.documentId, { stage: 'consultation', ...window(-1, 5) });
  expect(await conflictMessage(move(version.documentId, { stage: 'draft' }))).toMatch(/only move forward/);
  expect(await conflictMessage(move(version.documentId, { stage: 'superseded' }))).toMatch(/only move forward/);
  await expect(draft(highest)).rejects.toMatchObject({ details: { errors: [{ path: ['versionNumber'] }] } });
  await expect(draft(highest + 2, { stage: 'adopted' })).rejects.toMatchObject({ details: { errors: [{ path: ['stage'] }] } });
  expect(
    await app()
      .strapi.db.query(VERSIONS)
      .count({ where: { versionNumber: { $gt: highest + 1 } } }),
  ).toBe(0);
});

test('two concurrent adoptions leave exactly one adopted version', async () => {
  const highest = (
    (await app()
      .strapi.db.query(VERSIONS)
      .findOne({ orderBy: { versionNumber: 'desc' } })) as { versionNumber: number }
  ).versionNumber;
  const [a, b] = [await draft(highest + 1), await draft(highest + 2)];
  for (const version of [a, b]) await move(version.documentId, { stage: 'consultation', ...window(-1, 5) });
  await Promise.allSettled([move(a.documentId, { stage: 'adopted' }), move(b.documentId, { stage: 'adopted' })]);
  const adopted = (await app()
    .strapi.db.query(VERSIONS)
    .findMany({ select: ['documentId'], where: { stage: 'adopted' } })) as Array<{ documentId: string }>;
  expect(new Set(adopted.map((row) => row.documentId)).size).toBe(1);
  expect(
    (
      await app()
        .strapi.db.query(VERSIONS)
        .findMany({ where: { documentId: { $in: [a.documentId, b.documentId] } } })
    )
      .map((row: { stage: string }) => row.stage)
      .sort(),
  ).toEqual(expect.arrayContaining(['adopted']));
});

test('bad suggestions are a 400 naming the field, and nothing is written', async () => {
  const current = (await api(app()).get('/api/agreement-versions/history')).body.data.find((v: { status: string }) => v.status === 'consultation');
  const count = () => app().strapi.db.query('api::suggestion.suggestion').count();
  const before = await count();
  for (const [data, field] of [
    [{ sectionKey: 'nowhere', kind: 'replace', proposedText: 'x', rationale: 'y' }, 'sectionKey'],
    [{ sectionKey: 'purpose', kind: 'replace', proposedText: 'x'.repeat(5001), rationale: 'y' }, 'proposedText'],
    [{ sectionKey: 'purpose', kind: 'replace', rationale: 'y' }, 'proposedText'],
    [{ sectionKey: 'purpose', kind: 'rewrite', proposedText: 'x', rationale: 'y' }, 'kind'],
    [{ sectionKey: 'purpose', kind: 'remove' }, 'rationale'],
    [{ sectionKey: 'purpose', kind: 'remove', rationale: 'y', status: 'accepted' }, 'status'],
    [{ sectionKey: 'purpose', kind: 'remove', rationale: 'y', decision: 'accepted' }, 'decision'],
  ] as const) {
    const response = await suggest(current.versionNumber, data);
    expect([response.status, response.body.error.details.errors[0].path]).toEqual([400, [field]]);
  }
  expect((await suggest(999, { sectionKey: 'purpose', kind: 'remove', rationale: 'y' })).status).toBe(404);
  expect(
    (
      await api(app()).post(`/api/agreement-versions/number/${current.versionNumber}/suggestions`, {
        data: { sectionKey: 'purpose', kind: 'remove', rationale: 'y' },
      })
    ).status,
  ).toBe(401);
  expect(await count()).toBe(before);
});
