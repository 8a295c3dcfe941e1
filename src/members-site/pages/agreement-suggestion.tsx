import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import type { MessageKey } from '../i18n';
import { useSite } from '../site';
import { suggest, type Section, type SuggestionKind } from './agreement-api';
import { formatDate } from './agreement-status';

const KINDS: SuggestionKind[] = ['replace', 'add', 'remove'];
/** As long as the API accepts (src/api/agreement-version/services/agreement.ts). */
const MAX_TEXT = 5000;

type Field = 'proposedText' | 'rationale';
type Outcome = { sent: true } | { field: Field; message: MessageKey } | { message: MessageKey };

/** What a refusal means for the member: the field the API names, or the whole suggestion. */
const outcomeOf = (error: unknown): Outcome => {
  if (!(error instanceof ApiError)) return { message: 'error.generic' };
  if (error.status === 400 && error.parameter === 'proposedText') return { field: 'proposedText', message: 'agreement.suggest.error.proposedText' };
  if (error.status === 400 && error.parameter === 'rationale') return { field: 'rationale', message: 'agreement.suggest.error.rationale' };
  if (error.status === 409) return { message: 'agreement.suggest.error.closed' };
  if (error.status === 403) return { message: 'agreement.suggest.error.noProfile' };
  return { message: 'error.generic' };
};

/**
 * A member's suggestion on one section, as the API takes it: the kind of change, the proposed text
 * and the rationale. The browser does not validate: the API's answer is shown next to the field it names.
 */
export const SuggestionForm = ({ versionNumber, section, closesAt }: { versionNumber: number; section: Section; closesAt: string }) => {
  const { t, language } = useSite();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `suggest-${section.key}-${name}`;
  const fieldError = (field: Field) => (outcome && 'field' in outcome && outcome.field === field ? t(outcome.message) : '');
  /** A text field's attributes: its name, and the hint and the API's message that describe it. */
  const textField = (field: Field, hint?: string) => {
    const failed = Boolean(fieldError(field));
    const describedBy = [hint, failed ? id(`${field}-error`) : undefined].filter(Boolean).join(' ');
    return {
      id: id(field),
      name: field,
      maxLength: MAX_TEXT,
      'aria-invalid': failed ? ('true' as const) : undefined,
      'aria-describedby': describedBy || undefined,
    };
  };
  const errorText = (field: Field) => (
    <p id={id(`${field}-error`)} class="error">
      {fieldError(field)}
    </p>
  );

  return (
    <details class="agreement-suggest" data-section={section.key}>
      <summary>{t('agreement.suggest.open', { section: section.heading })}</summary>
      <form
        id={id('form')}
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (busy) return;
          const form = event.currentTarget;
          const data = new FormData(form);
          const proposedText = String(data.get('proposedText') ?? '');
          setBusy(true);
          try {
            await suggest(versionNumber, {
              sectionKey: section.key,
              kind: String(data.get('kind')) as SuggestionKind,
              ...(proposedText.trim() ? { proposedText } : {}),
              rationale: String(data.get('rationale') ?? ''),
            });
            form.reset();
            setOutcome({ sent: true });
          } catch (error) {
            const next = outcomeOf(error);
            setOutcome(next);
            // The field at fault takes the focus, so its message is read with it.
            if ('field' in next) requestAnimationFrame(() => document.getElementById(id(next.field))?.focus());
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="hint">{t('agreement.suggest.until', { date: formatDate(closesAt, language) })}</p>
        <p class="field">
          <label for={id('kind')}>{t('agreement.suggest.kind')}</label>
          <select id={id('kind')} name="kind">
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`agreement.suggest.kind.${kind}`)}
              </option>
            ))}
          </select>
        </p>
        <div class="field">
          <label for={id('proposedText')}>{t('agreement.suggest.proposedText')}</label>
          <span id={id('proposedText-hint')} class="hint">
            {t('agreement.suggest.proposedTextHint')}
          </span>
          <textarea rows={5} {...textField('proposedText', id('proposedText-hint'))} />
          {errorText('proposedText')}
        </div>
        <div class="field">
          <label for={id('rationale')}>{t('agreement.suggest.rationale')}</label>
          <textarea rows={4} {...textField('rationale')} />
          {errorText('rationale')}
        </div>
        <button type="submit">{t('agreement.suggest.submit')}</button>
        <p id={id('status')} class="agreement-result" role="status">
          {outcome && 'sent' in outcome ? t('agreement.suggest.sent', { section: section.heading }) : ''}
        </p>
        <p id={id('alert')} class="error" role="alert">
          {outcome && !('sent' in outcome) && !('field' in outcome) ? t(outcome.message) : ''}
        </p>
      </form>
    </details>
  );
};
