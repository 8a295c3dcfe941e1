import type { Core } from '@strapi/strapi';
import { generate, type GeneratorOutput } from '@strapi/openapi';
import { membersOnlyActions } from '../../../bootstrap/permissions';
import { SIGN_IN_MESSAGE } from '../../../middlewares/sign-in-required';
import { getPlatformConfig } from '../../../platform-config';
import { documentedOperations, type DocumentedOperation } from '../operations';

export type Document = GeneratorOutput['document'];
type Parameter = { name: string; in: string; required?: boolean; schema: Record<string, unknown> };
type Response = { description: string; content?: Record<string, { schema: Record<string, unknown> }> };
/** The parts of a generated operation completed here (the generator's own types are OpenAPI 3.0's and 3.1's mixed). */
type Operation = { summary?: string; parameters?: Parameter[]; responses?: Record<string, Response> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Adds what the generator cannot see in a custom route. The generator gives the route's declared
 * response as a 200; it is moved to the statuses the route really answers with.
 */
const describe = (operation: Operation, { summary, success, file, refusals = {} }: DocumentedOperation) => {
  const { 200: declared, ...common } = operation.responses ?? {};
  const content = file ? { [file]: { schema: { type: 'string' } } } : declared?.content;
  const answers = Object.entries(success).map(([status, description]) => [status, { description, ...(content && status !== '204' ? { content } : {}) }]);
  const refused = Object.entries(refusals).map(([status, description]) => [status, { description }]);
  operation.summary = summary;
  operation.responses = { ...common, ...Object.fromEntries(answers), ...Object.fromEntries(refused) };
};

/** OpenAPI requires every `{name}` of a path to be declared; the generator declares only those a route describes. */
const declarePathParameters = (path: string, operation: Operation) => {
  const declared = new Set((operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (!declared.has(name)) (operation.parameters ??= []).push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
};

type DeclaredRoute = { method: string; path: string; info?: { type?: string }; config?: { prefix?: string; auth?: { scope?: string[] } } };
type Router = { type?: string; prefix?: string; routes: DeclaredRoute[] };

/** `METHOD /path/{param}` of every content-API route whose action is for members only (see `membersOnlyActions`). */
const membersOnlyOperations = (strapi: Core.Strapi) => {
  const actions = membersOnlyActions(getPlatformConfig(strapi));
  const routers = (routes: unknown) => (Array.isArray(routes) ? [{ routes } as Router] : Object.values(routes as Record<string, Router>));
  const declared = [
    ...Object.values(strapi.apis).flatMap((api) => routers(api.routes).flatMap((router) => router.routes.map((route) => ({ route, prefix: '' })))),
    ...Object.values(strapi.plugins).flatMap((plugin) =>
      routers(plugin.routes).flatMap((router) =>
        router.routes.map((route) => ({ route, prefix: route.config && 'prefix' in route.config ? (route.config.prefix ?? '') : (router.prefix ?? '') })),
      ),
    ),
  ];
  return new Set(
    declared
      .filter(({ route }) => route.info?.type === 'content-api' && (route.config?.auth?.scope ?? []).some((action) => actions.has(action)))
      .map(({ route, prefix }) => `${route.method.toUpperCase()} ${`${prefix}${route.path}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}')}`),
  );
};

/**
 * The OpenAPI 3.1 document of the content API: what Strapi's generator derives from the running
 * app's routes (their declared `request` and `response`) and content types, completed with
 * `../operations.ts` for the custom routes of the app and of the local plugins.
 */
const build = (strapi: Core.Strapi): Document => {
  const { document } = generate(strapi, { type: 'content-api' });
  const unmatched = new Set(Object.keys(documentedOperations));
  const membersOnly = membersOnlyOperations(strapi);
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method] as Operation | undefined;
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (documentedOperations[key]) describe(operation, documentedOperations[key]);
      unmatched.delete(key);
      if (membersOnly.has(key)) operation.responses = { ...operation.responses, 401: { description: `Not signed in. ${SIGN_IN_MESSAGE}` } };
      declarePathParameters(path, operation);
    }
  }
  // A description left behind by a removed or renamed route would silently document nothing.
  if (unmatched.size > 0) throw new Error(`OpenAPI: documented operations match no content-API route: ${[...unmatched].join(', ')}`);
  document.servers = [{ url: strapi.config.get('api.rest.prefix', '/api'), description: 'Content API' }];
  // The public role answers without a token; members send their JWT, integrations an API token.
  document.security = [{}, { bearerAuth: [] }];
  return document;
};

const createOpenAPIService = ({ strapi }: { strapi: Core.Strapi }) => {
  let document: Promise<Document> | undefined;

  /** Built once per process (routes do not change while the app runs); every caller awaits the same build. */
  const get = () =>
    (document ??= new Promise<Document>((resolve, reject) => {
      // The generator works synchronously for seconds: it runs on its own turn of the event loop, not inside the caller's.
      setImmediate(() => {
        try {
          resolve(build(strapi));
        } catch (error) {
          reject(error);
        }
      });
    }));

  return {
    document: get,

    /** Whether the build has begun (at start-up, or at the first request when start-up did not build it). */
    get started() {
      return document !== undefined;
    },
  };
};

export default createOpenAPIService;

export const getOpenAPIService = (strapi: Core.Strapi) => strapi.service('api::openapi.openapi') as unknown as ReturnType<typeof createOpenAPIService>;
