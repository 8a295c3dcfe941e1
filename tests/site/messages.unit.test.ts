import fs from 'node:fs';
import path from 'node:path';
import { CATALOGUES, translator, UI_LANGUAGES, type Message } from '../../src/members-site/i18n';
import { APP_DIR } from '../helpers/paths';

/**
 * The members' site's texts (src/members-site/messages/): every file there is a catalogue, and
 * every catalogue is checked in every interface language against English, so a new catalogue or
 * language is covered without touching this test.
 */
const MESSAGES_DIR = path.join(APP_DIR, 'src', 'members-site', 'messages');
const COUNTS = [1, 2, 5, 22];

type Catalogue = Record<string, Record<string, Message>>;

const catalogues = fs
  .readdirSync(MESSAGES_DIR)
  .filter((file) => /\.tsx?$/.test(file))
  .sort()
  .map((file) => ({ file, catalogue: (require(path.join(MESSAGES_DIR, file)) as { default: Catalogue }).default }));

const forms = (message: Message) => (typeof message === 'string' ? [message] : Object.values(message));
/** The `{name}` placeholders a message uses in any of its forms. */
const placeholders = (message: Message) => [...new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();
const pluralCategories = (language: string) => new Intl.PluralRules(language).resolvedOptions().pluralCategories;

test('the runtime has the CLDR plural rules (not a small-ICU build that says "other" to everything)', () => {
  const polish = new Intl.PluralRules('pl');
  expect(COUNTS.map((count) => polish.select(count))).toEqual(['one', 'few', 'many', 'few']);
});

test('every file of messages/ is a catalogue the site uses, and no key is in two of them', () => {
  expect(catalogues.length).toBeGreaterThan(0);
  expect(new Set(catalogues.map(({ catalogue }) => catalogue))).toEqual(new Set<unknown>(CATALOGUES));
  const owners = new Map<string, string[]>();
  for (const { file, catalogue } of catalogues) for (const key of Object.keys(catalogue.en)) owners.set(key, [...(owners.get(key) ?? []), file]);
  expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
});

describe.each(catalogues)('messages/$file', ({ catalogue }) => {
  test('has exactly the interface languages', () => {
    expect(Object.keys(catalogue).sort()).toEqual([...UI_LANGUAGES].sort());
  });

  describe.each([...UI_LANGUAGES])('%s', (language) => {
    const messages = catalogue[language];
    const english = catalogue.en;

    test('has every English key, no other, none empty', () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
      const empty = Object.entries(messages)
        .filter(([, message]) => forms(message).some((text) => typeof text !== 'string' || text.trim() === ''))
        .map(([key]) => key);
      expect(empty).toEqual([]);
    });

    test('uses the same placeholders as English', () => {
      const differing = Object.keys(english)
        .filter((key) => key in messages)
        .map((key) => ({ key, english: placeholders(english[key]), translated: placeholders(messages[key]) }))
        .filter((entry) => entry.english.join() !== entry.translated.join());
      expect(differing).toEqual([]);
    });

    test('counts with the plural forms the language needs, and only where English counts', () => {
      const needed = pluralCategories(language);
      const faults = Object.entries(messages).flatMap(([key, message]) => {
        const englishCounts = typeof english[key] !== 'string' || placeholders(english[key]).includes('count');
        if (typeof message === 'string') return typeof english[key] === 'string' ? [] : [`${key}: one text where English has plural forms`];
        if (!englishCounts) return [`${key}: plural forms where English counts nothing`];
        const missing = needed.filter((category) => !message[category]);
        const unused = Object.keys(message).filter((category) => !needed.includes(category as Intl.LDMLPluralRule));
        return [...(missing.length ? [`${key}: no ${missing.join(', ')}`] : []), ...(unused.length ? [`${key}: ${unused.join(', ')} never used`] : [])];
      });
      expect(faults).toEqual([]);
    });

    test(`translator('${language}') picks the plural form for ${COUNTS.join(', ')}`, () => {
      const t = translator(language);
      const rules = new Intl.PluralRules(language);
      const wrong = Object.entries(messages).flatMap(([key, message]) =>
        typeof message === 'string'
          ? []
          : COUNTS.map((count) => ({
              key,
              count,
              expected: (message[rules.select(count)] ?? '').replaceAll('{count}', String(count)),
              got: t(key as never, { count }),
            })).filter((pick) => pick.got !== pick.expected),
      );
      expect(wrong).toEqual([]);
    });
  });
});
