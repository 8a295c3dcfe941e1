import { useLocation, useRoute } from 'preact-iso/router';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Await, Page } from '../components';
import { useApi } from '../hooks';
import { joinGroup, leaveGroup, participantsPath, readingGroupPath, type PersonRef, type ReadingGroup, type ReadingSession } from '../participation-api';
import { dateTime, People, placesText, Resources, TakingPart, useMemberAction, useOwnProfileId } from '../participation';
import { useSite } from '../site';

const ACTION_ID = 'participation-action';

/**
 * Whether the member takes part: the participants list answers a participant (and names them) or
 * a facilitator, and refuses (403) everyone else. Undefined while unknown.
 */
const useTakesPart = (group: string) => {
  const profileId = useOwnProfileId();
  const participants = useApi<{ data: PersonRef[] }>(profileId ? participantsPath(group) : null);
  if (profileId === null) return false;
  if (participants.data && !participants.loading) return participants.data.data.some((person) => person.documentId === profileId);
  if (participants.error instanceof ApiError && participants.error.status === 403) return false;
  return undefined;
};

const Participation = ({ group, onPlaces }: { group: ReadingGroup; onPlaces: (places: NonNullable<ReadingGroup['places']>) => void }) => {
  const { t, session } = useSite();
  const read = useTakesPart(group.documentId);
  // What the last action answered wins over what was read before it; a new sign-in reads again.
  const [answered, setAnswered] = useState<boolean | undefined>(undefined);
  useEffect(() => setAnswered(undefined), [session?.jwt]);
  const takesPart = answered ?? read;
  const { busy, outcome, refusal, run } = useMemberAction(ACTION_ID);

  const act = () =>
    run(async () => {
      if (takesPart) {
        const { data } = await leaveGroup(group.documentId);
        setAnswered(false);
        onPlaces(data.places);
        return (t) => `${t('group.done.left')} ${placesText(t, data.places)}`;
      }
      const { data, meta } = await joinGroup(group.documentId);
      setAnswered(true);
      onPlaces(data.places);
      return (t) => `${t(meta.joined ? 'group.done.joined' : 'group.done.already')} ${placesText(t, data.places)}`;
    });

  return (
    <TakingPart
      title={t('group.participation')}
      signInPrompt={t('group.signIn')}
      state={takesPart === undefined ? null : t(takesPart ? 'group.state.participant' : 'group.state.none')}
      outcome={outcome}
      refusal={refusal}
      action={
        takesPart === undefined ? null : (
          <button id={ACTION_ID} type="button" aria-disabled={busy} onClick={act}>
            {t(takesPart ? 'group.leave' : 'group.join')}
          </button>
        )
      }
    />
  );
};

const Session = ({ session, locale }: { session: ReadingSession; locale: string }) => {
  const { t, language } = useSite();
  const when = dateTime(language, session.startsAt);
  return (
    <li class="session">
      <h3 lang={session.title ? locale : undefined}>{session.title ?? when}</h3>
      {session.title && <p class="session-time">{when}</p>}
      {session.notes && <p lang={locale}>{session.notes}</p>}
      {session.readings.length > 0 ? (
        <>
          <h4>{t('group.readings')}</h4>
          <Resources resources={session.readings} />
        </>
      ) : (
        <p class="note">{t('group.noReadings')}</p>
      )}
    </li>
  );
};

const GroupDetails = ({ group }: { group: ReadingGroup }) => {
  const { t } = useSite();
  const [places, setPlaces] = useState(group.places);
  // Read again (after a sign-in): the API's count is the newest.
  useEffect(() => setPlaces(group.places), [group]);
  const sessions = [...group.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return (
    <Page title={group.name} lang={group.locale}>
      <div class="participation-page">
        <dl class="facts">
          <dt>{t('group.status')}</dt>
          <dd>{t(`groupStatus.${group.groupStatus}`)}</dd>
          <dt>{t('participation.places')}</dt>
          <dd id="places">{places ? placesText(t, places) : '–'}</dd>
        </dl>
        {group.description && (
          <p class="description" lang={group.locale}>
            {group.description}
          </p>
        )}
        <Participation group={group} onPlaces={setPlaces} />
        {group.facilitators.length > 0 && (
          <section aria-labelledby="facilitators-title">
            <h2 id="facilitators-title">{t('participation.facilitators')}</h2>
            <People people={group.facilitators} />
          </section>
        )}
        <section aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t('group.sessions')}</h2>
          {sessions.length > 0 ? (
            <ol class="sessions">
              {sessions.map((session) => (
                <Session key={session.id} session={session} locale={group.locale} />
              ))}
            </ol>
          ) : (
            <p>{t('group.noSessions')}</p>
          )}
        </section>
      </div>
    </Page>
  );
};

export const ReadingGroupPage = () => {
  const { params } = useRoute();
  const { query } = useLocation();
  const loaded = useApi<{ data: ReadingGroup }>(readingGroupPath(params.id, query.locale));
  return <Await loaded={loaded}>{(body) => <GroupDetails key={`${body.data.documentId}-${body.data.locale}`} group={body.data} />}</Await>;
};
