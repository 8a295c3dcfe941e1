/**
 * Where each page of the members' site lives, so that every page can be bookmarked and shared.
 * The app serves the site under /search/ (its first page, the search), and index.html for every
 * path below it (src/middlewares/members-site.ts).
 */
export const BASE = '/search/';

const withQuery = (path: string, query: Record<string, string | undefined>) => {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/** The page of a document of a searchable type, in the locale of the text to show; null for types without a page. */
export const documentUrl = (type: string, documentId: string, locale?: string) => {
  const section = { resource: 'resources', workshop: 'workshops', 'reading-group': 'reading-groups', organisation: 'organisations', member: 'members' }[type];
  return section ? withQuery(`${BASE}${section}/${encodeURIComponent(documentId)}`, { locale }) : null;
};

/** Where a search result leads: its document's page; a skill, to who-to-ask about it; an agreement version, to the agreement. */
export const hitUrl = (hit: { type: string; documentId: string; locale: string; slug: string | null }) => {
  if (hit.type === 'skill') return hit.slug ? withQuery(BASE, { view: 'experts', skill: hit.slug }) : null;
  if (hit.type === 'agreement-version') return agreementUrl({ locale: hit.locale });
  return documentUrl(hit.type, hit.documentId, hit.locale);
};

export const agreementUrl = (query: { version?: number; compare?: number; locale?: string } = {}) =>
  withQuery(`${BASE}agreement`, { version: query.version?.toString(), compare: query.compare?.toString(), locale: query.locale });
