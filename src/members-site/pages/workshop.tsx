import { useLocation, useRoute } from 'preact-iso/router';
import { useEffect, useState } from 'preact/hooks';
import { Await, Page } from '../components';
import { useApi } from '../hooks';
import { languageName, type Translate } from '../i18n';
import { Markdown } from '../markdown';
import {
  cancelRegistration,
  ownRegistrationPath,
  register,
  workshopCalendarFile,
  workshopPath,
  type Registration,
  type Workshop,
  type WorkshopPlaces,
} from '../participation-api';
import { dateTime, People, placesText, Resources, TakingPart, useMemberAction, useOwnProfileId } from '../participation';
import { useSite } from '../site';

type OwnRegistration = Pick<Registration, 'status' | 'waitlistPosition'> | null;

const ACTION_ID = 'registration-action';
const CALENDAR_ID = 'add-to-calendar';

const stateText = (t: Translate, registration: OwnRegistration) => {
  if (!registration || registration.status === 'cancelled') return t('workshop.state.none');
  return registration.status === 'confirmed'
    ? t('workshop.state.confirmed')
    : t('workshop.state.waitlisted', { position: registration.waitlistPosition ?? '' });
};

/** Start to end in one time zone: the same day is written once where the language's format allows. */
const timeRange = (language: string, workshop: Workshop, timeZone: string) => {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const zoneName = new Intl.DateTimeFormat(language, { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(workshop.startsAt))
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${format.formatRange(new Date(workshop.startsAt), new Date(workshop.endsAt))} (${zoneName ?? timeZone})`;
};

const placeOf = (language: string, workshop: Workshop) => {
  const country = workshop.country ? new Intl.DisplayNames([language], { type: 'region' }).of(workshop.country) : null;
  return [workshop.venue, workshop.city, country].filter(Boolean).join(', ');
};

const languageList = (language: string, codes: string[] | null) =>
  new Intl.ListFormat(language, { type: 'conjunction' }).format((codes ?? []).map((code) => languageName(code, language)));

/** Saves the workshop's calendar file (one event) through a link to it in memory. */
const AddToCalendar = ({ workshop }: { workshop: Workshop }) => {
  const { t } = useSite();
  const { busy, outcome, refusal, run } = useMemberAction(CALENDAR_ID);
  return (
    <div class="add-to-calendar">
      <button
        id={CALENDAR_ID}
        type="button"
        aria-disabled={busy}
        onClick={() =>
          run(async () => {
            const url = URL.createObjectURL(await workshopCalendarFile(workshop.documentId, workshop.locale));
            const link = Object.assign(document.createElement('a'), { href: url, download: `${workshop.title.slice(0, 80)}.ics` });
            link.click();
            setTimeout(() => URL.revokeObjectURL(url), 60_000);
            return (t) => t('workshop.calendar.saved');
          })
        }
      >
        {t('workshop.calendar')}
      </button>
      <p id="calendar-outcome" role="status">
        {outcome}
      </p>
      <p class="error" role="alert">
        {refusal}
      </p>
    </div>
  );
};

const RegistrationWindow = ({ workshop }: { workshop: Workshop }) => {
  const { t, language } = useSite();
  const now = Date.now();
  const closes = workshop.registrationClosesAt ?? workshop.startsAt;
  if (workshop.registrationOpensAt && Date.parse(workshop.registrationOpensAt) > now)
    return <p>{t('workshop.window.opens', { date: dateTime(language, workshop.registrationOpensAt) })}</p>;
  if (Date.parse(closes) > now) return <p>{t('workshop.window.closes', { date: dateTime(language, closes) })}</p>;
  return <p>{t('workshop.window.closed')}</p>;
};

const Registering = ({ workshop, onPlaces }: { workshop: Workshop; onPlaces: (places: WorkshopPlaces) => void }) => {
  const { t, session } = useSite();
  const profileId = useOwnProfileId();
  const own = useApi<{ data: Array<{ state: Registration['status']; waitlistPosition: number | null }> }>(
    profileId ? ownRegistrationPath(workshop.documentId, profileId) : null,
  );
  // What the last action answered wins over what was read before it; a new sign-in reads again.
  const [answered, setAnswered] = useState<OwnRegistration | undefined>(undefined);
  useEffect(() => setAnswered(undefined), [session?.jwt]);
  const { busy, outcome, refusal, run } = useMemberAction(ACTION_ID);

  const read = own.data?.data[0];
  const registration: OwnRegistration | undefined =
    answered !== undefined
      ? answered
      : read
        ? { status: read.state, waitlistPosition: read.waitlistPosition }
        : profileId === null || own.data
          ? null
          : undefined;
  const active = registration && registration.status !== 'cancelled';
  const full = (workshop.places?.left ?? 1) === 0;

  const act = () =>
    run(async () => {
      if (active) {
        const { data } = await cancelRegistration(workshop.documentId);
        setAnswered(data);
        onPlaces(data.places);
        return (t) => `${t('workshop.done.cancelled')} ${placesText(t, data.places)}`;
      }
      const { data, meta } = await register(workshop.documentId);
      setAnswered(data);
      onPlaces(data.places);
      return (t) => `${meta.created ? '' : `${t('workshop.done.already')} `}${stateText(t, data)} ${placesText(t, data.places)}`;
    });

  return (
    <TakingPart
      title={t('workshop.registration')}
      signInPrompt={t('workshop.signIn')}
      state={registration === undefined ? null : stateText(t, registration)}
      outcome={outcome}
      refusal={refusal}
      action={
        registration === undefined ? null : (
          <button id={ACTION_ID} type="button" aria-disabled={busy} onClick={act}>
            {active
              ? t(registration.status === 'waitlisted' ? 'workshop.leaveWaitlist' : 'workshop.cancel')
              : t(full ? 'workshop.joinWaitlist' : 'workshop.register')}
          </button>
        )
      }
    >
      <RegistrationWindow workshop={workshop} />
    </TakingPart>
  );
};

const WorkshopDetails = ({ workshop }: { workshop: Workshop }) => {
  const { t, language } = useSite();
  const [places, setPlaces] = useState(workshop.places);
  // Read again (after a sign-in): the API's count is the newest.
  useEffect(() => setPlaces(workshop.places), [workshop]);
  const yourZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Page title={workshop.title} lang={workshop.locale}>
      <div class="participation-page">
        <dl class="facts">
          <dt>{t('workshop.timeYours')}</dt>
          <dd id="time-yours">{timeRange(language, workshop, yourZone)}</dd>
          {yourZone !== workshop.timeZone && (
            <>
              <dt>{t('workshop.timeTheirs')}</dt>
              <dd id="time-theirs">{timeRange(language, workshop, workshop.timeZone)}</dd>
            </>
          )}
          <dt>{t('workshop.format')}</dt>
          <dd>{t(`format.${workshop.format}`)}</dd>
          <dt>{t('workshop.where')}</dt>
          <dd lang={workshop.isOnline ? workshop.locale : undefined}>
            {workshop.isOnline ? workshop.onlineNote || t('workshop.online') : placeOf(language, workshop)}
          </dd>
          {(workshop.languages?.length ?? 0) > 0 && (
            <>
              <dt>{t('workshop.languages')}</dt>
              <dd>{languageList(language, workshop.languages)}</dd>
            </>
          )}
          <dt>{t('workshop.interpretation')}</dt>
          <dd>{workshop.interpretation?.length ? languageList(language, workshop.interpretation) : t('workshop.noInterpretation')}</dd>
          <dt>{t('participation.places')}</dt>
          <dd id="places">{places ? placesText(t, places) : '–'}</dd>
        </dl>

        <Registering workshop={{ ...workshop, places }} onPlaces={setPlaces} />
        <AddToCalendar workshop={workshop} />

        {workshop.description && (
          <section aria-labelledby="about-title" lang={workshop.locale}>
            <h2 id="about-title" lang={language}>
              {t('workshop.about')}
            </h2>
            <Markdown text={workshop.description} lang={workshop.locale} />
          </section>
        )}
        {workshop.facilitators.length > 0 && (
          <section aria-labelledby="facilitators-title">
            <h2 id="facilitators-title">{t('participation.facilitators')}</h2>
            <People people={workshop.facilitators} />
          </section>
        )}
        {workshop.skillsTaught.length > 0 && (
          <section aria-labelledby="skills-title">
            <h2 id="skills-title">{t('workshop.skills')}</h2>
            <ul class="skills" lang={workshop.locale}>
              {workshop.skillsTaught.map((skill) => (
                <li key={skill.documentId}>{skill.name}</li>
              ))}
            </ul>
          </section>
        )}
        {workshop.materials.length > 0 && (
          <section aria-labelledby="materials-title">
            <h2 id="materials-title">{t('workshop.materials')}</h2>
            <Resources resources={workshop.materials} />
          </section>
        )}
      </div>
    </Page>
  );
};

export const WorkshopPage = () => {
  const { params } = useRoute();
  const { query } = useLocation();
  const loaded = useApi<{ data: Workshop }>(workshopPath(params.id, query.locale));
  // A new workshop (or language) starts from its own places, not the ones of the page before.
  return <Await loaded={loaded}>{(body) => <WorkshopDetails key={`${body.data.documentId}-${body.data.locale}`} workshop={body.data} />}</Await>;
};
