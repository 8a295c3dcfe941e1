import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isCountryCode, isJurisdiction, isLanguageCode } from '../custom-fields/codes';

/** The demo data files in `data/`, checked when they are loaded so a typo fails the seed loudly. */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
const country = z.string().refine(isCountryCode, 'ISO 3166-1 alpha-2 country code');
const language = z.string().refine(isLanguageCode, 'ISO 639-1 language code');
const texts = <T extends z.ZodTypeAny>(value: T) => z.record(z.string(), value);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const memberKey = z.string().regex(/^m\d{3}$/);

export const issueAreaSchema = z.object({ slug, name: texts(z.string()), description: texts(z.string()) });

export const skillSchema = z.object({
  slug,
  category: z.enum(['forum_court', 'procedure', 'area_of_law', 'method', 'advocacy', 'research', 'communication']),
  parent: slug.optional(),
  synonyms: z.array(z.string()),
  name: texts(z.string()),
  description: texts(z.string()),
});

export const organisationSchema = z.object({
  slug,
  name: z.string(),
  kind: z.enum(['ngo', 'law_firm', 'legal_clinic', 'barristers_chambers', 'academic', 'community_group']),
  countries: z.array(country).min(1),
  issueAreas: z.array(slug),
  nativeLocale: z.string(),
  website: z.string().url(),
  participationStatus: z.enum(['prospective', 'active', 'alumni']),
  joinedOn: day,
  description: texts(z.string()),
});

const claimSchema = z.object({
  skill: slug,
  level: z.number().int().min(0).max(4),
  wantsToLearn: z.boolean(),
  canMentor: z.boolean(),
  openToQuestions: z.boolean(),
});

export const memberSchema = z.object({
  key: memberKey,
  displayName: z.string(),
  email: z.string().email(),
  role: z.enum(['authenticated', 'org-representative', 'facilitator']),
  organisation: slug.nullable(),
  countries: z.array(country),
  languages: z.array(language),
  visibility: z.enum(['hidden', 'members', 'public']),
  openToQuestions: z.boolean(),
  canMentor: z.boolean(),
  bio: texts(z.string()),
  claims: z.array(claimSchema),
});

const localizedTexts = z.object({ title: z.string(), summary: z.string(), body: z.string() });

export const resourceSchema = z.object({
  slug,
  locale: z.string(),
  kind: z.enum(['methodology', 'guide', 'case_note', 'judgment', 'template', 'toolkit', 'article', 'recording', 'report']),
  title: z.string().max(300),
  summary: z.string(),
  body: z.string(),
  issueAreas: z.array(slug),
  skills: z.array(slug),
  authorOrganisations: z.array(slug),
  jurisdiction: z.string().refine(isJurisdiction).optional(),
  court: z.string().optional(),
  ecli: z.string().optional(),
  caseNumber: z.string().optional(),
  date: day.optional(),
  url: z.string().url().optional(),
  licence: z.enum(['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC0-1.0', 'all-rights-reserved']),
  visibility: z.enum(['public', 'members']),
  translations: texts(localizedTexts).optional(),
});

export const readingGroupSchema = z.object({
  slug,
  name: texts(z.string()),
  description: texts(z.string()),
  issueAreas: z.array(slug),
  skills: z.array(slug),
  facilitators: z.array(memberKey),
  participants: z.array(memberKey),
  capacity: z.number().int().min(1),
  status: z.enum(['forming', 'active', 'closed']),
  visibility: z.enum(['public', 'members']),
  sessions: z.array(z.object({ dayOffset: z.number().int(), title: z.string(), notes: z.string() })),
});

export const workshopSchema = z.object({
  slug,
  title: texts(z.string()),
  description: texts(z.string()),
  format: z.enum(['workshop', 'case_clinic', 'training', 'retreat', 'meeting']),
  startDayOffset: z.number().int(),
  startTime: z.string().regex(/^\d{2}:\d{2}$/),
  durationHours: z.number().positive(),
  timeZone: z.string(),
  isOnline: z.boolean(),
  venue: z.string().nullable(),
  city: z.string().nullable(),
  country: country.nullable(),
  onlineNote: z.string().nullable(),
  capacity: z.number().int().min(1),
  registrationOpensDayOffset: z.number().int(),
  registrationClosesDayOffset: z.number().int(),
  languages: z.array(language),
  interpretation: z.array(language),
  facilitators: z.array(memberKey),
  issueAreas: z.array(slug),
  skillsTaught: z.array(slug),
  visibility: z.enum(['public', 'members']),
});

const sectionSchema = z.object({ key: slug, heading: z.string(), text: z.string() });

export const agreementSchema = z.object({
  versions: z.array(
    z.object({
      versionNumber: z.number().int().min(1),
      stage: z.enum(['draft', 'consultation', 'adopted', 'superseded']),
      consultationOpensDayOffset: z.number().int(),
      consultationClosesDayOffset: z.number().int(),
      adoptedDayOffset: z.number().int().nullable(),
      changeSummary: z.string(),
      decisionRecord: z.string().nullable(),
      title: texts(z.string()),
      preamble: texts(z.string()),
      sections: texts(z.array(sectionSchema)),
    }),
  ),
  suggestions: z.array(
    z.object({
      versionNumber: z.number().int(),
      sectionKey: slug,
      kind: z.enum(['add', 'remove', 'replace']),
      proposedText: z.string(),
      rationale: z.string(),
      author: memberKey,
      decision: z.enum(['open', 'accepted', 'rejected']),
    }),
  ),
  endorsements: z.array(z.object({ versionNumber: z.number().int(), organisation: slug, endorsedBy: memberKey, statement: z.string() })),
});

const DATA_DIR = path.join(__dirname, 'data');

const read = <T extends z.ZodTypeAny>(file: string, schema: T): z.infer<T> => {
  const result = schema.safeParse(JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`Demo data ${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
};

export const loadDemoData = () => ({
  issueAreas: read('issue-areas.json', z.array(issueAreaSchema)),
  skills: read('skills.json', z.array(skillSchema)),
  organisations: read('organisations.json', z.array(organisationSchema)),
  members: read('members.json', z.array(memberSchema)),
  resources: fs
    .readdirSync(path.join(DATA_DIR, 'resources'))
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => read(path.join('resources', file), z.array(resourceSchema))),
  events: read('events.json', z.object({ readingGroups: z.array(readingGroupSchema), workshops: z.array(workshopSchema) })),
  agreement: read('agreement.json', agreementSchema),
});

export type DemoData = ReturnType<typeof loadDemoData>;
