import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso/router';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api';
import type { Loaded } from './hooks';
import { useSite } from './site';

/** Set once the visitor has moved within the site: from then on a new page takes the focus (not on first load). */
let navigated = false;
export const markNavigation = () => {
  navigated = true;
};

/**
 * A page's frame: its title in the tab and as the one h1, which takes the focus after a move
 * within the site so that screen readers announce the new page and Tab starts from its top.
 */
export const Page = ({ title, lang, children }: { title: string; lang?: string; children: ComponentChildren }) => {
  const { t } = useSite();
  const heading = useRef<HTMLHeadingElement>(null);
  // A move from one page to another of the same kind (a related resource) keeps the component: the path tells.
  const { path } = useLocation();
  useEffect(() => {
    document.title = `${title} · ${t('site.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (navigated) heading.current?.focus();
  }, [path]);
  return (
    <>
      <h1 tabIndex={-1} ref={heading} lang={lang}>
        {title}
      </h1>
      {children}
    </>
  );
};

export const Loading = () => {
  const { t } = useSite();
  return (
    <p role="status" class="loading">
      {t('page.loading')}
    </p>
  );
};

/** Moves the focus to the sign-in form in the site's header. */
export const SignInButton = () => {
  const { t } = useSite();
  return (
    <button type="button" onClick={() => document.getElementById('sign-in-email')?.focus()}>
      {t('auth.signIn')}
    </button>
  );
};

/** Why a page cannot be shown: members-only (with a way to sign in), not there, or a failure. */
export const Failure = ({ error }: { error: unknown }) => {
  const { t, session } = useSite();
  const status = error instanceof ApiError ? error.status : 0;
  // The public cannot tell a members-only page from a missing one (the API answers 404 for both): offer to sign in.
  if ([401, 403, 404].includes(status) && !session)
    return (
      <div class="notice" role="alert">
        <p>{t(status === 404 ? 'page.notFoundPublic' : 'page.membersOnly')}</p>
        <SignInButton />
      </div>
    );
  return (
    <p class="error" role="alert">
      {t(status === 404 || status === 403 ? 'page.notFound' : 'error.generic')}
    </p>
  );
};

/** A page's content once its data is there: loading, failure, or `children(data)`. */
export const Await = <T,>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) => {
  if (loaded.data !== undefined && !loaded.error) return <>{children(loaded.data)}</>;
  if (loaded.error) return <Failure error={loaded.error} />;
  return <Loading />;
};
