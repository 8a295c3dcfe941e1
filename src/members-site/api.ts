/**
 * The app's REST API as the page uses it. Every request goes to the page's own origin (relative
 * URLs), with the member's JWT when signed in.
 */

export type SearchHit = {
  type: string;
  documentId: string;
  locale: string;
  otherLanguage: boolean;
  title: string;
  slug: string | null;
  /** HTML: the text is escaped by the server and matches are wrapped in <mark>. */
  snippet: string;
};

/** Facet → value → number of hits. */
export type FacetCounts = Record<string, Record<string, number>>;
/** Facet → value → its name in the searched language, from the API (the page has no copy of these vocabularies). */
export type FacetNames = Record<string, Record<string, string>>;

export type SearchResponse = {
  data: SearchHit[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number }; facets: FacetCounts; facetLabels: FacetNames; locale: string };
};

export type SearchRequest = {
  q: string;
  locale: string;
  types: string[];
  filters: Record<string, string[]>;
  facets: string[];
  page: number;
  pageSize: number;
};

/** How members may get in touch with someone: their e-mail address, or a message through the platform. */
export type Contact = { route: 'email'; email: string } | { route: 'message' };

export type Expert = {
  documentId: string;
  displayName: string;
  level: number;
  canMentor: boolean;
  languages: string[];
  countries: string[];
  organisation: { slug: string; name: string } | null;
  /** How to reach them, as far as they allow it (null: not at all). */
  contact?: Contact | null;
};

export type MatrixStatus = 'good' | 'risk' | 'gap';
export type MatrixCell = { status: MatrixStatus | null; holders: number | null; advanced: number | null; withheld: boolean };
export type Matrix = {
  columns: Array<{ key: string; label: string }>;
  rows: Array<{ skill: { slug: string; name: string }; cells: Record<string, MatrixCell> }>;
};

/** One problem of a 400: the path of the parameter or field at fault (`displayName`, `filters.country`) and what is wrong. */
export type FieldError = { path: string; message: string };

/**
 * An answer other than 2xx. `parameter` names the offending query parameter or field of a 400
 * (e.g. `filters.country`, the first one); `fields` lists every problem the API named.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export type Session = { jwt: string; name: string };

const SESSION_KEY = 'cop-search.session';

/** The member's sign-in lasts as long as the tab (sessionStorage), never longer. */
export const session = {
  read(): Session | null {
    try {
      const value = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
      return value && typeof value.jwt === 'string' && typeof value.name === 'string' ? value : null;
    } catch {
      return null;
    }
  },
  save(value: Session) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
  },
};

type StrapiError = { error?: { message?: string; details?: { errors?: Array<{ path?: Array<string | number>; message?: string }> } } };

/** A JSON request to the app's API as the signed-in member (or the public); anything but 2xx is an ApiError. */
export const request = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  const jwt = session.read()?.jwt;
  if (jwt) headers.set('Authorization', `Bearer ${jwt}`);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const response = await fetch(path, { ...init, headers, credentials: 'omit' });
  // 204 No Content (a cancellation, leaving a group) has no body to read.
  if (response.status === 204) return null as T;
  const body = (await response.json().catch(() => null)) as (T & StrapiError) | null;
  // 202 Accepted (a message sent) may have no body either.
  if (response.status === 202 && body === null) return null as T;
  if (!response.ok || body === null) {
    const fields = (body?.error?.details?.errors ?? []).map((problem) => ({ path: (problem.path ?? []).join('.'), message: problem.message ?? '' }));
    throw new ApiError(response.status, body?.error?.message ?? response.statusText, fields[0]?.path, fields);
  }
  return body;
};

export const search = (query: SearchRequest, signal: AbortSignal) => {
  const params = new URLSearchParams({ q: query.q, locale: query.locale, page: String(query.page), pageSize: String(query.pageSize) });
  if (query.types.length) params.set('types', query.types.join(','));
  if (query.facets.length) params.set('facets', query.facets.join(','));
  for (const [name, values] of Object.entries(query.filters)) for (const value of values) params.append(`filters[${name}]`, value);
  return request<SearchResponse>(`/api/multilingual-search/search?${params}`, { signal });
};

export const signIn = async (identifier: string, password: string): Promise<Session> => {
  const body = await request<{ jwt: string; user: { username?: string; email?: string } }>('/api/auth/local', {
    method: 'POST',
    body: JSON.stringify({ identifier, password }),
  });
  return { jwt: body.jwt, name: body.user.username ?? body.user.email ?? identifier };
};

export type Visibility = 'hidden' | 'members' | 'public';
export type ContactRoute = 'none' | 'email' | 'message';

/** The signed-in member's own profile (GET /api/members/me); `bio` is the one of the locale asked for. */
export type OwnProfile = {
  documentId: string;
  locale: string;
  displayName: string;
  bio: string | null;
  countries: string[] | null;
  languages: string[] | null;
  visibility: Visibility;
  openToQuestions: boolean;
  canMentor: boolean;
  contactRoute?: ContactRoute;
  organisation: { name: string; slug: string } | null;
};

export type OwnProfileChanges = Partial<Omit<OwnProfile, 'documentId' | 'locale' | 'organisation'>>;

const OWN_PROFILE = '/api/members/me';
const withLocale = (path: string, locale?: string) => (locale ? `${path}?${new URLSearchParams({ locale })}` : path);

/** The member's own profile in `locale` (the default locale when absent); null when they have none (404). */
export const ownProfile = (locale?: string) =>
  request<{ data: OwnProfile }>(withLocale(OWN_PROFILE, locale)).then(
    (body) => body.data,
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    },
  );

/** Creates or updates the member's own profile; `bio` is saved as the one of `locale`, the other fields are shared by every locale. */
export const saveOwnProfile = (changes: OwnProfileChanges, locale?: string) =>
  request<{ data: OwnProfile }>(withLocale(OWN_PROFILE, locale), { method: 'PUT', body: JSON.stringify({ data: changes }) }).then((body) => body.data);

/** The content locales (for which bio to edit), the default one marked. */
export const contentLocales = () => request<Array<{ code: string; isDefault?: boolean }>>('/api/i18n/locales');

/** Everything the platform holds about the member, as a JSON file (asked for with the sign-in, so not a plain link). */
export const exportOwnData = async () => {
  const headers = new Headers({ Accept: 'application/json' });
  const jwt = session.read()?.jwt;
  if (jwt) headers.set('Authorization', `Bearer ${jwt}`);
  const response = await fetch('/api/me/export', { headers, credentials: 'omit' });
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  return response.blob();
};

/** Erases the member's profile, skills, registrations and account (204). */
export const eraseOwnAccount = () => request<null>('/api/me', { method: 'DELETE' });

export const contactPath = (member: string) => `/api/members/${encodeURIComponent(member)}/contact`;

/** Writes to a member through the platform, without seeing their address (202). */
export const sendMessage = (member: string, message: { subject: string; message: string }) =>
  request<unknown>(`/api/members/${encodeURIComponent(member)}/messages`, { method: 'POST', body: JSON.stringify({ data: message }) });

export const experts = (skill: string) =>
  request<{ data: Expert[] }>(`/api/skills-mapping/experts?${new URLSearchParams({ skill })}`).then((body) => body.data);

export const matrix = (locale: string) =>
  request<{ data: Matrix; meta: { threshold: number | null } }>(`/api/skills-mapping/matrix?${new URLSearchParams({ dimension: 'issueArea', locale })}`);
