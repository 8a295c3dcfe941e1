import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from './api';
import { SignInButton } from './components';
import { useApi } from './hooks';
import type { MessageKey, Translate } from './i18n';
import { OWN_PROFILE_PATH, type GroupPlaces, type PersonRef, type ResourceRef, type WorkshopPlaces } from './participation-api';
import { useSite } from './site';
import { documentUrl } from './urls';

/** What the workshop and reading-group pages share: places, people, readings, and taking part. */

/** The signed-in member's profile documentId: undefined while unknown, null for the public or a member without a profile. */
export const useOwnProfileId = () => {
  const { session } = useSite();
  const profile = useApi<{ data: { documentId: string } }>(session ? OWN_PROFILE_PATH : null);
  if (!session) return null;
  if (profile.loading) return undefined;
  return profile.data?.data.documentId ?? null;
};

/** "8 of 20 places left", or that none are, and how many wait: numbers only, never names. */
export const placesText = (t: Translate, places: WorkshopPlaces | GroupPlaces) => {
  const left = places.left > 0 ? t('participation.placesLeft', { count: places.left, capacity: places.capacity }) : t('participation.full');
  const waitlisted = 'waitlisted' in places && places.waitlisted > 0 ? t('participation.waitlist', { count: places.waitlisted }) : null;
  return waitlisted ? `${left} ${waitlisted}` : left;
};

/** A date and time in the member's own time zone. */
export const dateTime = (language: string, iso: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

/** ISO dates in the API's refusals ("Registration for this workshop opens on 2027-01-05T09:00:00.000Z"). */
const ISO_DATE = /\d{4}-\d{2}-\d{2}T[\d:.]+Z/;

/**
 * The API's refusals (status and message) in the interface language; a refusal the site does not
 * know is shown as the API words it, so that nothing is refused without a reason.
 */
const REFUSALS: Array<{ status: number; pattern: RegExp; key: MessageKey }> = [
  { status: 401, pattern: /./, key: 'refusal.signIn' },
  { status: 403, pattern: /member profile/, key: 'refusal.noProfile' },
  { status: 403, pattern: /Sign in/, key: 'refusal.signIn' },
  { status: 404, pattern: /no registration/, key: 'refusal.notRegistered' },
  { status: 404, pattern: /not a participant/, key: 'refusal.notParticipant' },
  { status: 404, pattern: /./, key: 'refusal.gone' },
  { status: 409, pattern: /opens on/, key: 'refusal.notOpenYet' },
  { status: 409, pattern: /no longer be cancelled/, key: 'refusal.cannotCancel' },
  { status: 409, pattern: /started on/, key: 'refusal.started' },
  { status: 409, pattern: /closed on/, key: 'refusal.closed' },
  { status: 409, pattern: /is full/, key: 'refusal.groupFull' },
  { status: 409, pattern: /is closed/, key: 'refusal.groupClosed' },
];

export const refusalText = (t: Translate, language: string, error: unknown) => {
  if (!(error instanceof ApiError)) return t('error.generic');
  const known = REFUSALS.find((refusal) => refusal.status === error.status && refusal.pattern.test(error.message));
  if (!known) return t('refusal.other', { message: error.message });
  const date = error.message.match(ISO_DATE)?.[0];
  return t(known.key, { date: date ? dateTime(language, date) : '' });
};

/** What an action did, in words of the interface language: worded when shown, so it follows a change of language. */
export type Outcome = (t: Translate) => string;

/**
 * Running one action of the member (register, cancel, join, leave) at a time: its outcome is
 * announced (role=status), a refusal is alerted (role=alert), and the focus goes back to the
 * action control, which now offers the opposite action.
 */
export const useMemberAction = (controlId: string) => {
  const { t, language } = useSite();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const run = async (action: () => Promise<Outcome>) => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    setRefusal(null);
    try {
      const worded = await action();
      // A function given to a state setter is an updater: wrapped, it is stored as the value.
      setOutcome(() => worded);
    } catch (error) {
      setRefusal(error);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => document.getElementById(controlId)?.focus());
    }
  };
  return { busy, outcome: outcome ? outcome(t) : '', refusal: refusal ? refusalText(t, language, refusal) : '', run };
};

/**
 * The part of a page where a member takes part: their state, the action, and its outcome. The
 * public gets a way to sign in instead. The live regions are always there, so that changes are announced.
 */
export const TakingPart = ({
  title,
  signInPrompt,
  state,
  action,
  outcome,
  refusal,
  children,
}: {
  title: string;
  signInPrompt: string;
  state: string | null;
  action: ComponentChildren;
  outcome: string;
  refusal: string;
  /** What anyone should know before taking part (when registration opens…). */
  children?: ComponentChildren;
}) => {
  const { session } = useSite();
  return (
    <section class="taking-part" aria-labelledby="taking-part-title">
      <h2 id="taking-part-title">{title}</h2>
      {children}
      {session ? (
        <>
          {state && <p id="member-state">{state}</p>}
          <p class="actions">{action}</p>
        </>
      ) : (
        <div class="notice" id="sign-in-prompt">
          <p>{signInPrompt}</p>
          <SignInButton />
        </div>
      )}
      <p id="action-outcome" role="status">
        {outcome}
      </p>
      <p id="action-refusal" class="error" role="alert">
        {refusal}
      </p>
    </section>
  );
};

/** Facilitators, each linked to their profile (the API answers only the profiles the viewer may see). */
export const People = ({ people }: { people: PersonRef[] }) => (
  <ul class="people">
    {people.map((person) => (
      <li key={person.documentId}>
        <a href={documentUrl('member', person.documentId)!}>{person.displayName}</a>
      </li>
    ))}
  </ul>
);

/** Resources (materials, readings), each linked to its page in its own language. */
export const Resources = ({ resources }: { resources: ResourceRef[] }) => (
  <ul class="resources">
    {resources.map((resource) => (
      <li key={resource.documentId}>
        <a href={documentUrl('resource', resource.documentId, resource.locale)!} lang={resource.locale}>
          {resource.title}
        </a>
      </li>
    ))}
  </ul>
);
