import { request } from '../api';

/**
 * The Community Agreement as the REST API gives it (src/api/agreement-version/schemas.ts).
 * `status` is the version's stage; drafts never reach the content API.
 */
export type VersionStatus = 'consultation' | 'adopted' | 'superseded';

type Window = { opensAt: string | null; closesAt: string | null };

export type VersionSummary = {
  versionNumber: number;
  status: VersionStatus;
  /** The language the text is in, and the one asked for: they differ when the translation is missing (`fallback`). */
  locale: string;
  requestedLocale: string;
  translation: boolean;
  fallback: boolean;
  consultation: Window;
  adoptedAt: string | null;
  changeSummary: string | null;
};

export type Section = { key: string; heading: string; text: string };
export type Endorsement = { organisation: { slug: string; name: string }; statement: string | null; endorsedAt: string };

export type Version = VersionSummary & {
  title: string;
  preamble: string | null;
  sections: Section[];
  endorsements: Endorsement[];
  contributors: Array<{ documentId: string; displayName: string }>;
  contributorCount: number;
  /** The organisation the caller represents, and may endorse for: null unless they are its representative. */
  representedOrganisation: { slug: string; name: string } | null;
};

export type HistoryEntry = {
  versionNumber: number;
  title: string;
  status: VersionStatus;
  consultation: Window;
  adoptedAt: string | null;
  changeSummary: string | null;
  endorsementCount: number;
};

export type WordChange = { type: 'equal' | 'insert' | 'delete'; text: string };
export type SectionSide = { position: number; heading: string; text: string };
export type SectionChange = {
  key: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  moved: boolean;
  from: SectionSide | null;
  to: SectionSide | null;
  heading: WordChange[];
  text: WordChange[];
};
export type Diff = {
  from: VersionSummary;
  to: VersionSummary;
  locale: string;
  title: WordChange[];
  preamble: WordChange[];
  sections: SectionChange[];
  summary: Record<'added' | 'removed' | 'changed' | 'moved' | 'unchanged', number>;
};

export type SuggestionKind = 'replace' | 'add' | 'remove';
export type SuggestionInput = { sectionKey: string; kind: SuggestionKind; proposedText?: string; rationale: string };

const withLocale = (path: string, locale: string) => `${path}?${new URLSearchParams({ locale })}`;

export const paths = {
  current: (locale: string) => withLocale('/api/agreement-versions/current', locale),
  version: (number: number, locale: string) => withLocale(`/api/agreement-versions/number/${number}`, locale),
  history: '/api/agreement-versions/history',
  diff: (from: number, to: number, locale: string) => withLocale(`/api/agreement-versions/${from}/diff/${to}`, locale),
};

export const suggest = (number: number, data: SuggestionInput) =>
  request<{ data: unknown }>(`/api/agreement-versions/number/${number}/suggestions`, { method: 'POST', body: JSON.stringify({ data }) });

export const endorse = (number: number, statement: string) =>
  request<{ data: unknown }>(`/api/agreement-versions/number/${number}/endorsements`, {
    method: 'POST',
    body: JSON.stringify({ data: statement ? { statement } : {} }),
  });
