import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import lazy from 'preact-iso/lazy';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { markNavigation, Page } from './components';
import { isUiLanguage, languageName, UI_LANGUAGES } from './i18n';
import { SearchPage } from './pages/search';
import { MY_SPACE } from './my-space';
import { SiteProvider, useSite } from './site';
import { BASE } from './urls';

const ResourcePage = lazy(() => import('./pages/resource').then((m) => m.ResourcePage));
const OrganisationPage = lazy(() => import('./pages/organisation').then((m) => m.OrganisationPage));
const MemberPage = lazy(() => import('./pages/member').then((m) => m.MemberPage));
const WorkshopPage = lazy(() => import('./pages/workshop').then((m) => m.WorkshopPage));
const ReadingGroupPage = lazy(() => import('./pages/reading-group').then((m) => m.ReadingGroupPage));
const AgreementPage = lazy(() => import('./pages/agreement').then((m) => m.AgreementPage));
const MyProfilePage = lazy(() => import('./pages/my-profile').then((m) => m.MyProfilePage));
const MySkillsPage = lazy(() => import('./pages/my-skills').then((m) => m.MySkillsPage));
const MyCommitmentsPage = lazy(() => import('./pages/my-commitments').then((m) => m.MyCommitmentsPage));

const LanguagePicker = () => {
  const { t, language, chooseLanguage } = useSite();
  return (
    <p class="language-picker">
      <label for="ui-language">{t('ui.language')}</label>
      <select
        id="ui-language"
        value={language}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isUiLanguage(chosen)) chooseLanguage(chosen);
        }}
      >
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </p>
  );
};

/** Sign-in with e-mail and password, on every page; a member sees who they are and can sign out. */
const Membership = () => {
  const { t, session, signIn, signOut } = useSite();
  const [failure, setFailure] = useState('');
  return (
    <section class="auth" aria-labelledby="auth-title">
      <h2 id="auth-title" class="visually-hidden">
        {t('auth.title')}
      </h2>
      {session ? (
        <div id="signed-in" class="signed-in">
          <p id="signed-in-as">{t('auth.signedInAs', { name: session.name })}</p>
          <button
            id="sign-out"
            type="button"
            onClick={() => {
              // The focus goes to the control that undoes what was just done.
              signOut();
              requestAnimationFrame(() => document.getElementById('sign-in-email')?.focus());
            }}
          >
            {t('auth.signOut')}
          </button>
        </div>
      ) : (
        <form
          id="sign-in-form"
          class="sign-in"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const data = new FormData(form);
            setFailure('');
            try {
              await signIn(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
              requestAnimationFrame(() => document.getElementById('sign-out')?.focus());
            } catch (error) {
              setFailure(t(error instanceof ApiError && error.status === 400 ? 'auth.failed' : 'error.generic'));
            }
          }}
        >
          <p class="field">
            <label for="sign-in-email">{t('auth.email')}</label>
            <input id="sign-in-email" name="email" type="email" autocomplete="username" required />
          </p>
          <p class="field">
            <label for="sign-in-password">{t('auth.password')}</label>
            <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required />
          </p>
          <button type="submit">{t('auth.signIn')}</button>
          <p id="sign-in-error" class="error" role="alert">
            {failure}
          </p>
          <p class="note">{t('auth.publicNote')}</p>
        </form>
      )}
    </section>
  );
};

/** The site's sections; the three views of the search page keep `data-view` (bookmarkable as `?view=`). */
const Navigation = () => {
  const { t, session } = useSite();
  const { path, query } = useLocation();
  const view = path === BASE ? (query.view ?? 'search') : null;
  const link = (href: string, label: string, current: boolean, dataView?: string) => (
    <a href={href} data-view={dataView} aria-current={current ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="views" id="views" aria-label={t('nav.label')}>
      {link(BASE, t('tab.search'), view === 'search', 'search')}
      {link(`${BASE}?view=experts`, t('tab.experts'), view === 'experts', 'experts')}
      {link(`${BASE}?view=matrix`, t('tab.matrix'), view === 'matrix', 'matrix')}
      {link(`${BASE}agreement`, t('nav.agreement'), path.startsWith(`${BASE}agreement`))}
      {session && link(MY_SPACE.profile, t('mySpace.label'), path === MY_SPACE.profile || path.startsWith(`${MY_SPACE.profile}/`))}
    </nav>
  );
};

const NotFound = () => {
  const { t } = useSite();
  return (
    <Page title={t('page.notFound')}>
      <p>
        <a href={BASE}>{t('page.backToSearch')}</a>
      </p>
    </Page>
  );
};

const Shell = () => {
  const { t, language } = useSite();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <>
      <a
        class="skip-link"
        href="#content"
        onClick={(event) => {
          // Moving the focus is all it is for: followed as a link, it would put #content in the
          // address (and in links people share) and add a step to Back.
          event.preventDefault();
          document.getElementById('content')?.focus();
        }}
      >
        {t('site.skip')}
      </a>
      <header class="top">
        <p class="site-name">
          <a href={BASE}>{t('site.name')}</a>
        </p>
        <LanguagePicker />
      </header>
      <Membership />
      <Navigation />
      <main id="content" tabIndex={-1}>
        <Router onRouteChange={markNavigation}>
          <Route path={BASE} component={SearchPage} />
          <Route path={`${BASE}resources/:id`} component={ResourcePage} />
          <Route path={`${BASE}organisations/:id`} component={OrganisationPage} />
          <Route path={`${BASE}members/:id`} component={MemberPage} />
          <Route path={`${BASE}workshops/:id`} component={WorkshopPage} />
          <Route path={`${BASE}reading-groups/:id`} component={ReadingGroupPage} />
          <Route path={`${BASE}agreement`} component={AgreementPage} />
          <Route path={MY_SPACE.profile} component={MyProfilePage} />
          <Route path={MY_SPACE.skills} component={MySkillsPage} />
          <Route path={MY_SPACE.commitments} component={MyCommitmentsPage} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </>
  );
};

export const App = () => (
  <LocationProvider scope={BASE}>
    <SiteProvider>
      <Shell />
    </SiteProvider>
  </LocationProvider>
);
