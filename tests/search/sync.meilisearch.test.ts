import { takeDown, useMeilisearch } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { describeSyncSuite } from './sync-suite';

/** The shared sync suite on the Meilisearch engine, against the contract server. */
const meilisearch = useMeilisearch();
const app = useApp();

describeSyncSuite(app, { breakEngine: takeDown(meilisearch) });

// Checked after every test of the file has run: a request the real server would reject fails the file.
afterAll(() => {
  expect(meilisearch().requests.filter((request) => request.kind === 'settings').length).toBeGreaterThan(0);
  expect(meilisearch().violations).toEqual([]);
});
