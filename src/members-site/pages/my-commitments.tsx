import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { Await, Page } from '../components';
import { useApi } from '../hooks';
import { MySpaceNav } from '../my-space';
import { cancelRegistration, leaveGroup } from '../participation-api';
import { dateTime, refusalText } from '../participation';
import { useSite } from '../site';
import { documentUrl } from '../urls';
import { NoProfile, SignInFirst } from './my-skills';

/**
 * "My commitments": the member's workshop registrations (upcoming first, cancelled ones apart),
 * the reading groups they take part in, and their personal calendar feed (a secret URL to
 * subscribe to, shown only when issued).
 */

type WorkshopRef = { documentId: string; title: string; startsAt: string; endsAt: string; timezone?: string; timeZone?: string };
type MyRegistration = {
  documentId: string;
  status?: 'confirmed' | 'waitlisted' | 'cancelled';
  state?: 'confirmed' | 'waitlisted' | 'cancelled';
  waitlistPosition: number | null;
  workshop: WorkshopRef | null;
};
type MyGroup = { documentId: string; name: string; locale: string; nextSessionAt: string | null };
type Feed = { createdAt: string } | null;

/** The member's own registrations (a facilitator may read others' too); each carries its workshop, named in `locale`. */
const registrationsPath = (member: string, locale: string) =>
  `/api/registrations?${new URLSearchParams({
    'filters[member][documentId][$eq]': member,
    'fields[0]': 'state',
    'fields[1]': 'waitlistPosition',
    'pagination[pageSize]': '100',
    locale,
  })}`;
const groupsPath = (language: string) => `/api/me/reading-groups?${new URLSearchParams({ locale: language })}`;
const FEED_PATH = '/api/me/calendar-feed';

const stateOf = (registration: MyRegistration) => registration.status ?? registration.state ?? 'confirmed';

/** "Tuesday 3 March 2027, 09:00 – 17:00" in the member's own time zone. */
const when = (language: string, workshop: WorkshopRef) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).formatRange(new Date(workshop.startsAt), new Date(workshop.endsAt));

/** An action's result, kept next to the item (announced), or its refusal (alerted). */
type Result = { id: string; text: string; refused: boolean };

const RegistrationItem = ({ registration, onCancelled }: { registration: MyRegistration; onCancelled: (result: Result) => void }) => {
  const { t, language } = useSite();
  const [busy, setBusy] = useState(false);
  const workshop = registration.workshop;
  const state = stateOf(registration);
  const titleId = `registration-${registration.documentId}-title`;
  const past = workshop ? Date.parse(workshop.endsAt) < Date.now() : false;
  const cancel = async () => {
    if (busy || !workshop) return;
    setBusy(true);
    try {
      await cancelRegistration(workshop.documentId);
      onCancelled({ id: registration.documentId, text: t('workshop.done.cancelled'), refused: false });
    } catch (error) {
      onCancelled({ id: registration.documentId, text: refusalText(t, language, error), refused: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="commitment" id={`registration-${registration.documentId}`} data-state={state}>
      <h4 id={titleId}>{workshop ? <a href={documentUrl('workshop', workshop.documentId)!}>{workshop.title}</a> : t('mine.workshopGone')}</h4>
      {workshop && <p class="when">{when(language, workshop)}</p>}
      <p class="state">
        {state === 'waitlisted'
          ? t('mine.state.waitlisted', { position: registration.waitlistPosition ?? '–' })
          : t(state === 'cancelled' ? 'mine.state.cancelled' : past ? 'mine.state.attended' : 'mine.state.confirmed')}
      </p>
      {state !== 'cancelled' && workshop && !past && (
        <p class="actions">
          <button type="button" id={`cancel-${registration.documentId}`} aria-describedby={titleId} aria-disabled={busy} onClick={cancel}>
            {t(state === 'waitlisted' ? 'workshop.leaveWaitlist' : 'workshop.cancel')}
          </button>
        </p>
      )}
    </li>
  );
};

const Workshops = ({ member }: { member: string }) => {
  const { t, language } = useSite();
  const loaded = useApi<{ data: MyRegistration[] }>(registrationsPath(member, language));
  const [result, setResult] = useState<Result | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const done = (next: Result) => {
    setResult(next);
    if (!next.refused) loaded.reload();
    // The cancelled item moves to the cancelled list: the focus goes to the result under the section's heading.
    requestAnimationFrame(() => document.getElementById('workshops-result')?.focus());
  };
  return (
    <section aria-labelledby="workshops-title" class="commitments">
      <h2 id="workshops-title" ref={heading}>
        {t('mine.workshops')}
      </h2>
      <p id="workshops-result" tabIndex={-1} role={result?.refused ? 'alert' : 'status'} class={result?.refused ? 'error' : 'outcome'}>
        {result?.text ?? ''}
      </p>
      <Await loaded={loaded}>
        {(body) => {
          const all = [...body.data].sort((a, b) => Date.parse(a.workshop?.startsAt ?? '') - Date.parse(b.workshop?.startsAt ?? ''));
          const now = Date.now();
          const active = all.filter((one) => stateOf(one) !== 'cancelled');
          const upcoming = active.filter((one) => !one.workshop || Date.parse(one.workshop.endsAt) >= now);
          const past = active.filter((one) => one.workshop && Date.parse(one.workshop.endsAt) < now).reverse();
          const cancelled = all.filter((one) => stateOf(one) === 'cancelled');
          const list = (items: MyRegistration[], id: string) => (
            <ul class="commitment-list" id={id}>
              {items.map((registration) => (
                <RegistrationItem key={registration.documentId} registration={registration} onCancelled={done} />
              ))}
            </ul>
          );
          return (
            <>
              <p class="note">{t('mine.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}</p>
              <h3>{t('mine.upcoming')}</h3>
              {upcoming.length ? list(upcoming, 'upcoming-registrations') : <p id="no-upcoming">{t('mine.noUpcoming')}</p>}
              {past.length > 0 && (
                <details class="older">
                  <summary>{t('mine.past', { count: past.length })}</summary>
                  {list(past, 'past-registrations')}
                </details>
              )}
              {cancelled.length > 0 && (
                <details class="older" id="cancelled-group">
                  <summary>{t('mine.cancelled', { count: cancelled.length })}</summary>
                  {list(cancelled, 'cancelled-registrations')}
                </details>
              )}
            </>
          );
        }}
      </Await>
    </section>
  );
};

const ReadingGroups = () => {
  const { t, language } = useSite();
  const loaded = useApi<{ data: MyGroup[] }>(groupsPath(language));
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const leave = async (group: MyGroup) => {
    if (busy) return;
    setBusy(group.documentId);
    try {
      await leaveGroup(group.documentId);
      setResult({ id: group.documentId, text: `${t('group.done.left')} (${group.name})`, refused: false });
      loaded.reload();
    } catch (error) {
      setResult({ id: group.documentId, text: refusalText(t, language, error), refused: true });
    } finally {
      setBusy(null);
      requestAnimationFrame(() => document.getElementById('groups-result')?.focus());
    }
  };
  return (
    <section aria-labelledby="groups-title" class="commitments">
      <h2 id="groups-title">{t('mine.groups')}</h2>
      <p id="groups-result" tabIndex={-1} role={result?.refused ? 'alert' : 'status'} class={result?.refused ? 'error' : 'outcome'}>
        {result?.text ?? ''}
      </p>
      <Await loaded={loaded}>
        {(body) =>
          body.data.length ? (
            <ul class="commitment-list" id="my-groups">
              {body.data.map((group) => {
                const titleId = `group-${group.documentId}-title`;
                return (
                  <li key={group.documentId} class="commitment" id={`group-${group.documentId}`}>
                    <h3 id={titleId} lang={group.locale}>
                      <a href={documentUrl('reading-group', group.documentId, group.locale)!}>{group.name}</a>
                    </h3>
                    <p class="when">
                      {group.nextSessionAt ? t('mine.nextSession', { date: dateTime(language, group.nextSessionAt) }) : t('mine.noNextSession')}
                    </p>
                    <p class="actions">
                      <button
                        type="button"
                        id={`leave-${group.documentId}`}
                        aria-describedby={titleId}
                        aria-disabled={busy === group.documentId}
                        onClick={() => leave(group)}
                      >
                        {t('group.leave')}
                      </button>
                    </p>
                  </li>
                );
              })}
            </ul>
          ) : (
            <p id="no-groups">{t('mine.noGroups')}</p>
          )
        }
      </Await>
    </section>
  );
};

/** Copies the address; where the clipboard is not available, selects it for the member to copy. */
const copyAddress = async (input: HTMLInputElement) => {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.focus();
    input.select();
    return false;
  }
};

const CalendarFeed = () => {
  const { t, language } = useSite();
  const loaded = useApi<{ data: Feed }>(FEED_PATH);
  // What this visit issued (the URL, shown only now) or revoked wins over what was read.
  const [issued, setIssued] = useState<{ url: string; createdAt: string } | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [refusal, setRefusal] = useState('');
  const [copied, setCopied] = useState('');
  const input = useRef<HTMLInputElement>(null);

  // A 404 is no feed; another failure leaves it unknown, and issuing one still works (it replaces any other).
  const readFailed = loaded.error !== undefined && !(loaded.error instanceof ApiError && loaded.error.status === 404);
  const read: Feed | undefined = loaded.data ? loaded.data.data : loaded.error !== undefined ? null : undefined;
  const feed: Feed | undefined = issued ? { createdAt: issued.createdAt } : revoked ? null : read;
  useEffect(() => setCopied(''), [issued]);

  const act = async (action: () => Promise<string>, focus: string) => {
    if (busy) return;
    setBusy(true);
    setOutcome('');
    setRefusal('');
    try {
      setOutcome(await action());
    } catch (error) {
      setRefusal(error instanceof ApiError ? refusalText(t, language, error) : t('error.generic'));
    } finally {
      setBusy(false);
      requestAnimationFrame(() => document.getElementById(focus)?.focus());
    }
  };
  const issue = (rotating: boolean) =>
    act(async () => {
      const body = await request<{ data: { url: string; createdAt: string } }>(FEED_PATH, { method: 'POST' });
      setIssued(body.data);
      setRevoked(false);
      return t(rotating ? 'feed.rotated' : 'feed.created');
    }, 'feed-url');
  const revoke = () =>
    act(async () => {
      await request(FEED_PATH, { method: 'DELETE' });
      setIssued(null);
      setRevoked(true);
      setConfirming(false);
      return t('feed.revoked');
    }, 'create-feed');

  const webcal = issued ? issued.url.replace(/^https?:\/\//, 'webcal://') : '';
  const unknown = readFailed && !issued && !revoked;
  return (
    <section aria-labelledby="feed-title" class="calendar-feed">
      <h2 id="feed-title">{t('feed.title')}</h2>
      <p>{t('feed.intro')}</p>
      {feed === undefined && !unknown ? null : (
        <p id="feed-state" class="feed-state">
          {unknown ? t('error.generic') : feed ? t('feed.exists', { date: dateTime(language, feed.createdAt) }) : t('feed.none')}
        </p>
      )}
      {issued && (
        <div class="feed-url">
          <p class="field">
            <label for="feed-url">{t('feed.url')}</label>
            <input
              id="feed-url"
              ref={input}
              type="text"
              readOnly
              value={issued.url}
              aria-describedby="feed-once"
              onFocus={(event) => event.currentTarget.select()}
            />
          </p>
          <p id="feed-once" class="note">
            {t('feed.onlyOnce')}
          </p>
          <p class="actions">
            <button
              type="button"
              id="copy-feed"
              onClick={async () => {
                if (input.current) setCopied(t((await copyAddress(input.current)) ? 'feed.copied' : 'feed.copySelect'));
              }}
            >
              {t('feed.copy')}
            </button>{' '}
            <a id="webcal-link" href={webcal}>
              {t('feed.subscribe')}
            </a>
          </p>
          <p id="copy-outcome" role="status">
            {copied}
          </p>
        </div>
      )}
      {feed !== undefined && (
        <div class="feed-actions">
          {feed === null ? (
            <p class="actions">
              <button type="button" id="create-feed" aria-disabled={busy} onClick={() => issue(false)}>
                {t('feed.create')}
              </button>
            </p>
          ) : (
            <>
              <p id="rotate-note" class="note">
                {t('feed.rotateNote')}
              </p>
              <p class="actions">
                <button type="button" id="rotate-feed" aria-describedby="rotate-note" aria-disabled={busy} onClick={() => issue(true)}>
                  {t('feed.rotate')}
                </button>{' '}
                {!confirming && (
                  <button
                    type="button"
                    id="revoke-feed"
                    onClick={() => {
                      setConfirming(true);
                      requestAnimationFrame(() => document.getElementById('revoke-no')?.focus());
                    }}
                  >
                    {t('feed.revoke')}
                  </button>
                )}
              </p>
              {confirming && (
                <div class="confirm" role="group" aria-labelledby="revoke-question">
                  <p id="revoke-question">{t('feed.revokeConfirm')}</p>
                  <p class="actions">
                    <button type="button" id="revoke-yes" aria-disabled={busy} onClick={revoke}>
                      {t('feed.revokeYes')}
                    </button>{' '}
                    <button
                      type="button"
                      id="revoke-no"
                      onClick={() => {
                        setConfirming(false);
                        requestAnimationFrame(() => document.getElementById('revoke-feed')?.focus());
                      }}
                    >
                      {t('feed.revokeNo')}
                    </button>
                  </p>
                </div>
              )}
            </>
          )}
        </div>
      )}
      <p id="feed-outcome" role="status">
        {outcome}
      </p>
      <p id="feed-refusal" class="error" role="alert">
        {refusal}
      </p>
    </section>
  );
};

export const MyCommitmentsPage = () => {
  const { t, session } = useSite();
  // A member without a profile has no registrations or groups: the profile is made first.
  const profile = useApi<{ data: { documentId: string } }>(session ? '/api/members/me' : null);
  const noProfile = profile.error instanceof ApiError && profile.error.status === 404;
  return (
    <Page title={t('mine.title')}>
      <MySpaceNav />
      {!session ? (
        <SignInFirst text="mine.signIn" />
      ) : noProfile ? (
        <NoProfile text="mine.noProfile" />
      ) : (
        <Await loaded={profile}>
          {(body) => (
            <div class="my-commitments">
              <Workshops member={body.data.documentId} />
              <ReadingGroups />
              <CalendarFeed />
            </div>
          )}
        </Await>
      )}
    </Page>
  );
};
