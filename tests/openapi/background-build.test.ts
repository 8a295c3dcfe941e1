import { getOpenAPIService } from '../../src/api/openapi/services/openapi';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';

/** The document takes seconds to generate: it is built once per process, in the background once the server listens. */
process.env.OPENAPI_BUILD_AT_START = 'true';
const app = useApp('empty');

test('the first request after start-up answers with the build the server began when it started listening; it is never built twice', async () => {
  const { strapi } = app();
  const service = getOpenAPIService(strapi);
  expect(service.started).toBe(false);
  // As `strapi start` does once everything is loaded. The app's listener, added at bootstrap, runs before this callback.
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  expect(service.started).toBe(true);
  const building = service.document();

  const first = await api(app()).get('/api/openapi.json');
  expect(first.status).toBe(200);
  const built = await building;
  expect(first.body).toEqual(JSON.parse(JSON.stringify(built)));
  expect(first.body.paths['/workshops/{id}/registrations'].post.summary).toMatch(/Register the caller/);

  const second = await api(app()).get('/api/openapi.json');
  expect(second.body).toEqual(first.body);
  // One build per process: every caller gets the same promise, hence the same document.
  expect(service.document()).toBe(building);
  expect(await service.document()).toBe(built);
});
