import { Await, Page } from '../components';
import { useApi } from '../hooks';
import { useSite } from '../site';
import { agreementUrl } from '../urls';
import { paths, type Diff, type HistoryEntry, type SectionChange, type WordChange } from './agreement-api';
import { CompareForm } from './agreement-compare';
import { languageInSentence } from './agreement-status';

type Side = 'from' | 'to';

/**
 * A run of words as one side shows it: the older side keeps deletions, the newer insertions.
 * Changes are <del>/<ins> with a hidden word at each end, so they read without colour and with a screen reader.
 */
const Words = ({ parts, side }: { parts: WordChange[]; side: Side }) => {
  const { t } = useSite();
  return (
    <>
      {parts.map((part, index) => {
        if (part.type === 'equal') return part.text;
        if (part.type === 'insert' && side === 'to')
          return (
            <ins key={index}>
              <span class="visually-hidden">{`[${t('agreement.diff.insertion')}] `}</span>
              {part.text}
              <span class="visually-hidden">{` [${t('agreement.diff.insertionEnd')}]`}</span>
            </ins>
          );
        if (part.type === 'delete' && side === 'from')
          return (
            <del key={index}>
              <span class="visually-hidden">{`[${t('agreement.diff.deletion')}] `}</span>
              {part.text}
              <span class="visually-hidden">{` [${t('agreement.diff.deletionEnd')}]`}</span>
            </del>
          );
        return null;
      })}
    </>
  );
};

/** Whether word parts hold any change (the API gives a changed section's unchanged heading as equal parts). */
const hasChanges = (parts: WordChange[]) => parts.some((part) => part.type !== 'equal');

/** A whole text that is only on one side: all inserted, or all deleted. */
const whole = (text: string, side: Side): WordChange[] => [{ type: side === 'to' ? 'insert' : 'delete', text }];

/** The older and the newer text next to each other (one above the other on a phone), each under its version's name. */
const SideBySide = ({ diff, from, to }: { diff: Diff; from: WordChange[] | null; to: WordChange[] | null }) => {
  const { t } = useSite();
  const column = (side: Side, parts: WordChange[] | null) => (
    <div class={`agreement-diff-side diff-${side}`} data-side={side}>
      <p class="agreement-diff-label">{t('agreement.version', { number: diff[side].versionNumber })}</p>
      {parts ? (
        <p class="agreement-diff-text" lang={diff.locale}>
          <Words parts={parts} side={side} />
        </p>
      ) : (
        <p class="agreement-diff-absent">{t('agreement.diff.absent')}</p>
      )}
    </div>
  );
  return (
    <div class="agreement-diff-columns">
      {column('from', from)}
      {column('to', to)}
    </div>
  );
};

const SectionDiff = ({ diff, section }: { diff: Diff; section: SectionChange }) => {
  const { t } = useSite();
  const shown = section.to ?? section.from!;
  const textOf = (side: Side): WordChange[] | null => {
    const text = section[side]?.text;
    if (text === undefined) return null;
    if (section.change === 'changed') return section.text;
    return section.change === 'unchanged' ? [{ type: 'equal', text }] : whole(text, side);
  };
  return (
    <section class="agreement-diff-section" data-section={section.key} data-change={section.change} aria-labelledby={`diff-heading-${section.key}`}>
      <h2 id={`diff-heading-${section.key}`} lang={diff.locale}>
        {`${shown.position}. ${shown.heading}`}
      </h2>
      <p class="badges">
        <span class={`badge diff-change change-${section.change}`}>{t(`agreement.diff.change.${section.change}`)}</span>
        {section.moved && (
          <span class="badge diff-change change-moved">{t('agreement.diff.moved', { from: section.from!.position, to: section.to!.position })}</span>
        )}
      </p>
      {hasChanges(section.heading) && (
        <>
          <h3 class="agreement-diff-part">{t('agreement.diff.headingChanged')}</h3>
          <SideBySide diff={diff} from={section.heading} to={section.heading} />
        </>
      )}
      {section.change === 'unchanged' ? (
        <details class="agreement-diff-unchanged">
          <summary>{t('agreement.diff.showText')}</summary>
          <p class="agreement-diff-text" lang={diff.locale}>
            {shown.text}
          </p>
        </details>
      ) : (
        <SideBySide diff={diff} from={textOf('from')} to={textOf('to')} />
      )}
    </section>
  );
};

const SUMMARY_KEYS = ['added', 'removed', 'changed', 'moved', 'unchanged'] as const;

/** The changes from version `from` to version `to`, section by section and word by word, as the API computes them. */
export const DiffView = ({ from, to, locale, versions }: { from: number; to: number; locale: string; versions: HistoryEntry[] }) => {
  const { t, language } = useSite();
  const loaded = useApi<{ data: Diff }>(paths.diff(from, to, locale));
  return (
    <Page title={t('agreement.diff.title', { from, to })}>
      <p>
        <a href={agreementUrl({ version: to })}>{t('agreement.diff.back', { number: to })}</a>
      </p>
      <CompareForm versions={versions} from={from} to={to} />
      <Await loaded={loaded}>
        {({ data: diff }) => (
          <div id="diff" class="agreement-diff">
            {diff.locale !== diff.from.requestedLocale && (
              <p id="agreement-fallback" class="notice" role="note">
                {t('agreement.diff.fallback', { language: languageInSentence(diff.from.requestedLocale, language) })}
              </p>
            )}
            <ul id="diff-summary" class="agreement-diff-summary" aria-label={t('agreement.diff.summary')}>
              {SUMMARY_KEYS.map((key) => (
                <li key={key}>{t(`agreement.diff.summary.${key}`, { count: diff.summary[key] })}</li>
              ))}
            </ul>
            {hasChanges(diff.title) && (
              <section class="agreement-diff-section" data-change="changed" aria-labelledby="diff-title">
                <h2 id="diff-title">{t('agreement.diff.titleChanged')}</h2>
                <SideBySide diff={diff} from={diff.title} to={diff.title} />
              </section>
            )}
            {hasChanges(diff.preamble) && (
              <section class="agreement-diff-section" data-change="changed" aria-labelledby="diff-preamble">
                <h2 id="diff-preamble">{t('agreement.diff.preambleChanged')}</h2>
                <SideBySide diff={diff} from={diff.preamble} to={diff.preamble} />
              </section>
            )}
            {diff.sections.map((section) => (
              <SectionDiff key={section.key} diff={diff} section={section} />
            ))}
          </div>
        )}
      </Await>
    </Page>
  );
};
