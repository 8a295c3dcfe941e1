import { compileErrors, validate } from '@readme/openapi-parser';
import { api } from '../helpers/api';
import { useApp } from '../helpers/strapi';

/** The OpenAPI document of the content API, as clients fetch it, against the routes the running app serves. */
const app = useApp('empty');

type Parameter = { name: string; in: string; required?: boolean; schema?: object };
type Operation = { parameters?: Parameter[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema?: object }> }> };
type Document = {
  openapi: string;
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};
type Route = { method: string; path: string };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const LOCAL_PLUGINS = ['skills-mapping', 'multilingual-search'];

let document: Document;
beforeAll(async () => {
  const response = await api(app()).get('/api/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  document = response.body;
});

/** `/api/workshops/:id/registrations` → `/workshops/{id}/registrations` (the document's servers carry `/api`). */
const documentPath = (routePath: string) => routePath.replace(/^\/api(?=\/)/, '').replace(/:(\w+)/g, '{$1}');
const operationOf = ({ method, path }: Route) => document.paths[documentPath(path)]?.[method.toLowerCase()];

/** Every content-API route the HTTP server answers, with its method. */
const servedRoutes = (): Route[] =>
  app()
    .strapi.server.listRoutes()
    .filter((layer) => layer.path.startsWith('/api/'))
    .flatMap((layer) => (layer.methods as string[]).filter((method) => METHODS.includes(method)).map((method) => ({ method, path: layer.path })));

/** The routes declared by the app's APIs and by the local plugins (content API only), with their full paths. */
const ownRoutes = (): Route[] => {
  const { strapi } = app();
  type Declared = { method: string; path: string; info?: { type?: string }; config?: { prefix?: string } };
  const contentAPI = (routers: Record<string, { type?: string; routes: Declared[] }>) =>
    Object.values(routers).flatMap((router) => router.routes.filter((route) => (route.info?.type ?? router.type ?? 'content-api') === 'content-api'));
  const fromApis = Object.values(strapi.apis).flatMap((apiModule) =>
    contentAPI(apiModule.routes as never).map((route) => ({ method: route.method, path: `/api${route.path}` })),
  );
  const fromPlugins = LOCAL_PLUGINS.flatMap((name) =>
    contentAPI(strapi.plugin(name).routes as never).map((route) => ({ method: route.method, path: `/api${route.config?.prefix ?? `/${name}`}${route.path}` })),
  );
  return [...fromApis, ...fromPlugins];
};

test('is served publicly, is OpenAPI 3.1 and validates', async () => {
  expect(document.openapi).toBe('3.1.0');
  expect(document.servers).toEqual([expect.objectContaining({ url: '/api' })]);
  const result = await validate(structuredClone(document) as never);
  if (!result.valid) throw new Error(compileErrors(result));
});

test('lists every content-API route the app serves, with its method', () => {
  const routes = servedRoutes();
  expect(routes.length).toBeGreaterThan(100);
  expect(routes.filter((route) => !operationOf(route))).toEqual([]);
});

test("describes each own route's path parameters, request body and success response", () => {
  const routes = ownRoutes();
  // The custom routes of the brief, among others, are enumerated from the app itself.
  expect(routes).toEqual(
    expect.arrayContaining([
      { method: 'POST', path: '/api/workshops/:id/registrations' },
      { method: 'GET', path: '/api/me/export' },
      { method: 'DELETE', path: '/api/me' },
      { method: 'GET', path: '/api/agreement-versions/current' },
      { method: 'GET', path: '/api/skills-mapping/matrix' },
      { method: 'GET', path: '/api/multilingual-search/search' },
    ]),
  );
  for (const route of routes) {
    const operation = operationOf(route)!;
    expect({ route, found: Boolean(operation) }).toEqual({ route, found: true });
    const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => name);
    expect(
      (operation.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort(),
    ).toEqual(pathParameters.sort());
    const success = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
    expect({ route, success: success.length > 0 }).toEqual({ route, success: true });
    // Answers in JSON come in Strapi's envelope (the document itself aside).
    const envelopes = success
      .flatMap(([, response]) => Object.entries(response.content ?? {}))
      .filter(([media]) => media === 'application/json' && route.path !== '/api/openapi.json');
    for (const [, { schema }] of envelopes)
      expect({ route, data: Object.keys((schema as { properties: object }).properties) }).toEqual({ route, data: expect.arrayContaining(['data']) });
  }
  for (const path of ['/skills-mapping/me/claims', '/members/me']) expect(document.paths[path].put.requestBody).toBeDefined();
  expect(document.paths['/agreement-versions/number/{number}/suggestions'].post.requestBody).toBeDefined();
});

test("the local plugins' routes carry their query parameters and a 200 response schema", () => {
  const queryOf = (path: string) => document.paths[path].get.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
  expect(queryOf('/skills-mapping/matrix')).toEqual(
    expect.arrayContaining(['dimension', 'minLevel', 'locale', 'country', 'organisation', 'issueArea', 'category', 'parent']),
  );
  expect(queryOf('/skills-mapping/experts')).toEqual(expect.arrayContaining(['skill', 'language', 'minLevel', 'canMentor']));
  expect(queryOf('/multilingual-search/search')).toEqual(expect.arrayContaining(['q', 'locale', 'types', 'facets', 'sort', 'page', 'pageSize']));
  const skill = document.paths['/skills-mapping/experts'].get.parameters!.find((p) => p.name === 'skill')!;
  expect(skill).toMatchObject({ required: true, schema: { type: 'string', minLength: 1, maxLength: 120 } });
  const search = document.paths['/multilingual-search/search'].get.parameters!;
  expect(search.find((p) => p.name === 'locale')).toMatchObject({ name: 'locale', in: 'query', required: false, schema: { type: 'string', maxLength: 20 } });
  // Each filter as the parameter clients send (`filters[resourceKind]=judgment`), with the types that have it and, for an enumeration, its values.
  const filters = Object.fromEntries(
    search
      .filter((p) => p.name.startsWith('filters['))
      .map((p) => [p.name.slice('filters['.length, -1), p as Parameter & { schema: { description?: string } }]),
  );
  expect(Object.keys(filters)).toEqual(
    expect.arrayContaining(['resourceKind', 'organisationKind', 'skillCategory', 'workshopFormat', 'jurisdiction', 'country', 'dateFrom']),
  );
  expect(filters).not.toHaveProperty('kind');
  expect(filters.resourceKind).toMatchObject({ required: false });
  expect(filters.resourceKind.schema.description).toMatch(/resource.*judgment/);
  const meta = (
    document.paths['/multilingual-search/search'].get.responses['200'].content!['application/json'].schema as {
      properties: { meta: { properties: Record<string, unknown> } };
    }
  ).properties.meta;
  expect(Object.keys(meta.properties)).toEqual(expect.arrayContaining(['facets', 'facetLabels']));

  for (const route of ownRoutes().filter((r) => LOCAL_PLUGINS.some((name) => r.path.startsWith(`/api/${name}/`)))) {
    const content = operationOf(route)!.responses['200']?.content ?? {};
    expect({ route, schema: Object.values(content).some((media) => Boolean(media.schema)) }).toEqual({ route, schema: true });
  }
  const matrix = document.paths['/skills-mapping/matrix'].get.responses['200'].content!['application/json'].schema as { properties: Record<string, unknown> };
  expect(Object.keys(matrix.properties)).toEqual(['data', 'meta']);
});

test('reveals no private attribute', () => {
  const { schemas } = document.components;
  expect(schemas.ApiMemberMemberDocument.properties).not.toHaveProperty('user');
  expect(schemas.ApiReadingGroupReadingGroupDocument.properties).not.toHaveProperty('participants');
  const text = JSON.stringify(document);
  for (const secret of ['tokenHash', 'resetPasswordToken', 'confirmationToken', 'calendar-feeds']) expect(text).not.toContain(secret);
});
