import { useSite } from '../site';
import { agreementUrl } from '../urls';
import type { HistoryEntry } from './agreement-api';
import { StatusBadge, VersionDates } from './agreement-status';

/** Every version past draft, newest first: a list rather than a table, so that it fits a phone. */
export const VersionList = ({ versions, shown }: { versions: HistoryEntry[]; shown: number }) => {
  const { t } = useSite();
  return (
    <ol id="version-list" class="agreement-versions">
      {versions.map((entry) => (
        <li key={entry.versionNumber} data-version={entry.versionNumber}>
          <a href={agreementUrl({ version: entry.versionNumber })} aria-current={entry.versionNumber === shown ? 'page' : undefined}>
            {t('agreement.version', { number: entry.versionNumber })}
          </a>{' '}
          <StatusBadge status={entry.status} /> <VersionDates version={entry} />{' '}
          <span class="agreement-endorsement-count">{t('agreement.endorsements.count', { count: entry.endorsementCount })}</span>
          {entry.changeSummary && (
            <p class="agreement-summary" lang="en">
              {entry.changeSummary}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
};
