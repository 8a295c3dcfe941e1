import agreement from '../../src/seed/data/agreement.json';
import { api, type Caller } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** The agreement as the public and members read it (seeded: v1 superseded, v2 adopted, v3 in consultation), diffs and endorsements. */
const app = useApp('seeded');
type Words = Array<{ type: 'equal' | 'insert' | 'delete'; text: string }>;
type Section = { key: string; change: string; moved: boolean; from: { text: string } | null; to: { text: string } | null; text: Words };

const organisationId = async (slug: string) =>
  (
    (await app()
      .strapi.db.query('api::organisation.organisation')
      .findOne({ select: ['documentId'], where: { slug, locale: 'en' } })) as { documentId: string }
  ).documentId;

describe('diff between seeded versions 1 and 2', () => {
  test.each([
    ['en', ['anti-racism', 'actively'], ['appropriate']],
    ['de', ['Antirassismus', 'ausdrücklich'], ['angemessener']],
  ])('in %s: sections added, removed, moved and changed, with word changes', async (locale, valuesWords, sharingWords) => {
    const response = await api(app()).get(`/api/agreement-versions/1/diff/2?locale=${locale}`);
    expect(response.status).toBe(200);
    const diff = response.body.data as { locale: string; sections: Section[]; summary: Record<string, number> };
    expect(diff.locale).toBe(locale);
    const by = (key: string) => diff.sections.find((section) => section.key === key)!;
    expect(by('care-and-wellbeing')).toMatchObject({ change: 'added', from: null });
    expect(by('media-and-public-statements')).toMatchObject({ change: 'removed', to: null });
    expect(by('decision-making').moved).toBe(true);
    expect(
      diff.sections
        .filter((s) => s.change === 'changed')
        .map((s) => s.key)
        .sort(),
    ).toEqual(['knowledge-sharing', 'values']);
    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 2, moved: 1, unchanged: 4 });

    for (const [key, words] of [
      ['values', valuesWords],
      ['knowledge-sharing', sharingWords],
    ] as const) {
      const section = by(key);
      const inserted = section.text
        .filter((w) => w.type === 'insert')
        .map((w) => w.text)
        .join(' ');
      for (const word of words) expect(inserted).toContain(word);
      // Side by side or inline, the parts rebuild both texts exactly.
      expect(
        section.text
          .filter((w) => w.type !== 'insert')
          .map((w) => w.text)
          .join(''),
      ).toBe(section.from!.text);
      expect(
        section.text
          .filter((w) => w.type !== 'delete')
          .map((w) => w.text)
          .join(''),
      ).toBe(section.to!.text);
    }
    const seeded = agreement.versions[1].sections[locale as 'en' | 'de'].map((s) => s.key);
    expect(diff.sections.filter((s) => s.change !== 'removed').map((s) => s.key)).toEqual(seeded);
  });

  test.each([
    ['/api/agreement-versions/1/diff/1', 400, 'b'],
    ['/api/agreement-versions/1/diff/99', 404, null],
    ['/api/agreement-versions/one/diff/2', 400, 'a'],
    ['/api/agreement-versions/1/diff/2?locale=xx', 400, 'locale'],
    ['/api/agreement-versions/1/diff/2?colour=red', 400, 'colour'],
  ])('%s → %i', async (path, status, field) => {
    const response = await api(app()).get(path);
    expect(response.status).toBe(status);
    if (field) expect(response.body.error.details.errors[0].path).toEqual([field]);
  });
});

test('the current version, localized with English as the fallback, and translations marked', async () => {
  const english = (await api(app()).get('/api/agreement-versions/current')).body.data;
  expect(english).toMatchObject({ versionNumber: 2, status: 'adopted', locale: 'en', translation: false, fallback: false });
  expect(english.sections.map((s: { key: string }) => s.key)).toEqual(agreement.versions[1].sections.en.map((s) => s.key));
  expect(english.endorsements.map((e: { organisation: { slug: string } }) => e.organisation.slug).sort()).toEqual(
    agreement.endorsements
      .filter((e) => e.versionNumber === 2)
      .map((e) => e.organisation)
      .sort(),
  );
  const german = (await api(app()).get('/api/agreement-versions/current?locale=de')).body.data;
  expect(german).toMatchObject({ locale: 'de', translation: true, fallback: false, title: agreement.versions[1].title.de });
  const latvian = (await api(app()).get('/api/agreement-versions/current?locale=lv')).body.data;
  expect(latvian).toMatchObject({ locale: 'en', requestedLocale: 'lv', fallback: true, title: agreement.versions[1].title.en });
});

test('the history, newest first, with endorsement counts; drafts never appear', async () => {
  await app()
    .strapi.documents('api::agreement-version.agreement-version')
    .create({ locale: 'en', data: { versionNumber: 4, title: 'Draft v4', sections: [] } } as never);
  const history = (await api(app()).get('/api/agreement-versions/history')).body.data as Array<{
    versionNumber: number;
    status: string;
    endorsementCount: number;
  }>;
  expect(history.map((v) => [v.versionNumber, v.status])).toEqual([
    [3, 'consultation'],
    [2, 'adopted'],
    [1, 'superseded'],
  ]);
  for (const version of history) expect(version.endorsementCount).toBe(agreement.endorsements.filter((e) => e.versionNumber === version.versionNumber).length);
  expect((await api(app()).get('/api/agreement-versions/number/4')).status).toBe(404);
  expect((await api(app()).get('/api/agreement-versions/2/diff/4')).status).toBe(404);
});

test('a plain-text rendering for download', async () => {
  const response = await api(app()).get('/api/agreement-versions/number/2/text?locale=fr');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain');
  expect(response.headers['content-disposition']).toContain('community-agreement-v2-fr.txt');
  const french = agreement.versions[1];
  expect(response.text).toContain(french.title.fr);
  expect(response.text).toContain('translation (the English text is canonical)');
  french.sections.fr.forEach((section, index) => expect(response.text).toContain(`${index + 1}. ${section.heading}\n\n${section.text}`));
});

describe('endorsements', () => {
  let representative: TestUser;
  beforeAll(async () => {
    representative = await createUser(app(), 'org-representative', { organisation: await organisationId('cabinet-lemaire-oyelaran'), visibility: 'members' });
  });
  const endorse = (number: number, data: object, caller: TestUser = representative) =>
    api(app(), caller).post(`/api/agreement-versions/number/${number}/endorsements`, { data });
  const count = () => app().strapi.db.query('api::endorsement.endorsement').count();

  test('a representative endorses on behalf of their own organisation, once per version', async () => {
    const before = await count();
    const first = await endorse(3, { statement: 'We support this draft.' });
    expect(first.status).toBe(201);
    expect(first.body.data.organisation.slug).toBe('cabinet-lemaire-oyelaran');
    const again = await endorse(3, { statement: 'Twice?' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already endorsed version 3/);
    expect(await count()).toBe(before + 1);
    const current = (await api(app()).get('/api/agreement-versions/number/3')).body.data;
    expect(current.endorsements.map((e: { organisation: { slug: string } }) => e.organisation.slug)).toContain('cabinet-lemaire-oyelaran');
  });

  test('a version names the organisation its caller represents: only for a representative', async () => {
    const representedOrganisation = async (caller: Caller) =>
      (await api(app(), caller).get('/api/agreement-versions/current')).body.data.representedOrganisation;
    expect(await representedOrganisation(representative)).toEqual({ slug: 'cabinet-lemaire-oyelaran', name: 'Cabinet Lemaire & Oyelaran' });
    const member = await createUser(app(), 'authenticated', { organisation: await organisationId('cabinet-lemaire-oyelaran') });
    const withoutOrganisation = await createUser(app(), 'org-representative');
    for (const caller of ['public', member, withoutOrganisation] as const) expect(await representedOrganisation(caller)).toBeNull();
  });

  test('another organisation → 403, a superseded version → 409, a plain member → 403; nothing written', async () => {
    const before = await count();
    expect((await endorse(2, { organisation: 'klimarecht-kollektiv' })).status).toBe(403);
    expect((await endorse(2, { organisation: await organisationId('klimarecht-kollektiv') })).status).toBe(403);
    expect((await endorse(1, {})).status).toBe(409);
    expect((await endorse(99, {})).status).toBe(404);
    expect((await endorse(2, { statement: 'x'.repeat(2001) })).status).toBe(400);
    const member = await createUser(app(), 'authenticated', { organisation: await organisationId('cabinet-lemaire-oyelaran') });
    expect((await endorse(2, {}, member)).status).toBe(403);
    expect(await count()).toBe(before);
  });
});
