import { envelope, timestamp, z } from '../../../../../utils/route-schemas';

/** The answers of the plugin's content-API routes, as the route declarations give them to Strapi's OpenAPI generator. */

const skillLabel = z.object({ documentId: z.string(), slug: z.string(), name: z.string(), category: z.string(), parent: z.string().nullable() });
const column = z.object({ key: z.string(), label: z.string() });
const cell = z.object({
  status: z.enum(['good', 'risk', 'gap']).nullable().describe('good: 2+ holders at level 3+, risk: 1, gap: 0; null where withheld'),
  levels: z.array(z.number().int()).length(5).nullable().describe('holders at levels 0–4; for members only (null for the public)'),
  holders: z.number().int().nullable().describe('holders at any level; null where withheld from the public'),
  advanced: z.number().int().nullable().describe('holders at level 3 or more; null where withheld from the public'),
  withheld: z
    .boolean()
    .describe("true when the public is not told the cell's coverage: no published sum or difference of counts gives fewer people than the threshold"),
});

export const matrix = envelope(
  z.object({
    dimension: z.string(),
    locale: z.string(),
    columns: z.array(column),
    rows: z.array(z.object({ skill: skillLabel, cells: z.record(z.string(), cell).describe('by column key') })),
  }),
  z.object({ exactCounts: z.boolean(), threshold: z.number().int().nullable() }),
);

const gap = z.object({
  skill: skillLabel,
  learners: z.number().int().nullable().describe('members who want to learn it; null where withheld from the public'),
  upcomingWorkshops: z.number().int().describe('upcoming workshops teaching it that the caller may see'),
  holders: z.number().int().nullable().describe('members at level 3 or more; null where withheld from the public'),
  score: z.number().nullable().describe('(learners + upcomingWorkshops) / (holders + 1); null where a figure is withheld, and in the public overall ranking'),
});
export const gaps = envelope(z.object({ overall: z.array(gap), byIssueArea: z.array(z.object({ issueArea: column, skills: z.array(gap) })) }));

const expert = z.object({
  documentId: z.string(),
  displayName: z.string(),
  level: z.number().int(),
  canMentor: z.boolean(),
  languages: z.array(z.string()),
  countries: z.array(z.string()),
  organisation: z.object({ slug: z.string(), name: z.string() }).nullable(),
  assessedAt: timestamp,
  sharedLanguages: z.array(z.string()),
  contact: z
    .union([z.object({ route: z.literal('email'), email: z.string() }), z.object({ route: z.literal('message') })])
    .nullable()
    .describe('how to reach them: their e-mail, or a message through the platform (POST /members/{id}/messages); null when they are not open to contact'),
});
export const experts = envelope(z.array(expert), z.object({ skill: z.string(), total: z.number().int() }));

const claim = z.object({
  skill: z.object({ documentId: z.string(), slug: z.string().nullable(), name: z.string().nullable() }),
  level: z.number().int().min(0).max(4),
  levelName: z.string(),
  wantsToLearn: z.boolean(),
  canMentor: z.boolean(),
  openToQuestions: z.boolean(),
  assessedAt: timestamp,
  dueForReassessment: z.boolean(),
});
export const claims = envelope(z.array(claim));
