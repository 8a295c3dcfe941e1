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
    let started = Date.now();
    await seedDemoData(strapi, loadPlatformConfig(strapi));
    console.log(`Seeded the demo data in ${seconds(Date.now() - started)}`);
    started = Date.now();
    const skills = await addSkills(strapi);
    await generateMembers(strapi, skills);
    await getService(strapi, 'coverage').invalidate(); // the rows above bypassed the Document Service
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

    type Matrix = { data: { rows: Array<{ skill: { documentId: string }; cells: Record<string, { levels: number[] }> }> } };
    const matrixUrl = (dimension: Dimension) => `${app.baseUrl}/api/skills-mapping/matrix?dimension=${dimension}`;
    /** The timed parts: the API's answer received and parsed, the SQL's rows received. */
    const fetchMatrix = async (dimension: Dimension) => {
      const response = await fetch(matrixUrl(dimension), { headers: { Authorization: `Bearer ${jwt}` } });
      if (response.status !== 200) throw new Error(`${response.status} from the matrix: ${await response.text()}`);
      return (await response.json()) as Matrix;
    };
    const querySql = async (dimension: Dimension) => {
      const result = await strapi.db.connection.raw(handWrittenSql(dimension, postgres));
      return (postgres ? result.rows : result) as Array<{ skill: string; value: string; level: number; holders: number | string }>;
    };
    const viaApi = async (dimension: Dimension) => {
      const counts: Counts = new Map();
      for (const row of (await fetchMatrix(dimension)).data.rows) {
        for (const [column, cell] of Object.entries(row.cells))
          cell.levels.forEach((holders, level) => holders > 0 && add(counts, row.skill.documentId, column, level, holders));
      }
      return counts;
    };
    const viaSql = async (dimension: Dimension) => {
      const counts: Counts = new Map();
      for (const row of await querySql(dimension)) add(counts, row.skill, row.value, Number(row.level), Number(row.holders));
      return counts;
    };

    console.log(`\nCoverage matrix, ${ROUNDS} rounds each (median), naive way once, ${app.database}`);
    console.log('dimension     REST API   after change   hand SQL   API/SQL (goal ≤ 2)   changed/SQL       naive   naive/API (goal ≥ 20)');
    for (const dimension of DIMENSIONS) {
      const [apiCounts, sqlCounts] = [await viaApi(dimension), await viaSql(dimension)]; // also the warm-up
      const naive = { counts: new Map() as Counts, time: 0 };
      naive.time = await timed(async () => {
        naive.counts = (await naiveCounts(strapi, dimension)).counts;
      });
      if (!sameCounts(apiCounts, sqlCounts) || !sameCounts(apiCounts, naive.counts)) {
        throw new Error(`the ${dimension} counts differ: API ${apiCounts.size} cells, SQL ${sqlCounts.size}, naive ${naive.counts.size}`);
      }
      const times = { api: [] as number[], changed: [] as number[], sql: [] as number[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        times.api.push(await timed(() => fetchMatrix(dimension)));
        await getService(strapi, 'coverage').invalidate();
        times.changed.push(await timed(() => fetchMatrix(dimension)));
        times.sql.push(await timed(() => querySql(dimension)));
      }
      const [apiTime, changedTime, sqlTime] = [median(times.api), median(times.changed), median(times.sql)];
      console.log(
        [
          dimension.padEnd(12),
          ms(apiTime).padStart(10),
          ms(changedTime).padStart(14),
          ms(sqlTime).padStart(10),
          (apiTime / sqlTime).toFixed(2).padStart(10),
          (changedTime / sqlTime).toFixed(2).padStart(21),
          ms(naive.time).padStart(18),
          (naive.time / apiTime).toFixed(1).padStart(10),
        ].join(''),
      );
    }

    // The public's tables: the same counts put through disclosure control, against the member's exact matrix.
    type Cells = {
      data: {
        rows: Array<{ skill: { documentId: string }; cells: Record<string, { holders: number | null; advanced: number | null; levels: number[] | null }> }>;
      };
    };
    const fetchAs = async (dimension: Dimension, signedIn: boolean) => {
      const response = await fetch(matrixUrl(dimension), { headers: signedIn ? { Authorization: `Bearer ${jwt}` } : {} });
      if (response.status !== 200) throw new Error(`${response.status} from the matrix: ${await response.text()}`);
      return (await response.json()) as Cells;
    };
    console.log(`\nPublic matrix right after a change (disclosure control over every row), ${ROUNDS} rounds each (median)`);
    console.log('dimension     public   member (exact)   public/member   published / withheld');
    for (const dimension of ['issueArea', 'country', 'language'] as Dimension[]) {
      const [shown, exact] = [await fetchAs(dimension, false), await fetchAs(dimension, true)];
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
        await getService(strapi, 'coverage').invalidate();
        times.member.push(await timed(() => fetchAs(dimension, true)));
        await getService(strapi, 'coverage').invalidate();
        times.public.push(await timed(() => fetchAs(dimension, false)));
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
