import { breakEngineWrites } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { describeSyncSuite } from './sync-suite';

/**
 * The shared sync suite against a real Meilisearch server, when one is given:
 * MEILISEARCH_TEST_HOST, MEILISEARCH_TEST_ADMIN_KEY and MEILISEARCH_TEST_SEARCH_KEY. None can be
 * installed on the CI machines, so there it says it was skipped.
 */
const host = process.env.MEILISEARCH_TEST_HOST;

if (!host) {
  test.skip('skipped: no real Meilisearch server (set MEILISEARCH_TEST_HOST to run the sync suite against one)', () => undefined);
} else {
  beforeAll(() => {
    Object.assign(process.env, {
      MEILISEARCH_HOST: host,
      MEILISEARCH_ADMIN_KEY: process.env.MEILISEARCH_TEST_ADMIN_KEY ?? '',
      MEILISEARCH_SEARCH_KEY: process.env.MEILISEARCH_TEST_SEARCH_KEY ?? '',
      // Every run has indexes of its own on the shared server.
      SEARCH_INDEX_PREFIX: `test${process.env.TEST_RUN_ID}`,
    });
  });
  afterAll(() => {
    for (const name of ['MEILISEARCH_HOST', 'MEILISEARCH_ADMIN_KEY', 'MEILISEARCH_SEARCH_KEY', 'SEARCH_INDEX_PREFIX']) delete process.env[name];
  });
  const app = useApp();
  // A real server cannot be taken down from here: its engine's writes are made to fail instead.
  describeSyncSuite(app, { breakEngine: () => breakEngineWrites(app()) });
}
