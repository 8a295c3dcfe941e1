import { Await, Page, SignInButton } from '../components';
import { useApi } from '../hooks';
import { Markdown } from '../markdown';
import { useSite } from '../site';
import { agreementUrl } from '../urls';
import { paths, type HistoryEntry, type Version } from './agreement-api';
import { CompareForm } from './agreement-compare';
import { formatDate, languageInSentence, StatusBadge, VersionDates } from './agreement-status';
import { Endorsements } from './agreement-endorsements';
import { SuggestionForm } from './agreement-suggestion';
import { VersionList } from './agreement-versions';

/** Whether suggestions are taken now: a version in consultation, inside its window (the API checks the same). */
const consultationOpen = (version: Version, now = Date.now()) => {
  const { opensAt, closesAt } = version.consultation;
  return version.status === 'consultation' && opensAt !== null && closesAt !== null && now >= Date.parse(opensAt) && now <= Date.parse(closesAt);
};

/**
 * Where the text comes from: a missing translation (English instead), or a translation of the
 * canonical English text; and, for the English text asked for by link, the way back to the member's language.
 */
const LanguageNotes = ({ version }: { version: Version }) => {
  const { t, language } = useSite();
  return (
    <>
      {version.fallback && (
        <p id="agreement-fallback" class="notice" role="note">
          {t('agreement.fallback', { language: languageInSentence(version.requestedLocale, language) })}
        </p>
      )}
      {version.translation && (
        <p id="agreement-translation" class="agreement-note">
          {t('agreement.translation')}{' '}
          <a href={agreementUrl({ version: version.versionNumber, locale: 'en' })} hrefLang="en">
            {t('agreement.readEnglish')}
          </a>
        </p>
      )}
      {version.requestedLocale !== language && (
        <p>
          <a href={agreementUrl({ version: version.versionNumber })} hrefLang={language}>
            {t('agreement.readInLanguage', { language: languageInSentence(language, language) })}
          </a>
        </p>
      )}
    </>
  );
};

/** The consultation's window, and for the public the way to take part. */
const Consultation = ({ version }: { version: Version }) => {
  const { t, language, session } = useSite();
  const { opensAt, closesAt } = version.consultation;
  const open = consultationOpen(version);
  return (
    <section id="consultation" class="agreement-consultation" aria-labelledby="consultation-title">
      <h2 id="consultation-title">{t('agreement.consultation.title')}</h2>
      {opensAt && closesAt && (
        <p id="consultation-window">
          {t(open ? 'agreement.consultation.open' : Date.now() < Date.parse(opensAt) ? 'agreement.consultation.notYet' : 'agreement.consultation.closed', {
            opens: formatDate(opensAt, language),
            closes: formatDate(closesAt, language),
          })}
        </p>
      )}
      {open &&
        (session ? (
          <p>{t('agreement.consultation.howTo')}</p>
        ) : (
          <div id="suggest-sign-in" class="notice">
            <p>{t('agreement.consultation.signIn')}</p>
            <SignInButton />
          </div>
        ))}
    </section>
  );
};

/** The text, with a suggestion form under each section for members while the consultation (closing at `closesAt`) is open. */
const VersionText = ({ version, closesAt }: { version: Version; closesAt: string | null }) => {
  const { session } = useSite();
  return (
    <div id="agreement-text">
      <Markdown text={version.preamble} lang={version.locale} />
      {version.sections.map((section, index) => (
        <section key={section.key} id={`section-${section.key}`} class="agreement-section" aria-labelledby={`heading-${section.key}`}>
          <h2 id={`heading-${section.key}`} lang={version.locale}>
            {`${index + 1}. ${section.heading}`}
          </h2>
          <Markdown text={section.text} lang={version.locale} />
          {closesAt && session && <SuggestionForm versionNumber={version.versionNumber} section={section} closesAt={closesAt} />}
        </section>
      ))}
    </div>
  );
};

/** One version of the agreement (the current one when `number` is null) in `locale`, or in English where it is not translated. */
export const VersionView = ({ number, locale, versions }: { number: number | null; locale: string; versions: HistoryEntry[] }) => {
  const { t } = useSite();
  const loaded = useApi<{ data: Version }>(number === null ? paths.current(locale) : paths.version(number, locale));
  return (
    <Await loaded={loaded}>
      {({ data: version }) => (
        <Page title={version.title} lang={version.locale}>
          <p class="agreement-meta" id="agreement-meta">
            <span>{t('agreement.version', { number: version.versionNumber })}</span> <StatusBadge status={version.status} /> <VersionDates version={version} />
          </p>
          <LanguageNotes version={version} />
          {version.changeSummary && (
            <p class="agreement-summary" lang="en">
              {version.changeSummary}
            </p>
          )}
          {version.status === 'consultation' && <Consultation version={version} />}
          <VersionText version={version} closesAt={consultationOpen(version) ? version.consultation.closesAt : null} />
          <Endorsements version={version} onEndorsed={loaded.reload} />
          <section id="versions" aria-labelledby="versions-title">
            <h2 id="versions-title">{t('agreement.versions.title')}</h2>
            <VersionList versions={versions} shown={version.versionNumber} />
          </section>
          <CompareForm versions={versions} to={version.versionNumber} />
        </Page>
      )}
    </Await>
  );
};
