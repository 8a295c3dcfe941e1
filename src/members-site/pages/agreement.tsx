import { useLocation } from 'preact-iso/router';
import { useMemo, useRef } from 'preact/hooks';
import { Await, markNavigation } from '../components';
import { useApi } from '../hooks';
import { isUiLanguage, type UiLanguage } from '../i18n';
import { useSite } from '../site';
import { paths, type HistoryEntry } from './agreement-api';
import { DiffView } from './agreement-diff';
import { VersionView } from './agreement-version';

/** A version number from the URL: a positive whole number, or nothing (a mangled link shows the current version). */
const versionNumber = (value: string | undefined) => (value && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null);

/**
 * What the page shows, from its URL (urls.ts `agreementUrl`): `?version=3` one version (else the
 * current, adopted one), `&compare=2` the changes from version 2 to it, `&locale=en` the text in
 * another language than the interface's (the link to the canonical English text).
 */
const readQuery = (query: Record<string, string>, language: UiLanguage) => ({
  version: versionNumber(query.version),
  compare: versionNumber(query.compare),
  locale: isUiLanguage(query.locale) ? query.locale : language,
});

/** The Community Agreement: a version in the member's language, its endorsements, the versions, and diffs between them. */
export const AgreementPage = () => {
  const { language } = useSite();
  const { url, query } = useLocation();
  const shown = useMemo(() => readQuery(query, language), [url, language]);
  const history = useApi<{ data: HistoryEntry[] }>(paths.history);

  // Links within the page change only the query: the new view's heading takes the focus as after a move between pages.
  const lastUrl = useRef(url);
  if (lastUrl.current !== url) {
    lastUrl.current = url;
    markNavigation();
  }

  return (
    <Await loaded={history}>
      {({ data: versions }) => {
        const current = versions.find((entry) => entry.status === 'adopted')?.versionNumber ?? null;
        const version = shown.version ?? current;
        if (shown.compare !== null && version !== null)
          return <DiffView key={url} from={shown.compare} to={version} locale={shown.locale} versions={versions} />;
        return <VersionView key={url} number={shown.version} locale={shown.locale} versions={versions} />;
      }}
    </Await>
  );
};
