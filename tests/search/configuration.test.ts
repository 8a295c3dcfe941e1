import fs from 'node:fs';
import path from 'node:path';
import pluginConfig from '../../src/plugins/multilingual-search/server/src/config';
import createTypes from '../../src/plugins/multilingual-search/server/src/services/types';
import { analyzerFor } from '../../src/plugins/multilingual-search/server/src/engines/embedded/tokenizer';
import { APP_DIR } from '../helpers/paths';
import { useApp } from '../helpers/strapi';

/** The plugin's configuration is checked at start-up; a bad value names its key. */
const app = useApp();

/** A copy of the running configuration, deep but for `viewerOf`, the app's function. */
const validConfig = () => {
  const config = app().strapi.config.get('plugin::multilingual-search') as { viewerOf: unknown };
  return { ...JSON.parse(JSON.stringify(config)), viewerOf: config.viewerOf };
};

test.each([
  [(c: any) => (c.sync.batchSize = 0), 'multilingual-search.sync.batchSize'],
  [(c: any) => (c.indexPrefix = 'with space'), 'multilingual-search.indexPrefix'],
  [(c: any) => (c.types.resource.searchable = ['title', 'nowhere']), 'multilingual-search.types.resource.searchable.1'],
  [(c: any) => (c.types.resource.uid = 'resource'), 'multilingual-search.types.resource.uid'],
  [(c: any) => (c.types.resource.surprise = true), 'multilingual-search.types.resource'],
  [(c: any) => delete c.labels.type.words.en, 'multilingual-search.labels.type.words: needs English names'],
  [(c: any) => (c.labels.country = { from: 'flags' }), 'multilingual-search.labels.country.from'],
  [(c: any) => delete c.viewerOf, 'multilingual-search.viewerOf'],
])('a malformed value is refused, naming the key (%#)', (mutate, key) => {
  const config = validConfig();
  mutate(config);
  expect(() => pluginConfig.validator(config)).toThrow(key);
});

test('the defaults are valid with a .env made from .env.example, where optional variables are empty', () => {
  const example = Object.fromEntries(
    [...fs.readFileSync(path.join(APP_DIR, '.env.example'), 'utf8').matchAll(/^([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
  );
  expect(example.SEARCH_INDEX_PREFIX).toBe('');
  const read = (key: string, fallback?: string) => (key in example ? example[key] : fallback) as string;
  const env = Object.assign(read, {
    int: (key: string, fallback?: number) => Number(read(key) || fallback),
    bool: (key: string, fallback?: boolean) => (read(key) ? read(key) === 'true' : Boolean(fallback)),
  });
  const defaults = pluginConfig.default({ env });
  expect(defaults.indexPrefix).toBe('development');
  expect(defaults.meilisearch?.publicHost).toBe('');
  expect(() => pluginConfig.validator({ ...validConfig(), ...defaults, types: validConfig().types })).not.toThrow();
});

test.each([
  [(c: any) => (c.types.resource.fields.court = 'tribunal'), 'types.resource.fields.court: "tribunal" is not an attribute of api::resource.resource'],
  [(c: any) => (c.types.resource.fields.issueArea = 'issueAreas.colour'), 'types.resource.fields.issueArea: "colour" is not an indexable attribute'],
  [(c: any) => (c.types.resource.filterable = ['body']), 'types.resource.filterable.0: "body" is a text field'],
  [(c: any) => (c.types.member.exclude = { mood: ['sad'] }), 'types.member.exclude.mood'],
  // A facet is one vocabulary: organisation kinds cannot join resource kinds under one name again.
  [
    (c: any) => {
      c.types.organisation.fields.resourceKind = 'kind';
      c.types.organisation.facets.push('resourceKind');
    },
    'types.organisation.fields.resourceKind: holds other values (ngo, law_firm',
  ],
  [(c: any) => delete c.labels.jurisdiction, 'labels.jurisdiction: is missing'],
  [(c: any) => delete c.labels.resourceKind.words.en.judgment, 'labels.resourceKind.words.en: has no name for judgment'],
  [(c: any) => (c.labels.skill.uid = 'api::issue-area.issue-area'), "types.resource.fields.skill: must be a relation's slug of api::issue-area.issue-area"],
  [(c: any) => (c.labels.organisation.name = 'motto'), 'labels.organisation.name: "motto" is not an attribute'],
  [(c: any) => (c.labels.colour = { from: 'languages' }), 'labels.colour: is not a facet of any type'],
])('a configuration that does not fit the content types stops start-up, naming the key (%#)', (mutate, message) => {
  const config = validConfig();
  mutate(config);
  const strapi = { config: { get: () => config }, getModel: (uid: string) => app().strapi.getModel(uid as never) };
  expect(() => createTypes({ strapi } as never).validate()).toThrow(message);
});

describe('per-language analysis', () => {
  test('languages with a stemmer are stemmed, and diacritics are folded', () => {
    expect(analyzerFor('de').tokens('Verfassungsbeschwerden')).toEqual(analyzerFor('de').tokens('Verfassungsbeschwerde'));
    expect(analyzerFor('fr').tokens('contrôles')).toEqual(analyzerFor('fr').tokens('controle'));
  });

  test('a language without a stemmer is never stemmed by another language', () => {
    const polish = analyzerFor('pl');
    expect(polish.stemming).toBe(false);
    expect(polish.tokens('uzgodnienia Wrocław')).toEqual(['uzgodnienia', 'wroclaw']);
  });
});
