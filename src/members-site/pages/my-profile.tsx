import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { COUNTRY_CODES, LANGUAGE_CODES, languageNativeName } from '../../custom-fields/codes';
import { Failure, Loading, Page } from '../components';
import { countryName } from '../document-parts';
import { useApi } from '../hooks';
import { languageName, type MessageKey } from '../i18n';
import { MySpaceNav } from '../my-space';
import { useSite } from '../site';

/**
 * "My profile" (/search/me): the member edits their own directory profile (the shared fields, and
 * the bio in each content language), downloads everything the platform holds about them, or
 * deletes their account. The code lists are the server's own (src/custom-fields/codes.ts), named
 * in the interface language by the browser (Intl.DisplayNames).
 */

type Field = 'displayName' | 'countries' | 'languages' | 'bio' | 'visibility' | 'openToQuestions' | 'canMentor' | 'contactRoute';
const FIELDS: readonly Field[] = ['displayName', 'countries', 'languages', 'bio', 'visibility', 'openToQuestions', 'canMentor', 'contactRoute'];
type Problems = Partial<Record<Field, string>>;

const VISIBILITIES: readonly api.Visibility[] = ['hidden', 'members', 'public'];
const CONTACT_ROUTES: readonly api.ContactRoute[] = ['none', 'email', 'message'];
const MAX_DISPLAY_NAME = 120;
const MAX_BIO = 4000;
const EXPORT_FILE = 'my-community-of-practice-data.json';

/** The id of the control of a field, where its error is shown and the focus goes. */
const controlId = (field: Field) =>
  field === 'visibility' || field === 'contactRoute' ? `profile-${field}-${field === 'visibility' ? 'hidden' : 'none'}` : `profile-${field}`;

/**
 * A long list of codes to tick, each by its name in the interface language: the ticked ones come
 * first, and a filter box narrows the list (the ticked ones always stay).
 */
const CodeChecklist = ({
  field,
  legend,
  hint,
  codes,
  nameOf,
  chosen,
  onChange,
  problem,
}: {
  field: 'countries' | 'languages';
  legend: string;
  hint: string;
  codes: readonly string[];
  nameOf: (code: string) => string;
  chosen: string[];
  onChange: (codes: string[]) => void;
  problem?: string;
}) => {
  const { t, language } = useSite();
  const [filter, setFilter] = useState('');
  const named = useMemo(() => {
    const names = codes.map((code) => ({ code, name: nameOf(code) }));
    // Two codes the browser names alike (Akan and Twi) are told apart by their codes.
    const repeated = new Set(names.filter(({ name }, index) => names.findIndex((other) => other.name === name) !== index).map(({ name }) => name));
    return names
      .map(({ code, name }) => ({ code, name: repeated.has(name) ? `${name} (${code})` : name }))
      .sort((a, b) => a.name.localeCompare(b.name, language));
  }, [codes, language]);
  const wanted = filter.trim().toLocaleLowerCase(language);
  const shown = named.filter(
    ({ code, name }) => chosen.includes(code) || !wanted || name.toLocaleLowerCase(language).includes(wanted) || code.toLowerCase() === wanted,
  );
  const ordered = [...shown.filter(({ code }) => chosen.includes(code)), ...shown.filter(({ code }) => !chosen.includes(code))];
  const describedBy = [`profile-${field}-hint`, problem ? `profile-${field}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={`profile-${field}`} class="code-checklist" tabIndex={-1} aria-describedby={describedBy} aria-invalid={problem ? 'true' : undefined}>
      <legend>{legend}</legend>
      <p id={`profile-${field}-hint`} class="hint">
        {hint}{' '}
        <span id={`profile-${field}-chosen`}>
          {chosen.length
            ? t('profile.chosen', {
                list: new Intl.ListFormat(language, { type: 'conjunction' }).format(chosen.map(nameOf).sort((a, b) => a.localeCompare(b, language))),
              })
            : t('profile.noneChosen')}
        </span>
      </p>
      <p id={`profile-${field}-error`} class="error">
        {problem}
      </p>
      <p class="field">
        <label for={`profile-${field}-filter`}>{t('profile.filter')}</label>
        <input id={`profile-${field}-filter`} type="search" autocomplete="off" value={filter} onInput={(event) => setFilter(event.currentTarget.value)} />
      </p>
      <ul class="code-list">
        {ordered.map(({ code, name }) => (
          <li key={code}>
            <label>
              <input
                type="checkbox"
                name={field}
                value={code}
                checked={chosen.includes(code)}
                onChange={(event) => onChange(event.currentTarget.checked ? [...chosen, code] : chosen.filter((value) => value !== code))}
              />{' '}
              {name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
};

/** Three or so radio buttons, each with a sentence saying what it means. */
const Choices = <Value extends string>({
  field,
  legend,
  values,
  value,
  label,
  explain,
  onChange,
  problem,
}: {
  field: Field;
  legend: string;
  values: readonly Value[];
  value: Value;
  label: (value: Value) => string;
  explain: (value: Value) => string;
  onChange: (value: Value) => void;
  problem?: string;
}) => (
  <fieldset class="choices" aria-describedby={problem ? `profile-${field}-error` : undefined} aria-invalid={problem ? 'true' : undefined}>
    <legend>{legend}</legend>
    <p id={`profile-${field}-error`} class="error">
      {problem}
    </p>
    {values.map((option) => (
      <p key={option} class="choice">
        <input
          type="radio"
          id={`profile-${field}-${option}`}
          name={field}
          value={option}
          checked={value === option}
          aria-describedby={`profile-${field}-${option}-explained`}
          onChange={() => onChange(option)}
        />
        <label for={`profile-${field}-${option}`}>{label(option)}</label>
        <span id={`profile-${field}-${option}-explained`} class="hint">
          {explain(option)}
        </span>
      </p>
    ))}
  </fieldset>
);

type Locale = { code: string; isDefault?: boolean };

/** What the API named as wrong, by field, in its own words (what the form checks itself, such as an empty name, never gets this far). */
const problemsOf = (error: api.ApiError, t: (key: MessageKey, values?: Record<string, string>) => string): Problems => {
  const problems: Problems = {};
  for (const { path, message } of error.fields) {
    const field = FIELDS.find((name) => path.replace(/^data\./, '').split('.')[0] === name);
    if (!field || problems[field]) continue;
    problems[field] = t('profile.invalid.other', { message });
  }
  return problems;
};

const ProfileForm = ({ profile, locales }: { profile: api.OwnProfile | null; locales: Locale[] }) => {
  const { t, language, rename } = useSite();
  const defaultLocale = locales.find((locale) => locale.isDefault)?.code ?? 'en';
  const [exists, setExists] = useState(profile !== null);
  const [displayName, setDisplayName] = useState(profile?.displayName ?? '');
  const [countries, setCountries] = useState<string[]>(profile?.countries ?? []);
  const [languages, setLanguages] = useState<string[]>(profile?.languages ?? []);
  const [visibility, setVisibility] = useState<api.Visibility>(profile?.visibility ?? 'hidden');
  const [openToQuestions, setOpenToQuestions] = useState(profile?.openToQuestions ?? false);
  const [canMentor, setCanMentor] = useState(profile?.canMentor ?? false);
  const [contactRoute, setContactRoute] = useState<api.ContactRoute>(profile?.contactRoute ?? 'none');
  // The bio as saved in each content locale read so far, and as edited.
  const [savedBios, setSavedBios] = useState<Record<string, string>>(profile ? { [profile.locale]: profile.bio ?? '' } : {});
  const [bios, setBios] = useState<Record<string, string>>(savedBios);
  const codes = locales.map((locale) => locale.code);
  const [bioLocale, setBioLocale] = useState(codes.includes(language) ? language : defaultLocale);
  const [bioFailure, setBioFailure] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [failure, setFailure] = useState('');

  // The bio of another locale is read when first chosen (none yet: an empty one to write).
  useEffect(() => {
    if (bios[bioLocale] !== undefined) return;
    if (!exists) {
      setBios((current) => ({ ...current, [bioLocale]: current[bioLocale] ?? '' }));
      return;
    }
    let current = true;
    setBioFailure(false);
    api.ownProfile(bioLocale).then(
      (read) => {
        if (!current) return;
        setSavedBios((before) => ({ ...before, [bioLocale]: read?.bio ?? '' }));
        setBios((before) => ({ ...before, [bioLocale]: before[bioLocale] ?? read?.bio ?? '' }));
      },
      () => current && setBioFailure(true),
    );
    return () => {
      current = false;
    };
  }, [bioLocale, exists]);

  const bio = bios[bioLocale];
  const nameCountry = (code: string) => countryName(code, language);
  // A language the browser cannot name (its CLDR data leaves out some rare ones) goes by its own name.
  const nameLanguage = (code: string) => {
    const name = languageName(code, language);
    return name.toLowerCase() === code ? languageNativeName(code) || name : name;
  };

  const focusField = (field: Field) => requestAnimationFrame(() => document.getElementById(controlId(field))?.focus());

  const save = async () => {
    if (busy) return;
    setSaved('');
    setFailure('');
    const name = displayName.trim();
    if (!name) {
      setProblems({ displayName: t('profile.required.displayName') });
      setFailure(t('profile.notSaved'));
      focusField('displayName');
      return;
    }
    setProblems({});
    setBusy(true);
    // The contact route goes with the rest once the API names one (or the member chose one).
    const shared = {
      displayName: name,
      countries,
      languages,
      visibility,
      openToQuestions,
      canMentor,
      ...(profile?.contactRoute !== undefined || contactRoute !== 'none' ? { contactRoute } : {}),
    };
    const toNull = (text: string) => (text.trim() ? text : null);
    // Every bio edited, the one shown first: each is saved in its own locale, with the shared fields.
    const edited = Object.keys(bios).filter((code) => code === bioLocale || bios[code] !== (savedBios[code] ?? ''));
    const order = [bioLocale, ...edited.filter((code) => code !== bioLocale)].filter((code) => bios[code] !== undefined);
    try {
      // A first save in another locale than the default one creates the profile in the default locale too.
      if (!exists && !order.includes(defaultLocale)) await api.saveOwnProfile(shared, defaultLocale);
      let answer: api.OwnProfile | null = null;
      for (const code of order.length ? order : [defaultLocale]) {
        const written = await api.saveOwnProfile({ ...shared, ...(bios[code] !== undefined ? { bio: toNull(bios[code]) } : {}) }, code);
        if (code === bioLocale || !answer) answer = written;
      }
      setExists(true);
      setSavedBios((before) => ({ ...before, ...Object.fromEntries(order.map((code) => [code, bios[code]])) }));
      if (answer) {
        setDisplayName(answer.displayName);
        rename(answer.displayName);
      }
      setSaved(t('profile.saved'));
    } catch (error) {
      const named = error instanceof api.ApiError && error.status === 400 ? problemsOf(error, t) : {};
      setProblems(named);
      const first = FIELDS.find((field) => named[field]);
      setFailure(first ? t('profile.notSaved') : t(error instanceof api.ApiError && error.status === 401 ? 'refusal.signIn' : 'error.generic'));
      if (first) focusField(first);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: Field) => (problems[field] ? { 'aria-invalid': 'true' as const } : {});
  return (
    <form
      id="profile-form"
      class="profile-form"
      noValidate
      aria-labelledby="profile-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="profile-form-title">{t('profile.formTitle')}</h2>
      {!exists && (
        <p id="profile-new" class="notice">
          {t('profile.new')}
        </p>
      )}
      <p class="field">
        <label for="profile-displayName">{t('profile.displayName')}</label>
        <input
          id="profile-displayName"
          name="displayName"
          type="text"
          autocomplete="name"
          required
          maxLength={MAX_DISPLAY_NAME}
          value={displayName}
          onInput={(event) => setDisplayName(event.currentTarget.value)}
          aria-describedby={`profile-displayName-hint${problems.displayName ? ' profile-displayName-error' : ''}`}
          {...invalid('displayName')}
        />
        <span id="profile-displayName-hint" class="hint">
          {t('profile.displayName.hint')}
        </span>
        <span id="profile-displayName-error" class="error">
          {problems.displayName}
        </span>
      </p>
      <div class="field">
        <p class="label" id="profile-organisation-label">
          {t('profile.organisation')}
        </p>
        <p id="profile-organisation" aria-labelledby="profile-organisation-label profile-organisation">
          {profile?.organisation?.name ?? t('profile.noOrganisation')}
        </p>
        <p class="hint">{t('profile.organisation.hint')}</p>
      </div>

      <CodeChecklist
        field="countries"
        legend={t('profile.countries')}
        hint={t('profile.countries.hint')}
        codes={COUNTRY_CODES}
        nameOf={nameCountry}
        chosen={countries}
        onChange={setCountries}
        problem={problems.countries}
      />
      <CodeChecklist
        field="languages"
        legend={t('profile.languages')}
        hint={t('profile.languages.hint')}
        codes={LANGUAGE_CODES}
        nameOf={nameLanguage}
        chosen={languages}
        onChange={setLanguages}
        problem={problems.languages}
      />

      <fieldset class="bio">
        <legend>{t('profile.bio')}</legend>
        <p class="hint">{t('profile.bio.hint')}</p>
        <p class="field">
          <label for="profile-bio-locale">{t('profile.bioLanguage')}</label>
          <select id="profile-bio-locale" value={bioLocale} onChange={(event) => setBioLocale(event.currentTarget.value)}>
            {[...codes]
              .sort((a, b) => languageName(a, language).localeCompare(languageName(b, language), language))
              .map((code) => (
                <option key={code} value={code}>
                  {`${languageName(code, language)}${(bios[code] ?? savedBios[code]) ? ` ${t('profile.bioWritten')}` : ''}`}
                </option>
              ))}
          </select>
        </p>
        <p class="field">
          <label for="profile-bio">{t('profile.bioIn', { language: languageName(bioLocale, language) })}</label>
          <textarea
            id="profile-bio"
            name="bio"
            rows={6}
            lang={bioLocale}
            maxLength={MAX_BIO}
            value={bio ?? ''}
            readOnly={bio === undefined}
            aria-busy={bio === undefined && !bioFailure ? 'true' : undefined}
            onInput={(event) => {
              const text = event.currentTarget.value;
              setBios((current) => ({ ...current, [bioLocale]: text }));
            }}
            aria-describedby={problems.bio ? 'profile-bio-error' : undefined}
            {...invalid('bio')}
          />
          <span id="profile-bio-error" class="error">
            {problems.bio ?? (bioFailure ? t('error.generic') : '')}
          </span>
        </p>
      </fieldset>

      <Choices
        field="visibility"
        legend={t('profile.visibility')}
        values={VISIBILITIES}
        value={visibility}
        label={(value) => t(`profile.visibility.${value}`)}
        explain={(value) => t(`profile.visibility.${value}.explained`)}
        onChange={setVisibility}
        problem={problems.visibility}
      />

      <fieldset class="availability">
        <legend>{t('profile.availability')}</legend>
        <p class="choice">
          <input
            id="profile-openToQuestions"
            type="checkbox"
            name="openToQuestions"
            checked={openToQuestions}
            onChange={(event) => setOpenToQuestions(event.currentTarget.checked)}
            aria-describedby="profile-openToQuestions-explained"
          />
          <label for="profile-openToQuestions">{t('profile.openToQuestions')}</label>
          <span id="profile-openToQuestions-explained" class="hint">
            {t('profile.openToQuestions.explained')}
          </span>
        </p>
        <p class="choice">
          <input
            id="profile-canMentor"
            type="checkbox"
            name="canMentor"
            checked={canMentor}
            onChange={(event) => setCanMentor(event.currentTarget.checked)}
            aria-describedby="profile-canMentor-explained"
          />
          <label for="profile-canMentor">{t('profile.canMentor')}</label>
          <span id="profile-canMentor-explained" class="hint">
            {t('profile.canMentor.explained')}
          </span>
        </p>
      </fieldset>

      <Choices
        field="contactRoute"
        legend={t('profile.contactRoute')}
        values={CONTACT_ROUTES}
        value={contactRoute}
        label={(value) => t(`profile.contactRoute.${value}`)}
        explain={(value) => t(`profile.contactRoute.${value}.explained`)}
        onChange={setContactRoute}
        problem={problems.contactRoute}
      />

      <p class="actions">
        <button id="profile-save" type="submit" aria-disabled={busy ? 'true' : undefined}>
          {t(exists ? 'profile.save' : 'profile.create')}
        </button>
      </p>
      <p id="profile-saved" role="status">
        {saved}
      </p>
      <p id="profile-failure" class="error" role="alert">
        {failure}
      </p>
    </form>
  );
};

/** Download everything the platform holds about the member, or delete their account after a confirmation that says what goes. */
const MyData = ({ onErased }: { onErased: () => void }) => {
  const { t } = useSite();
  const [downloaded, setDownloaded] = useState('');
  const [exportFailure, setExportFailure] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [problem, setProblem] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const confirmTitle = useRef<HTMLHeadingElement>(null);

  const download = async () => {
    setDownloaded('');
    setExportFailure('');
    try {
      const url = URL.createObjectURL(await api.exportOwnData());
      const link = Object.assign(document.createElement('a'), { href: url, download: EXPORT_FILE });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDownloaded(t('data.downloaded', { file: EXPORT_FILE }));
    } catch {
      setExportFailure(t('error.generic'));
    }
  };

  const erase = async () => {
    if (busy) return;
    setFailure('');
    if (!understood) {
      setProblem(t('data.delete.tick'));
      requestAnimationFrame(() => document.getElementById('delete-understood')?.focus());
      return;
    }
    setBusy(true);
    try {
      await api.eraseOwnAccount();
      onErased();
    } catch {
      setFailure(t('error.generic'));
      setBusy(false);
    }
  };

  return (
    <section id="my-data" class="my-data" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('data.title')}</h2>
      <h3>{t('data.export.title')}</h3>
      <p>{t('data.export.explained')}</p>
      <p class="actions">
        <button id="export-data" type="button" onClick={() => void download()}>
          {t('data.export')}
        </button>
      </p>
      <p id="export-outcome" role="status">
        {downloaded}
      </p>
      <p class="error" role="alert">
        {exportFailure}
      </p>

      <h3>{t('data.delete.title')}</h3>
      {!confirming ? (
        <p class="actions">
          <button
            id="delete-account"
            type="button"
            class="danger"
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => confirmTitle.current?.focus());
            }}
          >
            {t('data.delete')}
          </button>
        </p>
      ) : (
        <form
          id="delete-confirm"
          class="delete-confirm"
          aria-labelledby="delete-confirm-title"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void erase();
          }}
        >
          <h4 id="delete-confirm-title" tabIndex={-1} ref={confirmTitle}>
            {t('data.delete.confirmTitle')}
          </h4>
          <ul>
            <li>{t('data.delete.profile')}</li>
            <li>{t('data.delete.registrations')}</li>
            <li>{t('data.delete.groups')}</li>
            <li>{t('data.delete.account')}</li>
            <li>{t('data.delete.kept')}</li>
          </ul>
          <p>
            <strong>{t('data.delete.final')}</strong> {t('data.delete.exportFirst')}
          </p>
          <p class="choice">
            <input
              id="delete-understood"
              type="checkbox"
              checked={understood}
              onChange={(event) => {
                setUnderstood(event.currentTarget.checked);
                setProblem('');
              }}
              aria-invalid={problem ? 'true' : undefined}
              aria-describedby={problem ? 'delete-understood-error' : undefined}
            />
            <label for="delete-understood">{t('data.delete.understood')}</label>
            <span id="delete-understood-error" class="error">
              {problem}
            </span>
          </p>
          <p class="actions">
            <button id="delete-confirm-button" type="submit" class="danger" aria-disabled={busy ? 'true' : undefined}>
              {t('data.delete.confirm')}
            </button>
            <button
              id="delete-cancel"
              type="button"
              class="secondary"
              onClick={() => {
                setConfirming(false);
                setUnderstood(false);
                setProblem('');
                requestAnimationFrame(() => document.getElementById('delete-account')?.focus());
              }}
            >
              {t('data.delete.cancel')}
            </button>
          </p>
          <p class="error" role="alert">
            {failure}
          </p>
        </form>
      )}
    </section>
  );
};

const OwnProfile = ({ onErased }: { onErased: () => void }) => {
  const profile = useApi<{ data: api.OwnProfile }>('/api/members/me');
  const locales = useApi<Locale[]>('/api/i18n/locales');
  const none = profile.error instanceof api.ApiError && profile.error.status === 404;
  if (profile.error && !none) return <Failure error={profile.error} />;
  if (locales.error) return <Failure error={locales.error} />;
  if ((!profile.data && !none) || !locales.data || profile.loading) return <Loading />;
  const own = none ? null : (profile.data?.data ?? null);
  return (
    <>
      <ProfileForm key={own?.documentId ?? 'new'} profile={own} locales={locales.data} />
      <MyData onErased={onErased} />
    </>
  );
};

/** /search/me: members only; after deleting their account the member is signed out and told so. */
export const MyProfilePage = () => {
  const { t, session, signOut } = useSite();
  const [erased, setErased] = useState(false);
  if (erased)
    return (
      <Page title={t('data.deleted.title')}>
        <p id="account-deleted" role="status">
          {t('data.deleted')}
        </p>
      </Page>
    );
  return (
    <Page title={t('mySpace.profile')}>
      {session ? (
        <>
          <MySpaceNav />
          <OwnProfile
            onErased={() => {
              setErased(true);
              signOut();
              requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
            }}
          />
        </>
      ) : (
        <Failure error={new api.ApiError(401, 'Unauthorized')} />
      )}
    </Page>
  );
};
