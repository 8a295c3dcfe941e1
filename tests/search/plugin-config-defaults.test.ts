import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { parsePluginConfig } from '../../src/plugins/multilingual-search/server/src/config';
import { getConfig } from '../../src/plugins/multilingual-search/server/src/utils/get-service';
import { getConfig as getSkillsConfig } from '../../src/plugins/skills-mapping/server/src/utils/get-service';
import { api } from '../helpers/api';
import { APP_DIR, DIST_DIR } from '../helpers/paths';
import { startApp } from '../helpers/strapi';

/**
 * The schema's defaults apply: a search type written without `exclude` and `exact` starts and is
 * searchable. The configuration is changed the way an operator would, through Strapi's own loading
 * of `config/env/<NODE_ENV>/plugins.js` (merged over `config/plugins.js`), in an environment of
 * this test's own so that no other test file sees it.
 */

/** Issue areas as a search type, with only the keys that have no default. */
const minimalType = {
  uid: 'api::issue-area.issue-area',
  fields: { title: 'name', slug: 'slug' },
  title: 'title',
  snippet: ['title'],
  searchable: ['title'],
  filterable: [],
  sortable: [],
  facets: [],
  visibility: 'public',
};

/** An environment of this test's own whose plugins.js adds `types` (named in English) to the search configuration. */
const environmentWith = (types: Record<string, unknown>) => {
  const name = `plugin-config-${randomBytes(4).toString('hex')}`;
  const dir = path.join(DIST_DIR, 'config', 'env', name);
  const config = {
    'multilingual-search': { config: { types, labels: { type: { words: { en: Object.fromEntries(Object.keys(types).map((type) => [type, type])) } } } } },
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'plugins.js'), `module.exports = ${JSON.stringify(config)};\n`);
  return { name, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
};

/** Boots the app on the seeded data in an environment whose configuration adds `types`. */
const startWithSearchTypes = async (types: Record<string, unknown>) => {
  const environment = environmentWith(types);
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = environment.name;
  const restore = () => {
    process.env.NODE_ENV = nodeEnv;
    environment.remove();
  };
  try {
    const app = await startApp('seeded');
    return {
      app,
      cleanUp: async () => {
        await app.stop();
        restore();
      },
    };
  } catch (error) {
    restore();
    throw error;
  }
};

describe('a search type with only the required keys', () => {
  let started: Awaited<ReturnType<typeof startWithSearchTypes>> | undefined;
  const app = () => started!.app;
  beforeAll(async () => {
    started = await startWithSearchTypes({ 'issue-area': minimalType });
  }, 180_000);
  afterAll(async () => {
    await started?.cleanUp();
  }, 60_000);

  test('starts, with the defaults in the configuration the plugin uses', () => {
    const type = getConfig(app().strapi).types['issue-area'];
    expect(type.exclude).toEqual({});
    expect(type.exact).toEqual([]);
    // Strapi serves the same parsed configuration.
    expect(app().strapi.config.get('plugin::multilingual-search.types.issue-area.exclude')).toEqual({});
  });

  test('is indexed and searchable', async () => {
    const response = await api(app()).get('/api/multilingual-search/search?q=climate&locale=en&types=issue-area');
    expect(response.status).toBe(200);
    expect(response.body.data.map((hit: { slug: string }) => hit.slug)).toContain('environment-climate');
  });

  test("the skills map's configuration is the parsed one too", () => {
    expect(getSkillsConfig(app().strapi)).toMatchObject({ publicMinimumCount: 3, reassessAfterMonths: 12, expertsLimit: 50 });
  });
});

// In a process of its own: a Strapi whose start-up failed leaves its other loaders running.
test('a bad search type stops start-up with a message naming the key', () => {
  const environment = environmentWith({ 'issue-area': { ...minimalType, searchable: ['nowhere'] } });
  try {
    const boot = `require('@strapi/strapi').createStrapi(${JSON.stringify({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false })})
      .load().then(() => process.exit(0), (error) => { console.error(error.message); process.exit(1); });`;
    const child = spawnSync(process.execPath, ['-e', boot], {
      cwd: APP_DIR,
      env: { ...process.env, NODE_ENV: environment.name },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('multilingual-search.types.issue-area.searchable.0: "nowhere" is not one of the fields');
  } finally {
    environment.remove();
  }
}, 180_000);

describe('parsing (unit)', () => {
  const written = { ...minimalType };

  test('fills in the defaults that validation alone would leave out', () => {
    const strapi = { config: { get: () => ({ ...validBase(), types: { 'issue-area': written } }) } } as unknown as Core.Strapi;
    expect(getConfig(strapi).types['issue-area']).toMatchObject({ exclude: {}, exact: [] });
    // Parsed once per Strapi instance.
    expect(getConfig(strapi)).toBe(getConfig(strapi));
  });

  test('names the key of a bad value', () => {
    expect(() => parsePluginConfig({ ...validBase(), types: { 'issue-area': { ...written, exclude: 'hidden' } } })).toThrow(
      'multilingual-search.types.issue-area.exclude',
    );
  });
});

/** A complete configuration but for its types. */
const validBase = () => ({
  viewerOf: () => ({ kind: 'public' }),
  locales: { default: 'en', enabled: ['en', 'de'] },
  indexPrefix: 'unit',
  types: {},
  labels: { type: { from: 'words', words: { en: {} } }, language: { from: 'languages' } },
  sync: {
    batchSize: 200,
    pollIntervalMs: 1000,
    retryDelayMs: 1000,
    maxRetryDelayMs: 300_000,
    maxAttempts: 8,
    logRetentionMs: 3_600_000,
    lateCommitMs: 300_000,
  },
  meilisearch: { host: '', publicHost: '', adminKey: '', searchKey: '', timeoutMs: 10_000, taskTimeoutMs: 60_000, synonyms: {} },
  embedded: { recommendedMaxDocuments: 50_000 },
  tenantTokens: { enabled: true, public: true, expiresInSeconds: 3600 },
  search: { maxPageSize: 50, defaultPageSize: 10, maxQueryLength: 512, window: 1000 },
});
