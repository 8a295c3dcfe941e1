import { getOpenAPIService } from '../../src/api/openapi/services/openapi';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';

/** The document takes seconds to generate: it is built once per process, at start-up, before the server answers anyone. */
process.env.OPENAPI_BUILD_AT_START = 'true';
const app = useApp('empty');

test('the document is built during start-up, and the first request answers with that build; it is never built twice', async () => {
  const { strapi } = app();
  const service = getOpenAPIService(strapi);
  // Started by the bootstrap, which has finished: the build is done before the server listens.
  expect(service.started).toBe(true);
  const building = service.document();
  const built = await building;

  const first = await api(app()).get('/api/openapi.json');
  expect(first.status).toBe(200);
  expect(first.body).toEqual(JSON.parse(JSON.stringify(built)));
  expect(first.body.paths['/workshops/{id}/registrations'].post.summary).toMatch(/Register the caller/);

  const second = await api(app()).get('/api/openapi.json');
  expect(second.body).toEqual(first.body);
  // One build per process: every caller gets the same promise, hence the same document.
  expect(service.document()).toBe(building);
});
