import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { localeQuery as agreementLocaleQuery, versionNumber } from '../agreement-version/controllers/agreement-version';
import { endorsementInput, suggestionInput } from '../agreement-version/services/agreement';
import { ownProfileSchema } from '../member/controllers/member';
import { calendarQuery } from '../workshop/controllers/workshop';
import { documentIdParam } from '../../utils/parse';
import { localeQuery as claimsLocaleQuery } from '../../plugins/skills-mapping/server/src/controllers/claims';
import { expertsQuery } from '../../plugins/skills-mapping/server/src/controllers/experts';
import { gapsQuery, matrixQuery } from '../../plugins/skills-mapping/server/src/controllers/matrix';
import { claimsSchema } from '../../plugins/skills-mapping/server/src/services/claims';

export type DocumentedResponse = { description: string; mediaType?: string; schema?: z.ZodTypeAny };

/**
 * What Strapi's generator cannot see in a custom route: its path and query parameters, its
 * request body and its responses. Query parameters and bodies are the schemas the controllers
 * parse with; responses are written from what the services return.
 */
export type DocumentedOperation = {
  summary: string;
  params?: z.AnyZodObject;
  query?: z.AnyZodObject;
  body?: z.ZodTypeAny;
  responses: Record<number, DocumentedResponse>;
};

/** Every route's `:documentId`-style parameter that the controllers parse with `documentIdParam`. */
const byDocumentId = z.object({ id: documentIdParam });
const byVersionNumber = z.object({ number: versionNumber });
const noQuery = z.object({}).strict();
const data = (schema: z.ZodTypeAny, meta?: z.AnyZodObject) => z.object({ data: schema, ...(meta ? { meta } : {}) });
const json = (description: string, schema: z.ZodTypeAny): DocumentedResponse => ({ description, schema });
const file = (description: string, mediaType: string): DocumentedResponse => ({ description, mediaType, schema: z.string() });
const noContent: DocumentedResponse = { description: 'Done; no content' };
const timestamp = z.string().datetime();
const nullableTimestamp = timestamp.nullable();

const memberRef = z.object({ documentId: z.string(), displayName: z.string() });
const workshopPlaces = z.object({ capacity: z.number().int(), taken: z.number().int(), left: z.number().int(), waitlisted: z.number().int() });
const groupPlaces = z.object({ capacity: z.number().int(), taken: z.number().int(), left: z.number().int() });
/**
 * Strapi 5 reserves `status` for draft/published, so the attributes are `state` (registrations),
 * `stage` (agreement versions) and `decision` (suggestions): the generic content API answers them by
 * those names. The app's own routes answer `status`, as they always have.
 */
const answeredAsStatus = (attribute: string, type: string) =>
  `the ${type}'s \`${attribute}\` attribute, still named \`status\` in this route's answer (the generic content API names it \`${attribute}\`)`;
const registrationStatus = z.enum(['confirmed', 'waitlisted', 'cancelled']).describe(answeredAsStatus('state', 'registration'));

const registration = z.object({
  documentId: z.string(),
  workshop: z.string().describe('documentId of the workshop'),
  status: registrationStatus,
  waitlistPosition: z.number().int().nullable(),
  places: workshopPlaces,
  createdAt: timestamp,
  updatedAt: timestamp,
});
const membership = z.object({ readingGroup: z.string().describe('documentId of the reading group'), participant: z.boolean(), places: groupPlaces });
/** The caller's own profile in one locale, with its organisation (what the member service returns). */
const memberProfile = z
  .object({
    id: z.number().int(),
    documentId: z.string(),
    locale: z.string(),
    displayName: z.string(),
    bio: z.string().nullable(),
    countries: z.array(z.string()),
    languages: z.array(z.string()),
    visibility: z.enum(['hidden', 'members', 'public']),
    openToQuestions: z.boolean(),
    canMentor: z.boolean(),
    organisation: z.object({ name: z.string(), slug: z.string() }).passthrough().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .passthrough();
/** The profile routes read `locale` as given (the member service checks it). */
const ownProfileQuery = z.object({ locale: z.string().optional() });

const versionSummary = z.object({
  versionNumber: z.number().int(),
  documentId: z.string(),
  status: z.enum(['consultation', 'adopted', 'superseded']).describe(answeredAsStatus('stage', 'version')),
  locale: z.string(),
  requestedLocale: z.string(),
  translation: z.boolean().describe('English is canonical; any other language is a translation'),
  fallback: z.boolean().describe('true when the version is not translated into the requested locale and is given in English'),
  consultation: z.object({ opensAt: nullableTimestamp, closesAt: nullableTimestamp }),
  adoptedAt: nullableTimestamp,
  changeSummary: z.string().nullable(),
});
const agreementVersion = versionSummary.extend({
  title: z.string(),
  preamble: z.string().nullable(),
  sections: z.array(z.object({ key: z.string(), heading: z.string(), text: z.string() })),
  endorsements: z.array(z.object({ organisation: z.object({ slug: z.string(), name: z.string() }), statement: z.string().nullable(), endorsedAt: timestamp })),
  contributors: z.array(memberRef).describe('authors of accepted suggestions whose profile the caller may see'),
  contributorCount: z.number().int(),
});
const words = z.array(z.object({ type: z.enum(['equal', 'insert', 'delete']), text: z.string() }));
const agreementDiff = z
  .object({
    from: versionSummary,
    to: versionSummary,
    locale: z.string(),
    sections: z.array(
      z
        .object({
          key: z.string(),
          change: z.enum(['added', 'removed', 'changed', 'unchanged']),
          moved: z.boolean(),
          from: z.object({ heading: z.string(), text: z.string() }).nullable(),
          to: z.object({ heading: z.string(), text: z.string() }).nullable(),
          text: words.describe('word-level parts that rebuild both texts'),
        })
        .passthrough()
    ),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), moved: z.number().int(), unchanged: z.number().int() }),
  })
  .passthrough();

const skillLabel = z.object({ documentId: z.string(), slug: z.string(), name: z.string(), category: z.string(), parent: z.string().nullable() });
const column = z.object({ key: z.string(), label: z.string() });
const cell = z.object({
  status: z.enum(['good', 'risk', 'gap']).nullable().describe('good: 2+ holders at level 3+, risk: 1, gap: 0; null where withheld'),
  levels: z.array(z.number().int()).length(5).nullable().describe('holders at levels 0–4; for members only (null for the public)'),
  holders: z.number().int().nullable().describe('holders at any level; null where withheld from the public'),
  advanced: z.number().int().nullable().describe('holders at level 3 or more; null where withheld from the public'),
  withheld: z.boolean().describe("true when the public is not told the cell's coverage: no published sum or difference of counts gives fewer people than the threshold"),
});
const gap = z.object({
  skill: skillLabel,
  learners: z.number().int().nullable().describe('members who want to learn it; null where withheld from the public'),
  upcomingWorkshops: z.number().int().describe('upcoming workshops teaching it that the caller may see'),
  holders: z.number().int().nullable().describe('members at level 3 or more; null where withheld from the public'),
  score: z.number().nullable().describe('(learners + upcomingWorkshops) / (holders + 1); null where a figure is withheld, and in the public overall ranking'),
});
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
const claims = data(z.array(claim));
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
});
const searchHit = z.object({
  type: z.string(),
  documentId: z.string(),
  locale: z.string(),
  otherLanguage: z.boolean().describe("true when the hit is in another language than the searcher's"),
  title: z.string(),
  slug: z.string().nullable(),
  snippet: z.string().describe('HTML: the text is escaped, matches are in <mark>'),
  score: z.number(),
});

/**
 * The operations of the app's custom routes and of the local plugins' content-API routes, keyed
 * by method and path as in the document. Built from the running app, because the search
 * parameters depend on the plugin's configuration.
 */
export const documentedOperations = (strapi: Core.Strapi): Record<string, DocumentedOperation> => ({
  'GET /openapi.json': {
    summary: 'This document: the OpenAPI 3.1 description of the content API',
    responses: { 200: json('The document', z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).passthrough(), paths: z.record(z.string(), z.unknown()) }).passthrough()) },
  },

  'GET /agreement-versions/current': {
    summary: 'The adopted version of the Community Agreement',
    query: agreementLocaleQuery,
    responses: { 200: json('The adopted version, in English where not translated', data(agreementVersion)) },
  },
  'GET /agreement-versions/history': {
    summary: 'Every version past draft, newest first',
    query: noQuery,
    responses: { 200: json('The versions', data(z.array(versionSummary.omit({ locale: true, requestedLocale: true, translation: true, fallback: true }).extend({ title: z.string(), endorsementCount: z.number().int() })))) },
  },
  'GET /agreement-versions/number/{number}': {
    summary: 'One version by its number',
    params: byVersionNumber,
    query: agreementLocaleQuery,
    responses: { 200: json('The version', data(agreementVersion)) },
  },
  'GET /agreement-versions/number/{number}/text': {
    summary: 'One version as plain text, for download',
    params: byVersionNumber,
    query: agreementLocaleQuery,
    responses: { 200: file('The text', 'text/plain') },
  },
  'GET /agreement-versions/{a}/diff/{b}': {
    summary: 'Section-aware, word-level diff from version a to version b',
    params: z.object({ a: versionNumber, b: versionNumber }),
    query: agreementLocaleQuery,
    responses: { 200: json('The diff, in the newer version’s section order', data(agreementDiff)) },
  },
  'POST /agreement-versions/number/{number}/suggestions': {
    summary: 'Suggest a change to a version in consultation (members)',
    params: byVersionNumber,
    body: z.object({ data: suggestionInput }),
    responses: {
      201: json('The suggestion', data(z.object({ documentId: z.string(), versionNumber: z.number().int(), sectionKey: z.string(), kind: z.enum(['add', 'remove', 'replace']), proposedText: z.string().nullable(), rationale: z.string(), status: z.enum(['open']).describe(answeredAsStatus('decision', 'suggestion')), createdAt: timestamp }))),
      409: { description: 'The version is not in consultation, or the consultation window is closed' },
    },
  },
  'POST /agreement-versions/number/{number}/endorsements': {
    summary: 'Endorse a version for your organisation (organisation representatives)',
    params: byVersionNumber,
    body: z.object({ data: endorsementInput }),
    responses: {
      201: json('The endorsement', data(z.object({ versionNumber: z.number().int(), organisation: z.object({ slug: z.string(), name: z.string() }), statement: z.string().nullable() }))),
      409: { description: 'The organisation already endorsed this version' },
    },
  },

  'GET /members/me': {
    summary: "The caller's own member profile",
    query: ownProfileQuery,
    responses: { 200: json('The profile', data(memberProfile, z.object({}))) },
  },
  'PUT /members/me': {
    summary: "Create or change the caller's own member profile",
    query: ownProfileQuery,
    body: z.object({ data: ownProfileSchema }),
    responses: { 200: json('The profile', data(memberProfile, z.object({}))) },
  },
  'GET /me/export': {
    summary: 'Everything the platform holds about the caller, as JSON',
    query: noQuery,
    responses: {
      200: json(
        'The export',
        data(
          z
            .object({
              exportedAt: timestamp,
              account: z.object({ username: z.string(), email: z.string(), provider: z.string(), confirmed: z.boolean().nullable() }).passthrough(),
              profile: z.object({ documentId: z.string(), translations: z.array(z.object({ locale: z.string(), displayName: z.string() }).passthrough()) }).nullable(),
              skillClaims: z.array(claim),
              registrations: z.array(z.object({ documentId: z.string(), status: registrationStatus, waitlistPosition: z.number().int().nullable() }).passthrough()),
              readingGroups: z.array(z.object({ documentId: z.string(), name: z.string() })),
              facilitating: z.object({ readingGroups: z.array(z.object({ documentId: z.string(), name: z.string() })), workshops: z.array(z.object({ documentId: z.string(), title: z.string() })) }),
              suggestions: z.array(z.object({ documentId: z.string(), versionNumber: z.number().int().nullable(), status: z.enum(['open', 'accepted', 'rejected', 'carried_over']).describe(answeredAsStatus('decision', 'suggestion')) }).passthrough()),
              endorsementsMade: z.array(z.object({ versionNumber: z.number().int().nullable(), statement: z.string().nullable() }).passthrough()),
            })
            .passthrough()
        )
      ),
    },
  },
  'DELETE /me': {
    summary: "Erase the caller's account and data, all or nothing",
    query: noQuery,
    responses: { 204: noContent },
  },
  'POST /me/calendar-feed': {
    summary: "Issue the caller's personal calendar feed URL (the previous one stops working)",
    query: noQuery,
    responses: { 201: json('The feed', data(z.object({ url: z.string().url(), createdAt: timestamp }))) },
  },
  'DELETE /me/calendar-feed': {
    summary: "Revoke the caller's personal calendar feed",
    query: noQuery,
    responses: { 204: noContent },
  },

  'GET /workshops/calendar.ics': {
    summary: 'iCalendar feed (RFC 5545) of upcoming workshops; with a personal token, also members-only ones and the member’s registrations',
    // Which locales are enabled is checked at run time (a refinement): the document lists the parameter only.
    query: calendarQuery(new Set()),
    responses: { 200: file('The calendar', 'text/calendar') },
  },
  'POST /workshops/{id}/registrations': {
    summary: 'Register the caller for a workshop (confirmed, or waitlisted when it is full)',
    params: byDocumentId,
    responses: {
      200: json('Already registered', data(registration, z.object({ created: z.literal(false) }))),
      201: json('Registered', data(registration, z.object({ created: z.literal(true) }))),
      409: { description: 'Outside the registration window' },
    },
  },
  'DELETE /workshops/{id}/registrations': {
    summary: "Cancel the caller's registration for a workshop",
    params: byDocumentId,
    responses: { 200: json('The cancelled registration', data(registration)) },
  },
  'GET /workshops/{id}/registrations': {
    summary: "A workshop's registrations (its facilitators only)",
    params: byDocumentId,
    responses: {
      200: json('The registrations', data(z.array(z.object({ documentId: z.string(), status: registrationStatus, waitlistPosition: z.number().int().nullable(), member: memberRef.nullable(), createdAt: timestamp })))),
    },
  },
  'DELETE /registrations/{id}': {
    summary: "Cancel one of the caller's registrations",
    params: byDocumentId,
    responses: { 200: json('The cancelled registration', data(registration)) },
  },

  'POST /reading-groups/{id}/participants': {
    summary: 'Join a reading group',
    params: byDocumentId,
    responses: {
      200: json('Already a participant', data(membership, z.object({ joined: z.literal(false) }))),
      201: json('Joined', data(membership, z.object({ joined: z.literal(true) }))),
      409: { description: 'The group is full or closed' },
    },
  },
  'DELETE /reading-groups/{id}/participants': {
    summary: 'Leave a reading group',
    params: byDocumentId,
    responses: { 200: json('Left', data(membership)) },
  },
  'GET /reading-groups/{id}/participants': {
    summary: "A reading group's participants (its participants and facilitators)",
    params: byDocumentId,
    responses: { 200: json('The participants the caller may see, and a count of the others', data(z.array(memberRef), z.object({ count: z.number().int(), notNamed: z.number().int() }))) },
  },

  'GET /skills-mapping/matrix': {
    summary: 'Coverage matrix of skills against a dimension, counts per level',
    query: matrixQuery,
    responses: {
      200: json(
        'The matrix. Members get exact counts, with any filter. The public gets fixed tables by issue area, country or language (403 for the organisation dimension, minLevel and the member filters), without levels, and only counts that no sum or difference of published counts turns into fewer people than the threshold (withheld counts are null).',
        data(
          z.object({ dimension: z.string(), locale: z.string(), columns: z.array(column), rows: z.array(z.object({ skill: skillLabel, cells: z.record(z.string(), cell).describe('by column key') })) }),
          z.object({ exactCounts: z.boolean(), threshold: z.number().int().nullable() })
        )
      ),
    },
  },
  'GET /skills-mapping/matrix.csv': {
    summary: 'The coverage matrix as CSV, one line per skill and column (members)',
    query: matrixQuery,
    responses: { 200: file('The matrix', 'text/csv') },
  },
  'GET /skills-mapping/gaps': {
    summary: 'Growth areas: skills ranked by demand against supply, overall and per issue area',
    query: gapsQuery,
    responses: { 200: json('The ranking', data(z.object({ overall: z.array(gap), byIssueArea: z.array(z.object({ issueArea: column, skills: z.array(gap) })) }))) },
  },
  'GET /skills-mapping/experts': {
    summary: 'Who to ask about a skill: visible profiles open to questions (members)',
    query: expertsQuery,
    responses: { 200: json('The experts, by level then shared languages', data(z.array(expert), z.object({ skill: z.string(), total: z.number().int() }))) },
  },
  'GET /skills-mapping/me/claims': {
    summary: "The caller's own skill claims",
    query: claimsLocaleQuery,
    responses: { 200: json('The claims', claims) },
  },
  'PUT /skills-mapping/me/claims': {
    summary: "Replace all of the caller's skill claims",
    query: claimsLocaleQuery,
    body: z.object({ data: claimsSchema }),
    responses: { 200: json('The claims', claims) },
  },
  'GET /skills-mapping/members/{documentId}/claims': {
    summary: "A visible member's skill claims",
    params: z.object({ documentId: z.string() }),
    query: claimsLocaleQuery,
    responses: { 200: json('The claims', claims) },
  },
  'PUT /skills-mapping/members/{documentId}/claims': {
    summary: 'Replace all of a member’s skill claims (only the caller’s own)',
    params: z.object({ documentId: z.string() }),
    query: claimsLocaleQuery,
    body: z.object({ data: claimsSchema }),
    responses: { 200: json('The claims', claims) },
  },

  'GET /multilingual-search/search': {
    summary: 'Federated search across content types and locales, with locale preference and fallback',
    query: strapi.plugin('multilingual-search').service('search').querySchema(),
    responses: {
      200: json(
        'The hits the caller may see',
        data(
          z.array(searchHit),
          z.object({
            pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
            facets: z.record(z.string(), z.record(z.string(), z.number().int())).describe('Per facet asked for: value → number of hits the caller may see'),
            facetLabels: z
              .record(z.string(), z.record(z.string(), z.string()))
              .describe("Per facet asked for: value → its name in the searcher's language (English where not translated), for every value counted or filtered on"),
            locale: z.string(),
            engine: z.string(),
          })
        )
      ),
      503: { description: 'The search engine is unavailable' },
    },
  },
  'GET /multilingual-search/token': {
    summary: 'A short-lived Meilisearch tenant token applying the same visibility as the search API',
    responses: {
      200: json('The token', data(z.object({ token: z.string(), host: z.string(), indexes: z.array(z.string()), expiresAt: timestamp }))),
      404: { description: 'Tenant tokens are off (no Meilisearch, or not for the public)' },
    },
  },
});
