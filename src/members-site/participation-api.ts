/**
 * The API of workshops and reading groups as their pages use it: what they are, the places left,
 * registering and joining, and a workshop's calendar file.
 */
import { ApiError, request, session } from './api';

export type WorkshopPlaces = { capacity: number; taken: number; left: number; waitlisted: number };
export type GroupPlaces = { capacity: number; taken: number; left: number };

export type PersonRef = { documentId: string; displayName: string };
export type ResourceRef = { documentId: string; title: string; locale: string };

export type Workshop = {
  documentId: string;
  locale: string;
  title: string;
  description: string | null;
  format: 'workshop' | 'case_clinic' | 'training' | 'retreat' | 'meeting';
  startsAt: string;
  endsAt: string;
  timeZone: string;
  isOnline: boolean;
  venue: string | null;
  city: string | null;
  country: string | null;
  onlineNote: string | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  languages: string[] | null;
  interpretation: string[] | null;
  visibility: 'public' | 'members';
  facilitators: PersonRef[];
  skillsTaught: Array<{ documentId: string; name: string }>;
  materials: ResourceRef[];
  places: WorkshopPlaces | null;
};

export type ReadingSession = { id: number; title: string | null; startsAt: string; notes: string | null; readings: ResourceRef[] };

export type ReadingGroup = {
  documentId: string;
  locale: string;
  name: string;
  description: string | null;
  groupStatus: 'forming' | 'active' | 'closed';
  facilitators: PersonRef[];
  sessions: ReadingSession[];
  places: GroupPlaces | null;
};

/** A registration as registering and cancelling answer it (`status` is the registration's `state`). */
export type Registration = { status: 'confirmed' | 'waitlisted' | 'cancelled'; waitlistPosition: number | null; places: WorkshopPlaces };

/** The query of a content read: only the fields the page shows (Strapi's `populate`/`fields`), in `locale` when one is named. */
const readQuery = (params: Record<string, string>, locale?: string) => new URLSearchParams({ ...params, ...(locale ? { locale } : {}) });

export const workshopPath = (documentId: string, locale?: string) =>
  `/api/workshops/${encodeURIComponent(documentId)}?${readQuery(
    {
      'populate[facilitators][fields][0]': 'displayName',
      'populate[skillsTaught][fields][0]': 'name',
      'populate[materials][fields][0]': 'title',
      'populate[materials][fields][1]': 'locale',
    },
    locale,
  )}`;

export const readingGroupPath = (documentId: string, locale?: string) =>
  `/api/reading-groups/${encodeURIComponent(documentId)}?${readQuery(
    {
      'populate[facilitators][fields][0]': 'displayName',
      'populate[sessions][populate][readings][fields][0]': 'title',
      'populate[sessions][populate][readings][fields][1]': 'locale',
    },
    locale,
  )}`;

export const OWN_PROFILE_PATH = '/api/members/me';

/** The member's registration for a workshop that holds or waits for a place, from their own registrations (a facilitator sees others' too). */
export const ownRegistrationPath = (workshop: string, member: string) =>
  `/api/registrations?${readQuery({
    'filters[workshop][documentId][$eq]': workshop,
    'filters[member][documentId][$eq]': member,
    'filters[state][$in][0]': 'confirmed',
    'filters[state][$in][1]': 'waitlisted',
    'fields[0]': 'state',
    'fields[1]': 'waitlistPosition',
  })}`;

export const participantsPath = (group: string) => `/api/reading-groups/${encodeURIComponent(group)}/participants`;

const registrationsOf = (workshop: string) => `/api/workshops/${encodeURIComponent(workshop)}/registrations`;

export const register = (workshop: string) => request<{ data: Registration; meta: { created: boolean } }>(registrationsOf(workshop), { method: 'POST' });

export const cancelRegistration = (workshop: string) => request<{ data: Registration }>(registrationsOf(workshop), { method: 'DELETE' });

export const joinGroup = (group: string) =>
  request<{ data: { participant: boolean; places: GroupPlaces }; meta: { joined: boolean } }>(participantsPath(group), { method: 'POST' });

export const leaveGroup = (group: string) => request<{ data: { participant: boolean; places: GroupPlaces } }>(participantsPath(group), { method: 'DELETE' });

/**
 * The workshop's calendar file (one event), asked for as the member when signed in: a members-only
 * workshop's file is theirs only, so it cannot be a plain link.
 */
export const workshopCalendarFile = async (workshop: string, locale: string) => {
  const headers = new Headers({ Accept: 'text/calendar' });
  const jwt = session.read()?.jwt;
  if (jwt) headers.set('Authorization', `Bearer ${jwt}`);
  const response = await fetch(`/api/workshops/${encodeURIComponent(workshop)}/calendar.ics?${new URLSearchParams({ locale })}`, {
    headers,
    credentials: 'omit',
  });
  if (!response.ok) throw new ApiError(response.status, response.statusText);
  return response.blob();
};
