import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useMemo, useState } from 'preact/hooks';
import * as api from './api';
import { isUiLanguage, preferredLanguage, rememberLanguage, translator, type Translate, type UiLanguage } from './i18n';

/** What every page of the members' site shares: the interface language and the member's sign-in. */
export type Site = {
  language: UiLanguage;
  t: Translate;
  chooseLanguage: (language: UiLanguage) => void;
  session: api.Session | null;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => void;
  /** The name the header shows for the member, after they changed it on their profile. */
  rename: (name: string) => void;
};

const SiteContext = createContext<Site | null>(null);

export const useSite = () => {
  const site = useContext(SiteContext);
  if (!site) throw new Error('useSite() outside <SiteProvider>');
  return site;
};

/** The language a link names (`?lang=de`) wins over the remembered or browser language. */
const initialLanguage = (): UiLanguage => {
  const named = new URLSearchParams(location.search).get('lang');
  return isUiLanguage(named) ? named : preferredLanguage();
};

export const SiteProvider = ({ children }: { children: ComponentChildren }) => {
  const [language, setLanguage] = useState(initialLanguage);
  const [session, setSession] = useState(api.session.read);

  const chooseLanguage = useCallback((next: UiLanguage) => {
    rememberLanguage(next);
    setLanguage(next);
  }, []);
  // The header names the member by their profile's display name, read once at sign-in and kept with
  // the session (the account's username while they have no profile yet, or when it cannot be read).
  const signIn = useCallback(async (email: string, password: string) => {
    const opened = await api.signIn(email, password);
    api.session.save(opened);
    const profile = await api.ownProfile().catch(() => null);
    const named = profile ? { ...opened, name: profile.displayName } : opened;
    api.session.save(named);
    setSession(named);
  }, []);
  const signOut = useCallback(() => {
    api.session.clear();
    setSession(null);
  }, []);
  const rename = useCallback((name: string) => {
    const current = api.session.read();
    if (!current || current.name === name) return;
    const renamed = { ...current, name };
    api.session.save(renamed);
    setSession(renamed);
  }, []);

  const site = useMemo(
    () => ({ language, t: translator(language), chooseLanguage, session, signIn, signOut, rename }),
    [language, chooseLanguage, session, signIn, signOut, rename],
  );
  return <SiteContext.Provider value={site}>{children}</SiteContext.Provider>;
};
