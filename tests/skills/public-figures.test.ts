import organisations from '../../src/seed/data/organisations.json';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * What the public can learn from the skills map by combining requests. Every public request is
 * made (every dimension, every filter, /gaps), every figure is collected, and an attacker's
 * arithmetic is replayed on them: no figure, and no sum or difference of figures that counts a
 * group of people exactly, may be 1 or 2. Members keep exact figures.
 */
const app = useApp('seeded');
let member: TestUser;

type Cell = { status: string | null; holders: number | null; advanced: number | null; levels: number[] | null; withheld: boolean };
type Matrix = { columns: Array<{ key: string }>; rows: Array<{ skill: { slug: string }; cells: Record<string, Cell> }> };
type Entry = { skill: { slug: string }; learners: number | null; upcomingWorkshops: number; holders: number | null; score: number | null };
type Gaps = { overall: Entry[]; byIssueArea: Array<{ issueArea: { key: string }; skills: Entry[] }> };

const SMALL = [1, 2];
const DIMENSIONS = ['issueArea', 'country', 'organisation', 'language'];
const MEMBER_FILTERS = ['minLevel=1', 'minLevel=3', 'country=DE', `organisation=${organisations[0].slug}`, 'issueArea=migration'];

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
});

const matrixOf = async (query: string, caller: 'public' | TestUser = 'public') => {
  const response = await api(app(), caller).get(`/api/skills-mapping/matrix?${query}`);
  return { status: response.status, body: response.body };
};

/** The published organisations working on each issue area: what the public knows of their structure. */
const areaOrganisations = async () => {
  const organisations = (await app()
    .strapi.db.query('api::organisation.organisation')
    .findMany({
      where: { publishedAt: { $notNull: true } },
      populate: { issueAreas: { select: ['slug'] } },
    })) as Array<{ slug: string; issueAreas: Array<{ slug: string }> }>;
  const byArea = new Map<string, Set<string>>();
  for (const organisation of organisations)
    for (const area of organisation.issueAreas) byArea.set(area.slug, (byArea.get(area.slug) ?? new Set()).add(organisation.slug));
  return byArea;
};

/** For each set of published columns: the combinations (coefficients -1, 0, 1) that count a group of organisations exactly. */
const groupsByPublished = new Map<string, Array<{ coefficients: number[]; group: number[] }>>();

/**
 * Every combination of published counts with coefficients -1, 0 or 1 that counts a group of
 * organisations' members exactly (each organisation counted 0 or 1 times): none may be 1 or 2. And
 * where withheld columns exactly make up such a group, their total must not pin them all at 1.
 * Returns the failures and how many combinations were checked.
 */
const checkCombinations = (label: string, organisationsOf: Map<string, Set<string>>, figures: Map<string, number | null>) => {
  const published = [...figures].filter(([, value]) => value !== null) as Array<[string, number]>;
  const withheld = [...figures].filter(([key, value]) => value === null && (organisationsOf.get(key)?.size ?? 0) > 0).map(([key]) => key);
  const universe = [...new Set([...organisationsOf.values()].flatMap((set) => [...set]))];
  const vectorOf = (key: string) => universe.map((organisation) => (organisationsOf.get(key)?.has(organisation) ? 1 : 0));
  const cacheKey = published.map(([key]) => key).join(',');
  if (!groupsByPublished.has(cacheKey)) {
    const vectors = published.map(([key]) => vectorOf(key));
    const groups: Array<{ coefficients: number[]; group: number[] }> = [];
    const coefficients = new Array<number>(published.length).fill(-1);
    for (;;) {
      let i = 0;
      while (i < coefficients.length && coefficients[i] === 1) coefficients[i++] = -1;
      if (i === coefficients.length) break;
      coefficients[i] += 1;
      const group = universe.map((_, o) => vectors.reduce((sum, vector, c) => sum + coefficients[c] * vector[o], 0));
      if (group.every((n) => n === 0 || n === 1) && group.some((n) => n === 1)) groups.push({ coefficients: [...coefficients], group });
    }
    groupsByPublished.set(cacheKey, groups);
  }
  const failures: string[] = [];
  const groups = groupsByPublished.get(cacheKey)!;
  for (const { coefficients, group } of groups) {
    const value = published.reduce((sum, [, count], c) => sum + coefficients[c] * count, 0);
    if (SMALL.includes(value)) failures.push(`${label}: ${coefficients.join(',')} counts ${value}`);
    // Withheld columns (each at least 1) exactly making up the group, pairwise disjoint.
    const inside = withheld.filter((key) => vectorOf(key).every((n, o) => n <= group[o]));
    for (let subset = 1; subset < 2 ** inside.length; subset += 1) {
      const chosen = inside.filter((_, k) => subset & (1 << k));
      const sum = universe.map((_, o) => chosen.reduce((total, key) => total + vectorOf(key)[o], 0));
      if (value === chosen.length && sum.every((n, o) => n === group[o])) failures.push(`${label}: withheld ${chosen.join('+')} pinned at 1 each`);
    }
  }
  return { failures, checked: groups.length };
};

describe('the public view of the skills map', () => {
  test('filters on members, levels and the organisation dimension are for members: 403 naming them', async () => {
    for (const dimension of DIMENSIONS) {
      for (const filter of MEMBER_FILTERS) {
        const response = await matrixOf(`dimension=${dimension}&${filter}`);
        expect([dimension, filter, response.status]).toEqual([dimension, filter, 403]);
        expect(response.body.error.message).toContain(`'${filter.split('=')[0]}'`);
        expect((await matrixOf(`dimension=${dimension}&${filter}`, member)).status).toBe(200);
      }
    }
    const organisations = await matrixOf('dimension=organisation');
    expect(organisations.status).toBe(403);
    expect(organisations.body.error.message).toContain("'organisation'");
  });

  test('every public figure, and every sum or difference of them that counts people exactly, is 0 or at least 3', async () => {
    const byArea = await areaOrganisations();
    const gaps = (await api(app()).get('/api/skills-mapping/gaps?limit=100')).body.data as Gaps;
    const exactGaps = (await api(app(), member).get('/api/skills-mapping/gaps?limit=100')).body.data as Gaps;
    let combinations = 0;
    const failures: string[] = [];
    const check = (...args: Parameters<typeof checkCombinations>) => {
      const result = checkCombinations(...args);
      failures.push(...result.failures);
      combinations += result.checked;
    };

    for (const dimension of ['issueArea', 'country', 'language']) {
      // Row filters and languages change which rows and labels are shown, never a count.
      const variants = await Promise.all(
        ['', '&locale=de', '&category=procedure', '&parent=strategic-litigation-planning'].map((extra) => matrixOf(`dimension=${dimension}${extra}`)),
      );
      for (const variant of variants) expect(variant.status).toBe(200);
      const [full, ...others] = variants.map((variant) => variant.body.data as Matrix);
      expect(variants[0].body.meta).toEqual({ exactCounts: false, threshold: 3 });
      const cellOf = new Map(full.rows.map((row) => [row.skill.slug, row.cells]));
      for (const other of others) for (const row of other.rows) expect(row.cells).toEqual(cellOf.get(row.skill.slug));
      const exact = (await matrixOf(`dimension=${dimension}`, member)).body.data as Matrix;

      for (const [r, row] of full.rows.entries()) {
        for (const column of full.columns) {
          const cell = row.cells[column.key];
          const truth = exact.rows[r].cells[column.key];
          expect(cell.levels).toBeNull();
          for (const figure of [cell.holders, cell.advanced, cell.holders === null || cell.advanced === null ? null : cell.holders - cell.advanced]) {
            expect(SMALL).not.toContain(figure);
          }
          // What is published is true, and its status says nothing the count does not.
          if (cell.holders !== null) expect(cell.holders).toBe(truth.holders);
          if (cell.advanced !== null) expect([cell.advanced, cell.status]).toEqual([truth.advanced, cell.advanced === 0 ? 'gap' : 'good']);
          else expect([cell.status, cell.withheld]).toEqual([null, true]);
        }
        if (dimension !== 'issueArea') continue;
        const perArea = (figure: (cell: Cell) => number | null) => new Map(full.columns.map((column) => [column.key, figure(row.cells[column.key])]));
        const entries = new Map(gaps.byIssueArea.map(({ issueArea, skills }) => [issueArea.key, skills.find((entry) => entry.skill.slug === row.skill.slug)]));
        // The gaps' holders per issue area are the matrix's advanced holders.
        for (const [area, entry] of entries) if (entry) expect(entry.holders).toBe(row.cells[area].advanced);
        check(
          `${row.skill.slug} advanced`,
          byArea,
          perArea((cell) => cell.advanced),
        );
        check(
          `${row.skill.slug} below level 3`,
          byArea,
          perArea((cell) => (cell.holders === null || cell.advanced === null ? null : cell.holders - cell.advanced)),
        );
        // A skill missing from an area's list has no learners there (and no workshop): 0, as the public can tell.
        check(
          `${row.skill.slug} learners`,
          byArea,
          new Map(full.columns.map((column) => [column.key, entries.has(column.key) && entries.get(column.key) ? entries.get(column.key)!.learners : 0])),
        );
      }
    }
    expect(failures).toEqual([]);
    expect(combinations).toBeGreaterThan(1000);

    // /gaps: no overall count of people; scores only from published figures; nothing small.
    for (const entry of gaps.overall) expect([entry.learners, entry.holders, entry.score]).toEqual([null, null, null]);
    for (const { skills } of gaps.byIssueArea) {
      for (const entry of skills) {
        expect(SMALL).not.toContain(entry.learners);
        expect(SMALL).not.toContain(entry.holders);
        if (entry.learners === null || entry.holders === null) expect(entry.score).toBeNull();
        else expect(entry.score).toBeCloseTo((entry.learners + entry.upcomingWorkshops) / (entry.holders + 1), 3);
      }
    }
    // Members get exact overall figures.
    expect(exactGaps.overall.every((entry) => typeof entry.learners === 'number' && typeof entry.holders === 'number')).toBe(true);
  });

  test('an issue area inside another: their difference of one person is never published', async () => {
    const documents = app().strapi.documents;
    // A skill nobody in migration holds at level 3+ yet.
    const exact = (await matrixOf('dimension=issueArea', member)).body.data as Matrix;
    const skill = exact.rows.find((row) => row.cells.migration.advanced === 0)!.skill.slug;
    // A new issue area whose only organisation also works on migration: its members are part of migration's.
    const suffix = Date.now().toString(36);
    const inner = await documents('api::issue-area.issue-area').create({
      locale: 'en',
      data: { name: `Detention ${suffix}`, slug: `detention-${suffix}` },
    } as never);
    const migration = (await documents('api::issue-area.issue-area').findFirst({ locale: 'en', filters: { slug: 'migration' } } as never)) as unknown as {
      documentId: string;
    };
    const organisation = await documents('api::organisation.organisation').create({
      locale: 'en',
      status: 'published',
      data: {
        name: `Detention Watch ${suffix}`,
        slug: `detention-watch-${suffix}`,
        kind: 'ngo',
        countries: ['BE'],
        participationStatus: 'active',
        issueAreas: [inner.documentId, migration.documentId],
      },
    } as never);
    // Three advanced holders in it, and one in another migration organisation: 4 in migration, 3 inside.
    const elsewhere = (await documents('api::organisation.organisation').findFirst({
      locale: 'en',
      status: 'published',
      filters: { slug: organisations.find((o) => o.issueAreas.includes('migration'))!.slug },
    } as never)) as unknown as { documentId: string };
    const holders = await Promise.all(
      [organisation, organisation, organisation, elsewhere].map((employer) => createUser(app(), 'authenticated', { organisation: employer.documentId })),
    );
    for (const holder of holders) expect((await api(app(), holder).put('/api/skills-mapping/me/claims', { data: [{ skill, level: 4 }] })).status).toBe(200);

    const truth = ((await matrixOf('dimension=issueArea', member)).body.data as Matrix).rows.find((row) => row.skill.slug === skill)!.cells;
    expect([truth.migration.advanced, truth[`detention-${suffix}`].advanced]).toEqual([4, 3]);
    const shown = ((await matrixOf('dimension=issueArea')).body.data as Matrix).rows.find((row) => row.skill.slug === skill)!.cells;
    expect(shown.migration.advanced === null || shown[`detention-${suffix}`].advanced === null).toBe(true);
    const { failures } = checkCombinations(skill, await areaOrganisations(), new Map(Object.entries(shown).map(([key, cell]) => [key, cell.advanced])));
    expect(failures).toEqual([]);
  });

  test('a learner added to a withheld cell changes no public figure that would give them away', async () => {
    const before = (await api(app()).get('/api/skills-mapping/gaps?limit=100')).body.data as Gaps;
    const learner = await createUser(app(), 'authenticated');
    expect((await api(app(), learner).put('/api/skills-mapping/me/claims', { data: [{ skill: 'asylum-law', level: 0, wantsToLearn: true }] })).status).toBe(
      200,
    );
    const after = (await api(app()).get('/api/skills-mapping/gaps?limit=100')).body.data as Gaps;
    // A member without an organisation is in no issue area: the public cannot see them at all.
    expect(after).toEqual(before);
  });

  test('workshop counts include only the workshops the caller may see', async () => {
    const documents = app().strapi.documents;
    const skill = (await documents('api::skill.skill').findFirst({ locale: 'en', filters: { slug: 'case-selection' } } as never)) as unknown as {
      documentId: string;
    };
    const area = (await documents('api::issue-area.issue-area').findFirst({ locale: 'en', filters: { slug: 'migration' } } as never)) as unknown as {
      documentId: string;
    };
    const countsFor = async (caller: 'public' | TestUser) => {
      const data = (await api(app(), caller).get('/api/skills-mapping/gaps?limit=100')).body.data as Gaps;
      const overall = data.overall.find((entry) => entry.skill.slug === 'case-selection')?.upcomingWorkshops ?? 0;
      const inArea =
        data.byIssueArea.find((list) => list.issueArea.key === 'migration')!.skills.find((entry) => entry.skill.slug === 'case-selection')?.upcomingWorkshops ??
        0;
      return [overall, inArea];
    };
    const before = { public: await countsFor('public'), member: await countsFor(member) };
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    await documents('api::workshop.workshop').create({
      locale: 'en',
      status: 'published',
      data: {
        title: 'Members-only case clinic',
        slug: `members-only-clinic-${Date.now()}`,
        format: 'case_clinic',
        isOnline: true,
        onlineNote: 'The link is sent to registered members',
        capacity: 20,
        languages: ['en'],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        timeZone: 'Europe/Brussels',
        visibility: 'members',
        skillsTaught: [skill.documentId],
        issueAreas: [area.documentId],
      },
    } as never);
    expect(await countsFor('public')).toEqual(before.public);
    expect(await countsFor(member)).toEqual(before.member.map((n) => n + 1));
  });
});
