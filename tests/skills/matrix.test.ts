import members from '../../src/seed/data/members.json';
import organisations from '../../src/seed/data/organisations.json';
import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/** The coverage matrix on the demo data, checked against counts computed here from the seed files. */
const app = useApp('seeded');
let member: TestUser;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
});

type Cell = { status: string | null; holders: number | null; advanced: number | null; levels: number[] | null; withheld: boolean };
type Matrix = { columns: Array<{ key: string; label: string }>; rows: Array<{ skill: { slug: string; name: string }; cells: Record<string, Cell> }> };

const organisationAreas = new Map(organisations.map((organisation) => [organisation.slug, organisation.issueAreas]));

/** Each member's values in a dimension, straight from the seed files. */
const valuesOf = (dimension: string, holder: (typeof members)[number]): string[] => {
  switch (dimension) {
    case 'country':
      return holder.countries;
    case 'language':
      return holder.languages;
    case 'organisation':
      return holder.organisation ? [holder.organisation] : [];
    default:
      return holder.organisation ? (organisationAreas.get(holder.organisation) ?? []) : [];
  }
};

/** skill slug → column key → holders per level, counted from the seed files. */
const expected = (dimension: string, minLevel = 0) => {
  const out = new Map<string, Map<string, number[]>>();
  for (const holder of members) {
    for (const claim of holder.claims.filter((c) => c.level >= minLevel)) {
      for (const value of new Set(valuesOf(dimension, holder))) {
        const bySkill = out.get(claim.skill) ?? new Map<string, number[]>();
        const levels = bySkill.get(value) ?? [0, 0, 0, 0, 0];
        levels[claim.level] += 1;
        bySkill.set(value, levels);
        out.set(claim.skill, bySkill);
      }
    }
  }
  return out;
};

const statusOf = (levels: number[]) => (levels[3] + levels[4] >= 2 ? 'good' : levels[3] + levels[4] === 1 ? 'risk' : 'gap');

const matrix = async (query: string, caller: Parameters<typeof api>[1] = member) => {
  const response = await api(app(), caller).get(`/api/skills-mapping/matrix?${query}`);
  expect(response.status).toBe(200);
  return response.body.data as Matrix;
};

describe.each(['issueArea', 'country', 'organisation', 'language'])('by %s', (dimension) => {
  test('every cell equals the independent count, and its status follows Good = 2+ at level 3+, Risk = 1, Gap = 0', async () => {
    const data = await matrix(`dimension=${dimension}`);
    const counts = expected(dimension);
    expect(data.rows.length).toBeGreaterThanOrEqual(60);
    let compared = 0;
    for (const row of data.rows) {
      for (const column of data.columns) {
        const levels = counts.get(row.skill.slug)?.get(column.key) ?? [0, 0, 0, 0, 0];
        const cell = row.cells[column.key];
        expect([row.skill.slug, column.key, cell.levels]).toEqual([row.skill.slug, column.key, levels]);
        expect(cell.status).toBe(statusOf(levels));
        compared += levels.reduce((a, b) => a + b, 0);
      }
    }
    // Nothing counted in the files is missing from the matrix.
    const total = [...counts.values()].flatMap((bySkill) => [...bySkill.values()]).reduce((sum, levels) => sum + levels.reduce((a, b) => a + b, 0), 0);
    expect(compared).toBe(total);
  });

  test('with a minimum level of 3', async () => {
    const data = await matrix(`dimension=${dimension}&minLevel=3`);
    const counts = expected(dimension, 3);
    for (const row of data.rows)
      for (const column of data.columns) expect(row.cells[column.key].levels).toEqual(counts.get(row.skill.slug)?.get(column.key) ?? [0, 0, 0, 0, 0]);
  });
});

test('a country filter counts only members of that country', async () => {
  const data = await matrix('dimension=issueArea&country=DE');
  const germans = members.filter((holder) => holder.countries.includes('DE'));
  const row = data.rows.find((r) => r.skill.slug === 'anti-discrimination-law')!;
  const total = Object.values(row.cells).reduce((sum, cell) => sum + (cell.holders ?? 0), 0);
  const independent = germans.reduce(
    (sum, holder) => sum + (holder.claims.some((c) => c.skill === 'anti-discrimination-law') ? new Set(valuesOf('issueArea', holder)).size : 0),
    0,
  );
  expect(total).toBe(independent);
});

test('labels in the requested language, English where untranslated', async () => {
  const german = await matrix('dimension=country&locale=de');
  expect(german.columns.find((column) => column.key === 'DE')?.label).toBe('Deutschland');
  expect(german.rows.find((row) => row.skill.slug === 'cjeu-preliminary-references')?.skill.name).toMatch(/Vorabentscheidung/);
  const latvian = await matrix('dimension=issueArea&locale=lv');
  expect(latvian.rows.find((row) => row.skill.slug === 'echr-litigation')?.skill.name).toBe('European Court of Human Rights litigation');
});

describe('privacy', () => {
  test('the public sees exact counts or none, never levels, and never a count of 1 or 2 (see public-figures.test.ts)', async () => {
    const exact = await matrix('dimension=country');
    const publicView = await matrix('dimension=country', 'public');
    let withheld = 0;
    exact.rows.forEach((row, r) => {
      for (const column of exact.columns) {
        const [full, shown] = [row.cells[column.key], publicView.rows[r].cells[column.key]];
        expect(shown.levels).toBeNull();
        for (const figure of ['holders', 'advanced'] as const) {
          expect([null, full[figure]]).toContainEqual(shown[figure]);
          expect([1, 2]).not.toContain(shown[figure]);
        }
        if (full.advanced! > 0 && full.advanced! < 3) expect(shown).toMatchObject({ status: null, advanced: null, withheld: true });
        if (shown.withheld) withheld += 1;
        else expect(shown.status).toBe(full.status);
      }
    });
    expect(withheld).toBeGreaterThan(0);
  });

  test('the CSV is for members, in the same shape, and carries no identity', async () => {
    expect((await api(app()).get('/api/skills-mapping/matrix.csv')).status).toBe(401);
    const response = await api(app(), member).get('/api/skills-mapping/matrix.csv?dimension=organisation');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.text.trim().split('\n');
    const data = await matrix('dimension=organisation');
    expect(lines.length).toBe(1 + data.rows.length * data.columns.length);
    for (const holder of members) expect(response.text).not.toContain(holder.displayName);
    expect(response.text).not.toMatch(/@[a-z.-]+\.example\.org/);
  });
});

describe('bad input is a 400 naming the parameter', () => {
  test.each([
    ['dimension=planet', 'dimension'],
    ['minLevel=7', 'minLevel'],
    ['minLevel=high', 'minLevel'],
    ['country=Germany', 'country'],
    ['organisation=nobody-knows', 'organisation'],
    ['issueArea=Not A Slug', 'issueArea'],
    ['category=cooking', 'category'],
    ['locale=xx', 'locale'],
    ['sort=name', 'sort'],
  ])('%s', async (query, parameter) => {
    const response = await api(app(), member).get(`/api/skills-mapping/matrix?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`'${parameter}'`);
  });
});

test('one category, or one parent skill and its children', async () => {
  const procedures = await matrix('category=procedure');
  expect(procedures.rows.every((row) => (row as unknown as { skill: { category: string } }).skill.category === 'procedure')).toBe(true);
  const family = await matrix('parent=strategic-litigation-planning');
  expect(family.rows.map((row) => row.skill.slug).sort()).toEqual(['case-selection', 'impact-assessment', 'strategic-litigation-planning', 'theory-of-change']);
});

test('the admin panel gets the matrix and the CSV behind its own permission', async () => {
  const admin = await adminToken(app());
  const response = await app().http().get('/skills-mapping/matrix?dimension=language').set('Authorization', `Bearer ${admin}`);
  expect(response.status).toBe(200);
  expect(response.body.meta.exactCounts).toBe(true);
  const csv = await app().http().get('/skills-mapping/matrix.csv').set('Authorization', `Bearer ${admin}`);
  expect(csv.status).toBe(200);
  // Editors and community managers have the permission (src/bootstrap/admin-roles.ts); authors do not.
  const editor = await adminToken(app(), 'strapi-editor');
  expect((await app().http().get('/skills-mapping/matrix').set('Authorization', `Bearer ${editor}`)).status).toBe(200);
  const author = await adminToken(app(), 'strapi-author');
  expect((await app().http().get('/skills-mapping/matrix').set('Authorization', `Bearer ${author}`)).status).toBe(403);
});

describe('the counts follow every change that moves them', () => {
  /** The asylum-law cell of a column; a column nobody fills (a country no member is from) holds nobody. */
  const cell = async (dimension: string, key: string) => {
    const cells = (await matrix(`dimension=${dimension}`)).rows.find((row) => row.skill.slug === 'asylum-law')!.cells;
    return cells[key] ?? { levels: [0, 0, 0, 0, 0] };
  };
  const holders = (levels: number[] | null) => (levels ?? []).reduce((a, b) => a + b, 0);

  test("a member's claims, the countries of a profile, and an organisation's issue areas", async () => {
    const documents = app().strapi.documents;
    const organisation = (await documents('api::organisation.organisation').findFirst({
      locale: 'en',
      status: 'published',
      filters: { slug: organisations[0].slug },
      populate: { issueAreas: { fields: ['slug'] } },
    } as never)) as unknown as { documentId: string; issueAreas: Array<{ documentId: string; slug: string }> };
    const before = {
      malta: await cell('country', 'MT'),
      iceland: await cell('country', 'IS'),
      organisation: await cell('organisation', organisations[0].slug),
    };

    const mover = await createUser(app(), 'authenticated', { countries: ['MT'], organisation: organisation.documentId });
    expect((await api(app(), mover).put('/api/skills-mapping/me/claims', { data: [{ skill: 'asylum-law', level: 4 }] })).status).toBe(200);
    const malta = await cell('country', 'MT');
    expect(malta.levels![4]).toBe(before.malta.levels![4] + 1);
    const inOrganisation = await cell('organisation', organisations[0].slug);
    expect(holders(inOrganisation.levels)).toBe(holders(before.organisation.levels) + 1);

    await documents('api::member.member').update({ documentId: mover.memberId!, locale: 'en', data: { countries: ['IS'] } } as never);
    expect((await cell('country', 'MT')).levels).toEqual(before.malta.levels);
    expect(holders((await cell('country', 'IS')).levels)).toBe(holders(before.iceland.levels) + 1);

    const areas = (await app()
      .strapi.db.query('api::issue-area.issue-area')
      .findMany({ select: ['documentId', 'slug'], where: { locale: 'en' } })) as Array<{ documentId: string; slug: string }>;
    const added = areas.find((area) => !organisation.issueAreas.some((held) => held.slug === area.slug))!;
    const area = await cell('issueArea', added.slug);
    await documents('api::organisation.organisation').update({
      documentId: organisation.documentId,
      locale: 'en',
      data: { issueAreas: [...organisation.issueAreas.map((held) => held.documentId), added.documentId] },
    } as never);
    expect((await cell('issueArea', added.slug)).levels).toEqual(area.levels); // a draft changes nothing
    await documents('api::organisation.organisation').publish({ documentId: organisation.documentId, locale: 'en' } as never);
    expect(holders((await cell('issueArea', added.slug)).levels)).toBe(holders(area.levels) + holders(inOrganisation.levels));
  });
});

test("a skill's new name shows at once", async () => {
  const skill = (await app()
    .strapi.db.query('api::skill.skill')
    .findOne({ where: { slug: 'asylum-law', locale: 'en' } })) as { documentId: string };
  const name = async () => (await matrix('dimension=language')).rows.find((row) => row.skill.slug === 'asylum-law')!.skill.name;
  expect(await name()).toBe('Asylum law');
  await app()
    .strapi.documents('api::skill.skill')
    .update({ documentId: skill.documentId, locale: 'en', data: { name: 'Asylum, refugee and protection law' } } as never);
  expect(await name()).toBe('Asylum, refugee and protection law');
});
