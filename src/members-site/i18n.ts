import account from './messages/account';
import agreement from './messages/agreement';
import commitments from './messages/commitments';
import documents from './messages/documents';
import participation from './messages/participation';
import search from './messages/search';
import site from './messages/site';

import { UI_LANGUAGES, type Message, type UiLanguage } from './catalogue';

export { UI_LANGUAGES, type Message, type UiLanguage };

/** Every catalogue the site's texts come from (tests/site/messages.test.ts checks each file of messages/ is here). */
export const CATALOGUES = [site, search, documents, participation, agreement, account, commitments] as const;

type KeysOf<Catalogue> = Catalogue extends { en: Record<infer Keys, Message> } ? Keys : never;
export type MessageKey = KeysOf<(typeof CATALOGUES)[number]>;

const MESSAGES = Object.fromEntries(
  UI_LANGUAGES.map((language) => [language, Object.assign({}, ...CATALOGUES.map((catalogue) => catalogue[language])) as Record<MessageKey, Message>]),
) as Record<UiLanguage, Record<MessageKey, Message>>;

const STORAGE_KEY = 'cop-search.language';

export const isUiLanguage = (value: unknown): value is UiLanguage => typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);

/** The remembered choice, else the first of the browser's languages the site speaks, else English. */
export const preferredLanguage = (): UiLanguage => {
  const stored = readStorage();
  if (isUiLanguage(stored)) return stored;
  const match = navigator.languages.map((tag) => tag.toLowerCase().split('-')[0]).find(isUiLanguage);
  return match ?? 'en';
};

/** localStorage can be unavailable (privacy modes): the choice is then simply not remembered. */
const readStorage = () => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};

export const rememberLanguage = (language: UiLanguage) => {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; the site works the same
  }
};

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** `{name}` placeholders are filled from `values`; a plural message picks its form by `values.count`. */
export const translator = (language: UiLanguage): Translate => {
  const plurals = new Intl.PluralRules(language);
  return (key, values = {}) => {
    const message = MESSAGES[language][key] ?? key;
    const text = typeof message === 'string' ? message : (message[plurals.select(Number(values.count ?? 0))] ?? message.other);
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  };
};

/** A language's own name for itself ("Deutsch"), for the language picker and links to other languages. */
export const languageName = (code: string, inLanguage: string = code) => {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1) : code;
  } catch {
    return code;
  }
};
