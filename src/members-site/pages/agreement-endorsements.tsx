import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { MessageKey } from '../i18n';
import { useSite } from '../site';
import { endorse, type Version } from './agreement-api';
import { formatDate } from './agreement-status';

/** Why the API refused an endorsement, in the member's words. */
const refusal = (error: unknown): MessageKey => {
  if (!(error instanceof ApiError)) return 'error.generic';
  if (error.status === 409) return 'agreement.endorse.error.conflict';
  if (error.status === 403 || error.status === 401) return 'agreement.endorse.error.forbidden';
  if (error.status === 400) return 'agreement.endorse.error.statement';
  return 'error.generic';
};

/** The representative's form: an optional statement, endorsed in the organisation's name. */
const EndorseForm = ({ version, organisation, onEndorsed }: { version: Version; organisation: string; onEndorsed: () => void }) => {
  const { t } = useSite();
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      id="endorse-form"
      class="agreement-endorse"
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        const statement = String(new FormData(event.currentTarget).get('statement') ?? '').trim();
        setBusy(true);
        setFailure(null);
        try {
          await endorse(version.versionNumber, statement);
          onEndorsed();
        } catch (error) {
          setFailure(refusal(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      <p class="field">
        <label for="endorse-statement">{t('agreement.endorse.statement')}</label>
        <textarea id="endorse-statement" name="statement" rows={3} maxLength={2000} />
      </p>
      <button id="endorse-button" type="submit">
        {t('agreement.endorse.submit', { organisation })}
      </button>
      <p id="endorse-error" class="error" role="alert">
        {failure ? t(failure) : ''}
      </p>
    </form>
  );
};

/**
 * The organisations that endorsed the version. A representative of an organisation that has not
 * endorsed it yet can, while the version is in consultation or adopted (as the API allows).
 */
export const Endorsements = ({ version, onEndorsed }: { version: Version; onEndorsed: () => void }) => {
  const { t, language } = useSite();
  const organisation = version.representedOrganisation;
  const [justEndorsed, setJustEndorsed] = useState(false);
  const confirmation = useRef<HTMLParagraphElement>(null);
  const endorsed = organisation && version.endorsements.some((endorsement) => endorsement.organisation.slug === organisation.slug);
  const endorsable = version.status === 'consultation' || version.status === 'adopted';
  // Once the reloaded version lists the endorsement, the confirmation that replaces the form takes the focus.
  useEffect(() => {
    if (justEndorsed && endorsed) confirmation.current?.focus();
  }, [justEndorsed, endorsed]);
  return (
    <section id="endorsements" aria-labelledby="endorsements-title">
      <h2 id="endorsements-title">{t('agreement.endorsements.title')}</h2>
      <p>{t('agreement.endorsements.count', { count: version.endorsements.length })}</p>
      {organisation && endorsable && !endorsed && (
        <EndorseForm
          version={version}
          organisation={organisation.name}
          onEndorsed={() => {
            setJustEndorsed(true);
            onEndorsed();
          }}
        />
      )}
      <p id="endorse-status" class="agreement-result" role="status" tabIndex={-1} ref={confirmation}>
        {organisation && endorsed ? t(justEndorsed ? 'agreement.endorse.done' : 'agreement.endorse.already', { organisation: organisation.name }) : ''}
      </p>
      {version.endorsements.length > 0 && (
        <ul id="endorsement-list" class="agreement-endorsements">
          {version.endorsements.map((endorsement) => (
            <li key={endorsement.organisation.slug} data-organisation={endorsement.organisation.slug}>
              <strong>{endorsement.organisation.name}</strong>{' '}
              <span class="agreement-date">{t('agreement.endorsements.on', { date: formatDate(endorsement.endorsedAt, language) })}</span>
              {endorsement.statement && <blockquote>{endorsement.statement}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
