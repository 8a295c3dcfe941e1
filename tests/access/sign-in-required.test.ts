import { membersOnlyActions } from '../../src/bootstrap/permissions';
import { getPlatformConfig } from '../../src/platform-config';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * Issue 18: a route for members, called without a token, says to sign in (401 with
 * `WWW-Authenticate: Bearer`) instead of users-permissions' bare 403 "Forbidden". Routes the public
 * may call, routes no member may call, and invalid tokens answer as before.
 */
const app = useApp('empty');

type Route = { method: string; path: string; info?: { type?: string }; config?: { prefix?: string; auth?: { scope?: string[] } } };
type Router = { prefix?: string; routes: Route[] };

/** Every content-API route (app and plugins) with its full path and action. */
const contentApiRoutes = () => {
  const { strapi } = app();
  const routers = (routes: unknown): Router[] => (Array.isArray(routes) ? [{ routes }] : Object.values(routes as Record<string, Router>));
  const fromApis = Object.values(strapi.apis).flatMap((module) =>
    routers(module.routes).flatMap((router) => router.routes.map((route) => ({ route, prefix: '' }))),
  );
  const fromPlugins = Object.values(strapi.plugins).flatMap((plugin) =>
    routers(plugin.routes).flatMap((router) =>
      router.routes.map((route) => ({ route, prefix: route.config && 'prefix' in route.config ? (route.config.prefix ?? '') : (router.prefix ?? '') })),
    ),
  );
  return [...fromApis, ...fromPlugins]
    .filter(({ route }) => route.info?.type === 'content-api')
    .map(({ route, prefix }) => ({
      method: route.method,
      // Any well-formed documentId stands in for a path parameter: the refusal comes before the controller.
      path: `/api${prefix}${route.path}`.replace(/\/+/g, '/').replace(/:\w+/g, 'abcdefghijklmnopqrstuvwx'),
      action: route.config?.auth?.scope?.[0] ?? '',
    }));
};

const call = (method: string, path: string, authorization?: string) => {
  const request = app().http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](path);
  return authorization ? request.set('Authorization', authorization) : request;
};

const expectSignIn = (response: { status: number; body: unknown; headers: Record<string, string> }, route: string) => {
  expect({ route, status: response.status, body: response.body, authenticate: response.headers['www-authenticate'] }).toEqual({
    route,
    status: 401,
    body: { data: null, error: { status: 401, name: 'UnauthorizedError', message: expect.stringMatching(/^Sign in to /), details: {} } },
    authenticate: 'Bearer',
  });
};

test('every members-only route, the plugins’ included, tells an anonymous caller to sign in', async () => {
  const membersOnly = membersOnlyActions(getPlatformConfig(app().strapi));
  const routes = contentApiRoutes().filter((route) => membersOnly.has(route.action));
  // The ones the brief names, among the rest, are found from the permissions, not listed by hand.
  expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
    expect.arrayContaining([
      'GET /api/registrations',
      'GET /api/members/me',
      'GET /api/me/export',
      'GET /api/me/calendar-feed',
      'GET /api/me/reading-groups',
      'GET /api/members/abcdefghijklmnopqrstuvwx/contact',
      'POST /api/members/abcdefghijklmnopqrstuvwx/messages',
      'GET /api/skills-mapping/experts',
      'GET /api/skills-mapping/me/claims',
      'GET /api/users/me',
    ]),
  );
  for (const route of routes) expectSignIn(await call(route.method, route.path), `${route.method} ${route.path}`);
});

test('routes the public may call answer as before', async () => {
  for (const path of ['/api/resources', '/api/members', '/api/skills-mapping/matrix', '/api/workshops/calendar.ics']) {
    expect([path, (await api(app()).get(path)).status]).toEqual([path, 200]);
  }
});

test('routes no member may call stay 403', async () => {
  for (const [method, path] of [
    ['POST', '/api/resources'],
    ['DELETE', '/api/members/abcdefghijklmnopqrstuvwx'],
    ['POST', '/api/agreement-versions/number/1/endorsements'],
    ['POST', '/api/auth/local/register'],
  ]) {
    const response = await call(method, path);
    expect([method, path, response.status, response.headers['www-authenticate']]).toEqual([method, path, 403, undefined]);
  }
});

test('an invalid token keeps Strapi’s own 401; a read-only API token keeps its 403', async () => {
  const invalid = await call('GET', '/api/registrations', 'Bearer not-a-token');
  expect(invalid.status).toBe(401);
  expect(invalid.body.error.message).not.toMatch(/^Sign in to /);

  const { accessKey } = await app().strapi.service('admin::api-token').create({ name: 'read-only test', type: 'read-only', lifespan: null });
  const readOnly = await call('POST', '/api/me/calendar-feed', `Bearer ${accessKey}`);
  expect([readOnly.status, readOnly.headers['www-authenticate']]).toEqual([403, undefined]);
});

test('a signed-in member is not affected', async () => {
  const member = await createUser(app(), 'authenticated');
  expect((await api(app(), member).get('/api/registrations')).status).toBe(200);
  expect((await api(app(), member).get('/api/members/me')).status).toBe(200);
});

test('the OpenAPI document declares the 401 on the members-only operations only', async () => {
  const document = (await api(app()).get('/api/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
  };
  for (const [path, method] of [
    ['/registrations', 'get'],
    ['/members/{id}/messages', 'post'],
    ['/skills-mapping/experts', 'get'],
    ['/users/me', 'get'],
  ]) {
    expect([path, method, document.paths[path][method].responses['401'].description]).toEqual([path, method, expect.stringContaining('Sign in to ')]);
  }
  for (const [path, method] of [
    ['/resources', 'get'],
    ['/resources', 'post'],
  ]) {
    expect([path, method, document.paths[path][method].responses['401'].description]).toEqual([path, method, expect.not.stringContaining('Sign in')]);
  }
  // Building the document takes seconds of work, more on a busy machine.
}, 300_000);
