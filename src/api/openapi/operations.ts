/**
 * What Strapi's OpenAPI generator cannot read from a custom route: a summary, which statuses its
 * success answers have (the generator gives a route's declared `response` as a 200), the media
 * type of an answer that is not JSON, and the refusals particular to the route. Parameters,
 * bodies and response schemas are declared on the routes themselves.
 */
export type DocumentedOperation = {
  summary: string;
  /** Each success status and what it means; each answers the route's declared response, if it has one. */
  success: Record<number, string>;
  /** The media type of the (200) answer when it is a file rather than JSON. */
  file?: 'text/plain' | 'text/csv' | 'text/calendar';
  /** Refusals particular to this route, beyond the common 400, 401, 403, 404 and 500. */
  refusals?: Record<number, string>;
};

const noContent = { 204: 'Done; no content' };

/** The operations of the app's custom routes and of the local plugins' content-API routes, keyed by method and path as in the document. */
export const documentedOperations: Record<string, DocumentedOperation> = {
  'GET /openapi.json': { summary: 'This document: the OpenAPI 3.1 description of the content API', success: { 200: 'The document' } },

  'GET /agreement-versions/current': {
    summary: 'The adopted version of the Community Agreement',
    success: { 200: 'The adopted version, in English where not translated' },
  },
  'GET /agreement-versions/history': { summary: 'Every version past draft, newest first', success: { 200: 'The versions' } },
  'GET /agreement-versions/number/{number}': { summary: 'One version by its number', success: { 200: 'The version' } },
  'GET /agreement-versions/number/{number}/text': { summary: 'One version as plain text, for download', success: { 200: 'The text' }, file: 'text/plain' },
  'GET /agreement-versions/{a}/diff/{b}': {
    summary: 'Section-aware, word-level diff from version a to version b',
    success: { 200: 'The diff, in the newer version’s section order' },
  },
  'POST /agreement-versions/number/{number}/suggestions': {
    summary: 'Suggest a change to a version in consultation (members)',
    success: { 201: 'The suggestion' },
    refusals: { 409: 'The version is not in consultation, or the consultation window is closed' },
  },
  'POST /agreement-versions/number/{number}/endorsements': {
    summary: 'Endorse a version for your organisation (organisation representatives)',
    success: { 201: 'The endorsement' },
    refusals: { 409: 'The organisation already endorsed this version' },
  },

  'GET /members/me': { summary: "The caller's own member profile", success: { 200: 'The profile' } },
  'PUT /members/me': { summary: "Create or change the caller's own member profile", success: { 200: 'The profile' } },
  'GET /me/export': { summary: 'Everything the platform holds about the caller, as JSON', success: { 200: 'The export' } },
  'DELETE /me': { summary: "Erase the caller's account and data, all or nothing", success: noContent },
  'GET /me/calendar-feed': {
    summary: 'Whether the caller has a personal calendar feed, and since when (its URL is shown only when issued)',
    success: { 200: 'The feed, or null' },
  },
  'GET /skills/issue-areas': {
    summary: 'The skills used in each issue area: carried by its published resources, workshops and reading groups',
    success: { 200: 'The issue areas with their skills' },
  },
  'GET /me/reading-groups': { summary: 'The reading groups the caller has joined, with their next session', success: { 200: 'The reading groups' } },
  'GET /members/{id}/contact': {
    summary: 'How to contact a member: their e-mail, or a message through the platform (members)',
    success: { 200: 'The contact route' },
    refusals: { 404: 'No such member: unknown, hidden, or not open to contact' },
  },
  'POST /members/{id}/messages': {
    summary: 'Send a member a message by e-mail through the platform; their address is not shown (members)',
    success: { 202: 'Handed to the mail server' },
    refusals: {
      404: 'No such member: unknown, hidden, or not open to messages',
      429: 'The sender has sent the most messages allowed in 24 hours',
      503: 'The e-mail could not be sent just now',
    },
  },
  'POST /me/calendar-feed': { summary: "Issue the caller's personal calendar feed URL (the previous one stops working)", success: { 201: 'The feed' } },
  'DELETE /me/calendar-feed': { summary: "Revoke the caller's personal calendar feed", success: noContent },

  'GET /workshops/calendar.ics': {
    summary: 'iCalendar feed (RFC 5545) of upcoming workshops; with a personal token, also members-only ones and the member’s registrations',
    success: { 200: 'The calendar' },
    file: 'text/calendar',
  },
  'GET /workshops/{id}/calendar.ics': {
    summary: 'One workshop as an iCalendar file (RFC 5545) of one event, for “Add to calendar”; members-only workshops for members (their JWT)',
    success: { 200: 'The calendar' },
    file: 'text/calendar',
  },
  'POST /workshops/{id}/registrations': {
    summary: 'Register the caller for a workshop (confirmed, or waitlisted when it is full)',
    success: { 200: 'Already registered (`meta.created` is false)', 201: 'Registered (`meta.created` is true)' },
    refusals: { 409: 'Outside the registration window' },
  },
  'DELETE /workshops/{id}/registrations': { summary: "Cancel the caller's registration for a workshop", success: { 200: 'The cancelled registration' } },
  'GET /workshops/{id}/registrations': { summary: "A workshop's registrations (its facilitators only)", success: { 200: 'The registrations' } },
  'DELETE /registrations/{id}': { summary: "Cancel one of the caller's registrations", success: { 200: 'The cancelled registration' } },

  'POST /reading-groups/{id}/participants': {
    summary: 'Join a reading group',
    success: { 200: 'Already a participant (`meta.joined` is false)', 201: 'Joined (`meta.joined` is true)' },
    refusals: { 409: 'The group is full or closed' },
  },
  'DELETE /reading-groups/{id}/participants': { summary: 'Leave a reading group', success: { 200: 'Left' } },
  'GET /reading-groups/{id}/participants': {
    summary: "A reading group's participants (its participants and facilitators)",
    success: { 200: 'The participants the caller may see, and a count of the others' },
  },

  'GET /skills-mapping/matrix': {
    summary: 'Coverage matrix of skills against a dimension, counts per level',
    success: {
      200: 'The matrix. Members get exact counts, with any filter. The public gets fixed tables by issue area, country or language (403 for the organisation dimension, minLevel and the member filters), without levels, and only counts that no sum or difference of published counts turns into fewer people than the threshold (withheld counts are null).',
    },
  },
  'GET /skills-mapping/matrix.csv': {
    summary: 'The coverage matrix as CSV, one line per skill and column (members)',
    success: { 200: 'The matrix' },
    file: 'text/csv',
  },
  'GET /skills-mapping/gaps': { summary: 'Growth areas: skills ranked by demand against supply, overall and per issue area', success: { 200: 'The ranking' } },
  'GET /skills-mapping/experts': {
    summary: 'Who to ask about a skill: visible profiles open to questions (members)',
    success: { 200: 'The experts, by level then shared languages' },
  },
  'GET /skills-mapping/me/claims': { summary: "The caller's own skill claims", success: { 200: 'The claims' } },
  'PUT /skills-mapping/me/claims': { summary: "Replace all of the caller's skill claims", success: { 200: 'The claims' } },
  'GET /skills-mapping/members/{documentId}/claims': { summary: "A visible member's skill claims", success: { 200: 'The claims' } },
  'PUT /skills-mapping/members/{documentId}/claims': {
    summary: 'Replace all of a member’s skill claims (only the caller’s own)',
    success: { 200: 'The claims' },
  },

  'GET /multilingual-search/search': {
    summary: 'Federated search across content types and locales, with locale preference and fallback',
    success: { 200: 'The hits the caller may see' },
    refusals: { 503: 'The search engine is unavailable, or the index is still being built after a restart (`Retry-After` says when to try again)' },
  },
  'GET /multilingual-search/token': {
    summary: 'A short-lived Meilisearch tenant token applying the same visibility as the search API',
    success: { 200: 'The token' },
    refusals: { 404: 'Tenant tokens are off (no Meilisearch, or not for the public)' },
  },
};
