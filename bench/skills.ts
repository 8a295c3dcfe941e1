import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import { SingleBar, Presets } from 'cli-progress';
import { loadPlatformConfig } from '../src/platform-config';
import { seedDemoData } from '../src/seed';
import { DIMENSIONS, type Dimension } from '../src/plugins/skills-mapping/server/src/services/sql';
import { getService } from '../src/plugins/skills-mapping/server/src/utils/get-service';
import { seconds, startBenchApp } from './lib/app';
import { random } from './lib/generate';
import { timed } from './lib/stats';

/**
 * `npm run bench:skills`: the coverage matrix over 10,000 members with 20 claims each across 80
 * skills. For every dimension it times GET /api/skills-mapping/matrix (as a member), both as it
 * usually answers (counts precounted) and as it answers the first time after a claim or profile
 * changed (counted again first); one hand-written SQL GROUP BY that gives the same counts (the
 * baseline); and the naive way: every claim and member loaded through the Document Service and
 * counted in JavaScript. The counts of the three are compared; a difference fails the run.
 * SQLite, or PostgreSQL with BENCH_DATABASE_URL.
 */
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
const CLAIMS_PER_MEMBER = Number(process.env.BENCH_CLAIMS_PER_MEMBER ?? 20);
const SKILLS = Number(process.env.BENCH_SKILLS ?? 80);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** The plugin's configuration (`config/plugins.ts` leaves the defaults). */
const ADVANCED_LEVEL = 3;
const EXPERTS_LIMIT = 50;

const COUNTRIES = [
  'FR',
  'DE',
  'ES',
  'IT',
  'PL',
  'RO',
  'HU',
  'BG',
  'GR',
  'PT',
  'NL',
  'BE',
  'AT',
  'CZ',
  'SK',
  'SE',
  'DK',
  'FI',
  'IE',
  'SI',
  'HR',
  'RS',
  'BA',
  'MK',
  'AL',
  'LT',
  'LV',
  'EE',
  'IS',
  'GB',
];
const LANGUAGES = [
  'en',
  'fr',
  'de',
  'es',
  'it',
  'pl',
  'ro',
  'hu',
  'bg',
  'el',
  'pt',
  'nl',
  'cs',
  'sk',
  'sv',
  'da',
  'fi',
  'sl',
  'hr',
  'sr',
  'lt',
  'lv',
  'et',
  'ga',
];
const CATEGORIES = ['forum_court', 'procedure', 'area_of_law', 'method', 'advocacy', 'research', 'communication'];

/** "skill|column" → holders per level. */
type Counts = Map<string, number[]>;
const add = (counts: Counts, skill: string, column: string, level: number, holders = 1) => {
  const key = `${skill}|${column}`;
  const levels = counts.get(key) ?? [0, 0, 0, 0, 0];
  levels[level] += holders;
  counts.set(key, levels);
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Tops the demo skills up to SKILLS, through the Document Service like an editor would. */
const addSkills = async (strapi: Core.Strapi) => {
  const existing = await strapi.db.query('api::skill.skill').count({ where: { locale: 'en' } });
  for (let i = existing; i < SKILLS; i += 1) {
    await strapi.documents('api::skill.skill').create({
      locale: 'en',
      data: { name: `Benchmark skill ${i + 1}`, slug: `benchmark-skill-${i + 1}`, category: CATEGORIES[i % CATEGORIES.length] },
    } as never);
  }
  return ((await strapi.db.query('api::skill.skill').findMany({ select: ['documentId'], where: { locale: 'en' } })) as Array<{ documentId: string }>).map(
    (s) => s.documentId,
  );
};

/**
 * Writes MEMBERS profiles (English, 90% with an organisation) and their claims straight into the
 * tables: the Document Service would take an hour for 200,000 rows.
 */
const generateMembers = async (strapi: Core.Strapi, skills: string[]) => {
  const knex = strapi.db.connection;
  const next = random(7);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const some = <T>(items: T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  // A member is linked to both the draft and the published row of its organisation, as Strapi links them.
  const rowsOfOrganisation = new Map<string, number[]>();
  for (const row of (await knex('organisations').select('id', 'document_id').where('locale', 'en')) as Array<{ id: number; document_id: string }>) {
    rowsOfOrganisation.set(row.document_id, [...(rowsOfOrganisation.get(row.document_id) ?? []), row.id]);
  }
  const organisationRows = [...rowsOfOrganisation.values()];
  const json = (value: unknown) => JSON.stringify(value);
  const now = new Date();
  const bar = new SingleBar({ format: 'Generating members [{bar}] {value}/{total}' }, Presets.shades_classic);
  bar.start(MEMBERS, 0);
  const BATCH = 250;
  for (let start = 0; start < MEMBERS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, MEMBERS - start) }, (_, i) => ({
      document_id: createId(),
      display_name: `Benchmark member ${start + i + 1}`,
      countries: json(some(COUNTRIES, 2)),
      languages: json(some(LANGUAGES, 3)),
      visibility: pick(['hidden', 'members', 'members', 'public']),
      open_to_questions: next() < 0.5,
      can_mentor: next() < 0.2,
      locale: 'en',
      created_at: now,
      updated_at: now,
      published_at: now,
    }));
    await knex.transaction(async (trx) => {
      const inserted = (await trx('members').insert(batch).returning(['id', 'document_id'])) as Array<{ id: number; document_id: string }>;
      const links = inserted
        .filter(() => next() < 0.9)
        .flatMap((row) => pick(organisationRows).map((organisationId) => ({ member_id: row.id, organisation_id: organisationId, member_ord: 1 })));
      await trx('members_organisation_lnk').insert(links);
      const claims = inserted.flatMap((member) => {
        const chosen = new Set<string>();
        while (chosen.size < CLAIMS_PER_MEMBER) chosen.add(pick(skills));
        return [...chosen].map((skill) => {
          const draw = next();
          return {
            document_id: createId(),
            member_document_id: member.document_id,
            skill_document_id: skill,
            level: draw < 0.15 ? 0 : draw < 0.45 ? 1 : draw < 0.75 ? 2 : draw < 0.93 ? 3 : 4,
            wants_to_learn: next() < 0.2,
            can_mentor: next() < 0.1,
            open_to_questions: next() < 0.4,
            assessed_at: new Date(now.getTime() - Math.floor(next() * 720) * 86_400_000),
            created_at: now,
            updated_at: now,
            published_at: now,
          };
        });
      });
      for (let i = 0; i < claims.length; i += 500) await trx('skill_claims').insert(claims.slice(i, i + 500));
    });
    bar.update(start + batch.length);
  }
  bar.stop();
};

/** The baseline: the counts of one dimension in one GROUP BY, written by hand for the dialect. */
const handWrittenSql = (dimension: Dimension, postgres: boolean) => {
  const elements = (column: string) =>
    postgres ? `CROSS JOIN LATERAL jsonb_array_elements_text(m.${column}) AS d(value)` : `JOIN json_each(m.${column}) AS d`;
  const organisation = `JOIN members_organisation_lnk mo ON mo.member_id = m.id JOIN organisations o ON o.id = mo.organisation_id AND o.published_at IS NOT NULL`;
  const join = {
    country: [elements('countries'), 'd.value'],
    language: [elements('languages'), 'd.value'],
    organisation: [organisation, 'o.slug'],
    issueArea: [
      `${organisation} JOIN organisations_issue_areas_lnk oi ON oi.organisation_id = o.id JOIN issue_areas ia ON ia.id = oi.issue_area_id`,
      'ia.slug',
    ],
  }[dimension];
  return `SELECT c.skill_document_id AS skill, ${join[1]} AS value, c.level AS level, COUNT(*) AS holders
    FROM skill_claims c JOIN members m ON m.document_id = c.member_document_id AND m.locale = 'en' ${join[0]}
    GROUP BY c.skill_document_id, ${join[1]}, c.level`;
};

type GapRow = { skill: string; area?: string | null; learners?: number | string; holders?: number | string; workshops?: number | string };

/**
 * The gaps' figures by hand: learners and advanced holders per skill, overall and per issue area
 * (through the member's organisation), and upcoming published workshops per skill taught, overall
 * and per issue area (the bench member sees members-only workshops too).
 */
const gapsSql = () => {
  const people = `SUM(CASE WHEN c.wants_to_learn THEN 1 ELSE 0 END) AS learners, SUM(CASE WHEN c.level >= ${ADVANCED_LEVEL} THEN 1 ELSE 0 END) AS holders
    FROM skill_claims c JOIN members m ON m.document_id = c.member_document_id AND m.locale = 'en'`;
  const areas = `JOIN members_organisation_lnk mo ON mo.member_id = m.id JOIN organisations o ON o.id = mo.organisation_id AND o.published_at IS NOT NULL
    JOIN organisations_issue_areas_lnk oi ON oi.organisation_id = o.id JOIN issue_areas ia ON ia.id = oi.issue_area_id`;
  const upcoming = `FROM workshops w JOIN workshops_skills_taught_lnk ws ON ws.workshop_id = w.id JOIN skills s ON s.id = ws.skill_id
    WHERE w.locale = 'en' AND w.published_at IS NOT NULL AND w.starts_at > ?`;
  return [
    `SELECT c.skill_document_id AS skill, ${people} GROUP BY c.skill_document_id`,
    `SELECT c.skill_document_id AS skill, ia.slug AS area, ${people} ${areas} GROUP BY c.skill_document_id, ia.slug`,
    `SELECT s.document_id AS skill, COUNT(DISTINCT w.document_id) AS workshops ${upcoming} GROUP BY s.document_id`,
    `SELECT s.document_id AS skill, ia.slug AS area, COUNT(DISTINCT w.document_id) AS workshops ${upcoming.replace(
      'WHERE',
      'JOIN workshops_issue_areas_lnk wa ON wa.workshop_id = w.id JOIN issue_areas ia ON ia.id = wa.issue_area_id WHERE',
    )} GROUP BY s.document_id, ia.slug`,
  ];
};

/** Who to ask by hand: visible profiles open to questions about the skill (by documentId), with their organisation, the caller left out. */
const expertsSql = (postgres: boolean) => {
  const yes = postgres ? 'TRUE' : '1';
  return `SELECT m.document_id, c.level, o.slug AS organisation_slug, o.name AS organisation_name
    FROM skill_claims c JOIN members m ON m.document_id = c.member_document_id AND m.locale = 'en'
    LEFT JOIN (members_organisation_lnk mo JOIN organisations o ON o.id = mo.organisation_id AND o.published_at IS NOT NULL) ON mo.member_id = m.id
    WHERE c.skill_document_id = ? AND c.open_to_questions = ${yes} AND m.open_to_questions = ${yes} AND m.visibility IN ('members', 'public') AND m.document_id <> ?
    ORDER BY c.level DESC`;
};

/** The naive way: everything through the Document Service, counted in JavaScript. */
const naiveCounts = async (strapi: Core.Strapi, dimension: Dimension) => {
  const claims = (await strapi
    .documents('plugin::skills-mapping.claim' as never)
    .findMany({ fields: ['memberDocumentId', 'skillDocumentId', 'level'] } as never)) as unknown as Array<{
    memberDocumentId: string;
    skillDocumentId: string;
    level: number;
  }>;
  const members = (await strapi.documents('api::member.member').findMany({
    locale: 'en',
    fields: ['countries', 'languages'],
    populate: { organisation: { fields: ['slug'], populate: { issueAreas: { fields: ['slug'] } } } },
  } as never)) as unknown as Array<{
    documentId: string;
    countries: string[];
    languages: string[];
    organisation: { slug: string; issueAreas: Array<{ slug: string }> } | null;
  }>;
  const valuesOf = new Map(
    members.map((member) => {
      const values = {
        country: member.countries ?? [],
        language: member.languages ?? [],
        organisation: member.organisation ? [member.organisation.slug] : [],
        issueArea: member.organisation?.issueAreas.map((area) => area.slug) ?? [],
      }[dimension];
      return [member.documentId, values];
    }),
  );
  const counts: Counts = new Map();
  for (const claim of claims) for (const value of valuesOf.get(claim.memberDocumentId) ?? []) add(counts, claim.skillDocumentId, value, claim.level);
  return { counts, claims: claims.length };
};

const sameCounts = (a: Counts, b: Counts) => a.size === b.size && [...a].every(([key, levels]) => b.get(key)?.join() === levels.join());

const main = async () => {
  const app = await startBenchApp();
  try {
    const { strapi } = app;
    // Pauses between requests (the hand-written SQL, the naive way) outlast Node's 5 s keep-alive: the
    // server would close a connection the client is about to reuse (ECONNRESET).
    strapi.server.httpServer.keepAliveTimeout = 600_000;
    let started = Date.now();
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    console.log(`Seeded the demo data in ${seconds(Date.now() - started)}`);
    started = Date.now();
    const skills = await addSkills(strapi);
    await generateMembers(strapi, skills);
    await getService(strapi, 'coverage').recountAtNextRead(); // the rows above bypassed the Document Service
    await strapi.db.connection.raw('ANALYZE'); // as after any bulk load: the planner needs to know the tables' sizes
    const claimCount = Number(((await strapi.db.connection('skill_claims').count({ n: '*' })) as Array<{ n: number | string }>)[0].n);
    console.log(
      `Generated ${MEMBERS} members with ${CLAIMS_PER_MEMBER} claims each across ${skills.length} skills (${claimCount} claims in all) in ${seconds(Date.now() - started)} on ${app.database}`,
    );

    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const user = await strapi.plugin('users-permissions').service('user').add({
      username: 'bench',
      email: 'bench@bench.example.org',
      password: 'Bench-password-1',
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    });
    const jwt: string = strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    const postgres = strapi.db.dialect.client === 'postgres';
    const organisations = (await strapi.db.query('api::organisation.organisation').findMany({ select: ['documentId'], where: { locale: 'en' } })) as Array<{
      documentId: string;
    }>;
    const profile = await strapi.documents('api::member.member').create({
      locale: 'en',
      data: {
        displayName: 'Benchmark caller',
        user: user.id,
        countries: ['FR'],
        languages: ['fr', 'en'],
        visibility: 'members',
        organisation: organisations[0].documentId,
      },
    } as never);
    const slugs = ((await strapi.db.query('api::skill.skill').findMany({ select: ['slug'], where: { locale: 'en' } })) as Array<{ slug: string }>).map(
      (skill) => skill.slug,
    );
    const generated = (
      (await strapi.db.connection('members').select('document_id').whereNot('document_id', profile.documentId)) as Array<{ document_id: string }>
    ).map((row) => row.document_id);

    const next = random(11);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
    const authorised = { headers: { Authorization: `Bearer ${jwt}` } };
    /**
     * One change to what the map counts, made as members and editors make them, in turn: the caller
     * replaces their claims through the API; a profile's countries, languages and visibility change
     * through the Document Service; a member moves to another organisation.
     */
    let changesMade = 0;
    const change = async () => {
      changesMade += 1;
      if (changesMade % 3 === 1) {
        const claims = [...new Set(Array.from({ length: CLAIMS_PER_MEMBER }, () => pick(slugs)))].map((skill) => ({
          skill,
          level: Math.floor(next() * 5),
          wantsToLearn: next() < 0.3,
          openToQuestions: next() < 0.5,
        }));
        const response = await fetch(`${app.baseUrl}/api/skills-mapping/me/claims`, {
          method: 'PUT',
          headers: { ...authorised.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ data: claims }),
        });
        if (response.status !== 200) throw new Error(`${response.status} from PUT /me/claims: ${await response.text()}`);
      } else if (changesMade % 3 === 2) {
        await strapi.documents('api::member.member').update({
          documentId: pick(generated),
          locale: 'en',
          data: { countries: [pick(COUNTRIES)], languages: [pick(LANGUAGES), 'en'], visibility: pick(['hidden', 'members', 'public']) },
        } as never);
      } else {
        await strapi
          .documents('api::member.member')
          .update({ documentId: pick(generated), locale: 'en', data: { organisation: pick(organisations).documentId } } as never);
      }
    };

    type Matrix = { data: { rows: Array<{ skill: { documentId: string }; cells: Record<string, { levels: number[] }> }> } };
    const matrixUrl = (dimension: Dimension) => `${app.baseUrl}/api/skills-mapping/matrix?dimension=${dimension}`;
    const get = async <T>(url: string, signedIn = true) => {
      const response = await fetch(url, signedIn ? authorised : {});
      if (response.status !== 200) throw new Error(`${response.status} from ${url}: ${await response.text()}`);
      return (await response.json()) as T;
    };
    const rowsOf = async <T>(sql: string, bindings: Array<string | Date> = []) => {
      const result = await strapi.db.connection.raw(sql, bindings);
      return (postgres ? result.rows : result) as T[];
    };
    const matrixCounts = (matrix: Matrix) => {
      const counts: Counts = new Map();
      for (const row of matrix.data.rows) {
        for (const [column, cell] of Object.entries(row.cells))
          cell.levels.forEach((holders, level) => holders > 0 && add(counts, row.skill.documentId, column, level, holders));
      }
      return counts;
    };
    const sqlCounts = (rows: Array<{ skill: string; value: string; level: number; holders: number | string }>) => {
      const counts: Counts = new Map();
      for (const row of rows) add(counts, row.skill, row.value, Number(row.level), Number(row.holders));
      return counts;
    };

    type Gaps = {
      data: {
        overall: GapEntry[];
        byIssueArea: Array<{ issueArea: { key: string }; skills: GapEntry[] }>;
      };
    };
    type GapEntry = { skill: { documentId: string }; learners: number; holders: number; upcomingWorkshops: number };
    type Expert = { documentId: string; level: number };

    /**
     * Each answer the map gives, with its hand-written SQL (run on the same connection) and the check
     * that both say the same: the matrix cell by cell; the gaps' learners, advanced holders and
     * workshops of every skill listed, overall and per issue area, and no skill with demand left out;
     * who to ask, the same people at the same levels.
     */
    const expertSkill = pick(skills);
    const answers: Array<{ name: string; api: () => Promise<unknown>; sql: () => Promise<unknown>; same: (api: unknown, sql: unknown) => string | null }> = [
      ...DIMENSIONS.map((dimension) => ({
        name: `matrix by ${dimension}`,
        api: () => get<Matrix>(matrixUrl(dimension)),
        sql: () => rowsOf<{ skill: string; value: string; level: number; holders: number | string }>(handWrittenSql(dimension, postgres)),
        same: (api: unknown, sql: unknown) => {
          const [a, b] = [matrixCounts(api as Matrix), sqlCounts(sql as Parameters<typeof sqlCounts>[0])];
          return sameCounts(a, b) ? null : `${a.size} cells from the API, ${b.size} from SQL`;
        },
      })),
      {
        name: 'gaps',
        api: () => get<Gaps>(`${app.baseUrl}/api/skills-mapping/gaps?limit=100`),
        sql: () => {
          const now = new Date();
          const [people, peopleByArea, taught, taughtByArea] = gapsSql();
          return Promise.all([rowsOf<GapRow>(people), rowsOf<GapRow>(peopleByArea), rowsOf<GapRow>(taught, [now]), rowsOf<GapRow>(taughtByArea, [now])]);
        },
        same: (api: unknown, sql: unknown) => {
          const [people, peopleByArea, taught, taughtByArea] = sql as GapRow[][];
          const figures = new Map<string, { learners: number; holders: number; upcomingWorkshops: number }>();
          const figure = (skill: string, area: string) => figures.get(`${skill}|${area}`) ?? { learners: 0, holders: 0, upcomingWorkshops: 0 };
          for (const row of [...people, ...peopleByArea])
            figures.set(`${row.skill}|${row.area ?? ''}`, {
              ...figure(row.skill, row.area ?? ''),
              learners: Number(row.learners),
              holders: Number(row.holders),
            });
          for (const row of [...taught, ...taughtByArea])
            figures.set(`${row.skill}|${row.area ?? ''}`, { ...figure(row.skill, row.area ?? ''), upcomingWorkshops: Number(row.workshops) });
          const { data } = api as Gaps;
          const lists = [{ area: '', entries: data.overall }, ...data.byIssueArea.map((group) => ({ area: group.issueArea.key, entries: group.skills }))];
          for (const { area, entries } of lists) {
            for (const entry of entries) {
              const expected = figure(entry.skill.documentId, area);
              if (entry.learners !== expected.learners || entry.holders !== expected.holders || entry.upcomingWorkshops !== expected.upcomingWorkshops)
                return `${entry.skill.documentId} in "${area}": API ${JSON.stringify(entry)}, SQL ${JSON.stringify(expected)}`;
            }
            const wanted = skills.filter((skill) => figure(skill, area).learners + figure(skill, area).upcomingWorkshops > 0).length;
            if (entries.length !== wanted) return `${entries.length} skills listed in "${area}", ${wanted} with demand in SQL`;
          }
          return null;
        },
      },
      {
        name: 'who to ask',
        api: () => get<{ data: Expert[] }>(`${app.baseUrl}/api/skills-mapping/experts?skill=${expertSkill}`),
        sql: () => rowsOf<{ document_id: string; level: number }>(expertsSql(postgres), [expertSkill, profile.documentId]),
        same: (api: unknown, sql: unknown) => {
          const listed = (api as { data: Expert[] }).data;
          const candidates = new Map((sql as Array<{ document_id: string; level: number }>).map((row) => [row.document_id, Number(row.level)]));
          const levels = [...candidates.values()].sort((a, b) => b - a).slice(0, listed.length);
          if (listed.length !== Math.min(candidates.size, EXPERTS_LIMIT)) return `${listed.length} experts from the API, ${candidates.size} candidates in SQL`;
          if (listed.some((expert) => candidates.get(expert.documentId) !== expert.level)) return 'an expert listed by the API is not in SQL at that level';
          return listed.map((expert) => expert.level).join() === levels.join() ? null : 'the levels listed differ from the best ones in SQL';
        },
      },
    ];

    console.log(`\nThe first answer after a change (${ROUNDS} changes each, median), against hand-written SQL run after the same change, ${app.database}`);
    console.log('answer                 after change   hand SQL   ratio (goal ≤ 2)      cached   cached/SQL');
    for (const answer of answers) {
      const times = { changed: [] as number[], sql: [] as number[], cached: [] as number[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        await change();
        let [fromApi, fromSql]: unknown[] = [];
        times.changed.push(await timed(async () => (fromApi = await answer.api())));
        times.sql.push(await timed(async () => (fromSql = await answer.sql())));
        const difference = answer.same(fromApi, fromSql);
        if (difference) throw new Error(`${answer.name} after change ${changesMade}: ${difference}`);
        times.cached.push(await timed(() => answer.api()));
      }
      const [changedTime, sqlTime, cachedTime] = [median(times.changed), median(times.sql), median(times.cached)];
      console.log(
        [
          answer.name.padEnd(22),
          ms(changedTime).padStart(13),
          ms(sqlTime).padStart(11),
          (changedTime / sqlTime).toFixed(2).padStart(19),
          ms(cachedTime).padStart(12),
          (cachedTime / sqlTime).toFixed(2).padStart(13),
        ].join(''),
      );
    }

    console.log(`\nThe naive way (every claim and member through the Document Service, counted in JavaScript), once per dimension`);
    console.log('dimension        naive   after change   naive/after change');
    for (const dimension of DIMENSIONS) {
      await change();
      let fromApi = new Map() as Counts;
      const changedTime = await timed(async () => (fromApi = matrixCounts(await get<Matrix>(matrixUrl(dimension)))));
      let naive = new Map() as Counts;
      const naiveTime = await timed(async () => (naive = (await naiveCounts(strapi, dimension)).counts));
      if (!sameCounts(fromApi, naive)) throw new Error(`the ${dimension} counts differ: API ${fromApi.size} cells, naive ${naive.size}`);
      console.log([dimension.padEnd(12), ms(naiveTime).padStart(10), ms(changedTime).padStart(15), (naiveTime / changedTime).toFixed(1).padStart(21)].join(''));
    }

    // The public's tables: the same counts put through disclosure control, against the member's exact matrix.
    type Cells = {
      data: {
        rows: Array<{ skill: { documentId: string }; cells: Record<string, { holders: number | null; advanced: number | null; levels: number[] | null }> }>;
      };
    };
    console.log(`\nPublic matrix right after a change (disclosure control over every row), ${ROUNDS} changes each (median)`);
    console.log('dimension     public   member (exact)   public/member   published / withheld');
    for (const dimension of ['issueArea', 'country', 'language'] as Dimension[]) {
      const [shown, exact] = [await get<Cells>(matrixUrl(dimension), false), await get<Cells>(matrixUrl(dimension))];
      let [published, withheld] = [0, 0];
      shown.data.rows.forEach((row, r) => {
        for (const [column, cell] of Object.entries(row.cells)) {
          const truth = exact.data.rows[r].cells[column];
          for (const figure of ['holders', 'advanced'] as const) {
            if (cell[figure] === null) withheld += 1;
            else if (cell[figure] !== truth[figure] || cell[figure] === 1 || cell[figure] === 2)
              throw new Error(`public ${dimension} ${figure} ${cell[figure]} (exact ${truth[figure]})`);
            else published += 1;
          }
        }
      });
      const times = { public: [] as number[], member: [] as number[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        await change();
        times.member.push(await timed(() => get<Cells>(matrixUrl(dimension))));
        await change();
        times.public.push(await timed(() => get<Cells>(matrixUrl(dimension), false)));
      }
      const [publicTime, memberTime] = [median(times.public), median(times.member)];
      console.log(
        [
          dimension.padEnd(12),
          ms(publicTime).padStart(9),
          ms(memberTime).padStart(17),
          (publicTime / memberTime).toFixed(2).padStart(16),
          `${published} / ${withheld}`.padStart(23),
        ].join(''),
      );
    }
  } finally {
    await app.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
