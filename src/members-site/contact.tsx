import { useRef, useState } from 'preact/hooks';
import { ApiError, contactPath, sendMessage, type Contact } from './api';
import { useApi } from './hooks';
import type { MessageKey } from './i18n';
import { useSite } from './site';

type Person = { documentId: string; displayName: string };
type Problems = Partial<Record<'subject' | 'message', string>>;

const MAX_SUBJECT = 200;
const MAX_MESSAGE = 5000;

/** A 400's problems by field, in the interface language where the site knows them, else as the API words them. */
const fieldProblems = (error: ApiError, t: (key: MessageKey) => string): Problems => {
  const problems: Problems = {};
  for (const field of error.fields) {
    const name = field.path.replace(/^data\./, '').split('.')[0];
    if ((name === 'subject' || name === 'message') && !problems[name])
      problems[name] = t(`contact.invalid.${name}`) + (field.message ? ` (${field.message})` : '');
  }
  return problems;
};

/**
 * Writing to a member through the platform: a button that opens a short form (subject, message),
 * sent to the member without the writer seeing their address. Errors show next to their field.
 */
const WriteTo = ({ person }: { person: Person }) => {
  const { t } = useSite();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState('');
  const [failure, setFailure] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const toggle = useRef<HTMLButtonElement>(null);
  const id = `write-${person.documentId}`;

  const close = () => {
    setOpen(false);
    setProblems({});
    setFailure('');
    requestAnimationFrame(() => toggle.current?.focus());
  };

  const submit = async (form: HTMLFormElement) => {
    if (busy) return;
    const data = new FormData(form);
    const subject = String(data.get('subject') ?? '').trim();
    const message = String(data.get('message') ?? '').trim();
    const missing: Problems = {};
    if (!subject) missing.subject = t('contact.required.subject');
    if (!message) missing.message = t('contact.required.message');
    setFailure('');
    setSent('');
    setProblems(missing);
    if (missing.subject || missing.message) {
      requestAnimationFrame(() => document.getElementById(`${id}-${missing.subject ? 'subject' : 'message'}`)?.focus());
      return;
    }
    setBusy(true);
    try {
      await sendMessage(person.documentId, { subject, message });
      setSent(t('contact.sent', { name: person.displayName }));
      setOpen(false);
      requestAnimationFrame(() => toggle.current?.focus());
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const named = error instanceof ApiError && status === 400 ? fieldProblems(error, t) : {};
      if (named.subject || named.message) {
        setProblems(named);
        requestAnimationFrame(() => document.getElementById(`${id}-${named.subject ? 'subject' : 'message'}`)?.focus());
      } else
        setFailure(
          t(status === 429 ? 'contact.tooMany' : status === 404 ? 'contact.gone' : status === 401 || status === 403 ? 'contact.signIn' : 'error.generic'),
        );
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'subject' | 'message') => ({
    id: `${id}-${name}`,
    name,
    required: true,
    'aria-invalid': problems[name] ? ('true' as const) : undefined,
    'aria-describedby': problems[name] ? `${id}-${name}-error` : undefined,
  });

  return (
    <div class="write-to">
      <button
        type="button"
        ref={toggle}
        class="write-to-toggle"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={`${id}-form`}
        onClick={() => {
          setSent('');
          if (open) close();
          else {
            setOpen(true);
            requestAnimationFrame(() => document.getElementById(`${id}-subject`)?.focus());
          }
        }}
      >
        {t('contact.write', { name: person.displayName })}
      </button>
      <form
        id={`${id}-form`}
        class="write-to-form"
        hidden={!open}
        noValidate
        aria-label={t('contact.write', { name: person.displayName })}
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <p class="note">{t('contact.privacy')}</p>
        <p class="field">
          <label for={`${id}-subject`}>{t('contact.subject')}</label>
          <input type="text" maxLength={MAX_SUBJECT} {...field('subject')} />
          <span id={`${id}-subject-error`} class="error">
            {problems.subject}
          </span>
        </p>
        <p class="field">
          <label for={`${id}-message`}>{t('contact.message')}</label>
          <textarea rows={5} maxLength={MAX_MESSAGE} {...field('message')} />
          <span id={`${id}-message-error`} class="error">
            {problems.message}
          </span>
        </p>
        <p class="actions">
          <button type="submit" aria-disabled={busy ? 'true' : undefined}>
            {t('contact.send')}
          </button>
          <button type="button" class="secondary" onClick={close}>
            {t('contact.cancel')}
          </button>
        </p>
      </form>
      <p class="contact-sent" role="status">
        {sent}
      </p>
      <p class="error" role="alert">
        {failure}
      </p>
    </div>
  );
};

/** How to reach a member, as far as they allow it: their e-mail address as a link, or a form to write to them; nothing otherwise. */
export const ContactPerson = ({ person, contact }: { person: Person; contact: Contact | null | undefined }) => {
  const { t } = useSite();
  if (!contact) return null;
  if (contact.route === 'email')
    return (
      <p class="contact-email">
        {t('contact.email')} <a href={`mailto:${contact.email}`}>{contact.email}</a>
      </p>
    );
  return <WriteTo person={person} />;
};

/** A member's contact on their profile page, asked for when signed in (a 404: they are not to be contacted). */
export const MemberContact = ({ person }: { person: Person }) => {
  const { t, session } = useSite();
  const loaded = useApi<{ data: Contact }>(session ? contactPath(person.documentId) : null);
  if (!session || !loaded.data) return null;
  return (
    <section class="member-contact" aria-labelledby="member-contact-title">
      <h2 id="member-contact-title">{t('contact.title')}</h2>
      <ContactPerson person={person} contact={loaded.data.data} />
    </section>
  );
};
