import { useSite } from '../site';
import type { VersionStatus, VersionSummary } from './agreement-api';

/** A day in the interface language ("7 December 2026", "7. Dezember 2026"). */
export const formatDate = (iso: string, language: string) => new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));

/**
 * A language's name as it reads inside a sentence of the interface language ("italiano" in Italian,
 * "Italienisch" in German), unlike the language picker's names, which start with a capital.
 */
export const languageInSentence = (code: string, language: string) => {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** A version's status in words (never by colour alone). */
export const StatusBadge = ({ status }: { status: VersionStatus }) => {
  const { t } = useSite();
  return (
    <span class={`badge agreement-status status-${status}`} data-status={status}>
      {t(`agreement.status.${status}`)}
    </span>
  );
};

/** The dates that matter for a version's status: its consultation window, or when it was adopted. */
export const VersionDates = ({ version }: { version: Pick<VersionSummary, 'status' | 'consultation' | 'adoptedAt'> }) => {
  const { t, language } = useSite();
  const { opensAt, closesAt } = version.consultation;
  if (version.adoptedAt) return <span>{t('agreement.adoptedOn', { date: formatDate(version.adoptedAt, language) })}</span>;
  if (opensAt && closesAt)
    return <span>{t('agreement.consultationDates', { opens: formatDate(opensAt, language), closes: formatDate(closesAt, language) })}</span>;
  return null;
};
