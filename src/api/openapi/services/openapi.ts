import type { Core } from '@strapi/strapi';
import { generate, type GeneratorOutput } from '@strapi/openapi';
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { documentedOperations, type DocumentedOperation, type DocumentedResponse } from '../operations';

type Document = GeneratorOutput['document'];
type JsonSchema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; schema: JsonSchema; style?: string; explode?: boolean };
type Response = { description: string; content?: Record<string, { schema: JsonSchema }> };
/** The parts of a generated operation completed here (the generator's own types are OpenAPI 3.0's and 3.1's mixed). */
type Operation = { summary?: string; parameters?: Parameter[]; requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> }; responses?: Record<string, Response> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Inline JSON Schema of a zod schema (OpenAPI 3.1 schemas are JSON Schema). Parameters and bodies
 * are described as clients send them: before the controllers' coercions and transforms.
 */
const toJsonSchema = (schema: z.ZodTypeAny): JsonSchema => {
  // zod-to-json-schema types its argument from `zod/v3`, which TypeScript cannot match to `zod`'s (same) types without recursing too deep.
  const { $schema: _dialect, ...jsonSchema } = zodToJsonSchema(schema as never, { $refStrategy: 'none', effectStrategy: 'input', pipeStrategy: 'input' }) as JsonSchema;
  return jsonSchema;
};

const parametersOf = (location: 'path' | 'query', parameters: z.AnyZodObject): Parameter[] =>
  Object.entries(parameters.shape as z.ZodRawShape).map(([name, zodSchema]) => {
    // Optionality is the parameter's `required`; converted as is, an optional schema would also admit "no value" in `schema`.
    const schema = toJsonSchema(zodSchema instanceof z.ZodOptional ? zodSchema.unwrap() : zodSchema);
    return {
      name,
      in: location,
      required: location === 'path' || !zodSchema.isOptional(),
      schema,
      // Object parameters (e.g. the search filters) are sent as `filters[issueArea]=…`.
      ...(schema.type === 'object' ? { style: 'deepObject', explode: true } : {}),
    };
  });

const responseOf = ({ description, mediaType = 'application/json', schema }: DocumentedResponse): Response => ({
  description,
  ...(schema ? { content: { [mediaType]: { schema: toJsonSchema(schema) } } } : {}),
});

/** Adds what the generator cannot see in a custom route; its common error responses stay unless documented otherwise. */
const describe = (operation: Operation, documented: DocumentedOperation) => {
  operation.summary = documented.summary;
  operation.parameters = [...(documented.params ? parametersOf('path', documented.params) : []), ...(documented.query ? parametersOf('query', documented.query) : [])];
  if (documented.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(documented.body) } } };
  const responses = Object.entries(documented.responses).map(([status, response]) => [status, responseOf(response)]);
  operation.responses = { ...operation.responses, ...Object.fromEntries(responses) };
};

/** OpenAPI requires every `{name}` of a path to be declared; the generator declares only those a route describes. */
const declarePathParameters = (path: string, operation: Operation) => {
  const declared = new Set((operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (!declared.has(name)) (operation.parameters ??= []).push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
};

/**
 * The OpenAPI 3.1 document of the content API: what Strapi's generator derives from the running
 * app's routes and content types, completed with `../operations.ts` for the custom routes of the
 * app and of the local plugins.
 */
const build = (strapi: Core.Strapi): Document => {
  const { document } = generate(strapi, { type: 'content-api' });
  const operations = documentedOperations(strapi);
  const unmatched = new Set(Object.keys(operations));
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method] as Operation | undefined;
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (operations[key]) describe(operation, operations[key]);
      unmatched.delete(key);
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

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let document: Document | undefined;
  return {
    /** Built on first use, once per process: routes do not change while the app runs. */
    document: () => (document ??= build(strapi)),
  };
};

export const getOpenAPIService = (strapi: Core.Strapi) => strapi.service('api::openapi.openapi') as unknown as { document: () => Document };
