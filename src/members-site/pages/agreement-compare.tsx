import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import { useSite } from '../site';
import { agreementUrl } from '../urls';
import type { HistoryEntry } from './agreement-api';

/**
 * Two labelled version pickers; comparing opens the diff's own URL (`?version=to&compare=from`).
 * Without a `from`, the version before `to` is proposed.
 */
export const CompareForm = ({ versions, from, to }: { versions: HistoryEntry[]; from?: number; to: number }) => {
  const { t } = useSite();
  const { route } = useLocation();
  const [sameVersion, setSameVersion] = useState(false);
  if (versions.length < 2) return null;
  const earlier = from ?? versions.find((entry) => entry.versionNumber < to)?.versionNumber ?? versions[versions.length - 1].versionNumber;
  const picker = (id: string, name: string, label: string, value: number) => (
    <p class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-invalid={sameVersion && name === 'to' ? 'true' : undefined}
        aria-describedby={sameVersion && name === 'to' ? 'compare-error' : undefined}
        onChange={() => setSameVersion(false)}
      >
        {versions.map((entry) => (
          <option key={entry.versionNumber} value={entry.versionNumber}>
            {`${t('agreement.version', { number: entry.versionNumber })} · ${t(`agreement.status.${entry.status}`)}`}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <section class="agreement-compare" aria-labelledby="compare-title">
      <h2 id="compare-title">{t('agreement.compare.title')}</h2>
      <form
        id="compare-form"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const [chosenFrom, chosenTo] = [Number(data.get('from')), Number(data.get('to'))];
          if (chosenFrom === chosenTo) return setSameVersion(true);
          route(agreementUrl({ version: chosenTo, compare: chosenFrom }));
        }}
      >
        <div class="agreement-compare-fields">
          {picker('compare-from', 'from', t('agreement.compare.from'), earlier)}
          {picker('compare-to', 'to', t('agreement.compare.to'), to)}
          <button type="submit">{t('agreement.compare.submit')}</button>
        </div>
        <p id="compare-error" class="error" role="alert">
          {sameVersion ? t('agreement.compare.sameVersion') : ''}
        </p>
      </form>
    </section>
  );
};
