import fs from 'node:fs';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { MeiliError, invalid } from './errors';

/**
 * The Meilisearch OpenAPI contract: which routes exist, what a request may contain, what an
 * answer must look like. Ajv compiles the schemas on first use, against the spec's `components`
 * registered under SPEC_ID.
 */

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type MediaTypes = Record<string, { schema?: Schema }>;

type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: MediaTypes };
  responses: Record<string, { content?: MediaTypes }>;
  security?: Array<Record<string, string[]>>;
};

type Spec = {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** A request matched to its operation: `template` is the spec's path, e.g. `/indexes/{index_uid}`. */
export type Route = { method: string; template: string; operation: Operation; pathParams: Record<string, string> };

type ValidRequest = { query: Record<string, unknown>; body: unknown };

const SPEC_ID = 'https://contract.meilisearch.test/openapi.json';
const JSON_TYPE = 'application/json';

/**
 * Where the published contract is wrong about the real server (checked against Meilisearch's
 * source), so that valid client requests are not refused and invalid ones are.
 */
const patchSpec = (spec: Spec) => {
  const { schemas } = spec.components;
  // `AttributePatterns` is `#[serde(transparent)]` over Vec<String>: on the wire `facets` and
  // `facetsByIndex` values are arrays of strings, while the generated schema says `{ patterns }`.
  schemas.AttributePatterns = { type: 'array', items: { type: 'string' } };
  // These are deserialized with `deny_unknown_fields`: the real server refuses any other key,
  // the generated schemas forgot to say so.
  for (const name of ['SearchQuery', 'Settings_Unchecked', 'TypoSettings', 'MinWordSizeTyposSetting', 'FacetingSettings', 'PaginationSettings']) {
    schemas[name] = { ...schemas[name], additionalProperties: false };
  }
  // Without `federation`, POST /multi-search answers `{ results }` (SearchResults), which the
  // contract lists as a schema but not as an answer of the route.
  const multiSearch = spec.paths['/multi-search'].post.responses['200'].content![JSON_TYPE];
  multiSearch.schema = { anyOf: [{ $ref: '#/components/schemas/SearchResults' }, multiSearch.schema] };
};

/** Points the spec's local references (`#/components/...`) at the registered components. */
const absoluteRefs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#') ? `${SPEC_ID}${inner}` : absoluteRefs(inner),
    ]),
  );
};

/** Ajv's error, with the offending key or the allowed values when they help. */
const describeError = ({ instancePath, message, params }: ErrorObject, where: string) => {
  const allowed = params.allowedValues as unknown[] | undefined;
  const detail =
    params.additionalProperty !== undefined ? ` (\`${String(params.additionalProperty)}\`)` : allowed && allowed.length <= 10 ? ` (${allowed.join(', ')})` : '';
  return `${where}${instancePath} ${message}${detail}`;
};

const describeErrors = (errors: ErrorObject[] | null | undefined, where: string) =>
  (errors ?? [])
    .slice(0, 5)
    .map((error) => describeError(error, where))
    .join('; ');

type CompiledPath = { template: string; pattern: RegExp; names: string[]; literals: number; operations: Record<string, Operation> };

const compilePath = (template: string, operations: Record<string, Operation>): CompiledPath => {
  const segments = template.split('/').slice(1);
  const names = segments.filter((segment) => segment.startsWith('{')).map((segment) => segment.slice(1, -1));
  const source = segments.map((segment) => (segment.startsWith('{') ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return { template, pattern: new RegExp(`^/${source}$`), names, literals: segments.length - names.length, operations };
};

export const loadContract = (specPath: string) => {
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8')) as Spec;
  patchSpec(spec);
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  const validators = new Map<string, ValidateFunction>();
  // A literal segment wins over a parameter: POST /indexes/x/documents/delete is not a document id.
  const paths = Object.entries(spec.paths)
    .map(([template, operations]) => compilePath(template, operations))
    .sort((a, b) => b.literals - a.literals);

  const validator = (key: string, schema: Schema) => {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(absoluteRefs(schema) as Schema);
      validators.set(key, validate);
    }
    return validate;
  };

  const resolve = (schema: Schema): Schema => (typeof schema.$ref === 'string' ? resolve(spec.components.schemas[schema.$ref.split('/').pop()!]) : schema);

  /** Query strings carry text: a declared number, boolean or list is read as such before validation. */
  const coerce = (raw: string, schema: Schema): unknown => {
    const resolved = resolve(schema);
    const types = ([] as unknown[]).concat(resolved.type ?? []);
    if (types.includes('array')) return raw.split(',').map((item) => coerce(item, (resolved.items as Schema) ?? {}));
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
    if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
    return raw;
  };

  const match = (method: string, pathname: string): Route => {
    const candidates = paths.filter((path) => path.pattern.test(pathname));
    if (candidates.length === 0) throw new MeiliError(404, 'bad_request', `No route \`${pathname}\` in the Meilisearch API.`, true);
    const found = candidates.find((path) => path.operations[method.toLowerCase()]);
    if (!found) throw new MeiliError(405, 'bad_request', `Method ${method} is not allowed on \`${candidates[0].template}\`.`, true);
    const values = found.pattern.exec(pathname)!.slice(1).map(decodeURIComponent);
    return {
      method: method.toUpperCase(),
      template: found.template,
      operation: found.operations[method.toLowerCase()],
      pathParams: Object.fromEntries(found.names.map((name, i) => [name, values[i]])),
    };
  };

  const checkValue = (route: Route, parameter: Parameter, value: unknown) => {
    const validate = validator(`${route.method} ${route.template} ${parameter.in}:${parameter.name}`, parameter.schema ?? {});
    if (!validate(value)) throw invalid('bad_request', `Invalid value in parameter \`${parameter.name}\`: ${describeErrors(validate.errors, parameter.name)}`);
    return value;
  };

  const validateQuery = (route: Route, search: URLSearchParams) => {
    const declared = (route.operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
    for (const name of search.keys()) {
      if (!declared.some((parameter) => parameter.name === name)) {
        throw invalid(
          'bad_request',
          `Unknown parameter \`${name}\`: expected one of ${declared.map((parameter) => `\`${parameter.name}\``).join(', ') || 'none'}.`,
        );
      }
    }
    const query: Record<string, unknown> = {};
    for (const parameter of declared) {
      const raw = search.get(parameter.name);
      if (raw === null) {
        if (parameter.required) throw invalid('bad_request', `Missing parameter \`${parameter.name}\`.`);
        continue;
      }
      query[parameter.name] = checkValue(route, parameter, coerce(raw, parameter.schema ?? {}));
    }
    return query;
  };

  const validateBody = (route: Route, rawBody: string, contentType: string | undefined): unknown => {
    const requestBody = route.operation.requestBody;
    if (!requestBody) return undefined;
    if (rawBody === '') {
      if (requestBody.required) throw invalid('missing_payload', 'A payload is required: the request body is empty.');
      return undefined;
    }
    const mediaType = contentType?.split(';')[0].trim().toLowerCase();
    if (!mediaType) throw new MeiliError(415, 'missing_content_type', 'A Content-Type header is required.', true);
    const content = requestBody.content[mediaType];
    if (!content) {
      throw new MeiliError(
        415,
        'invalid_content_type',
        `The Content-Type \`${mediaType}\` is invalid: accepted are ${Object.keys(requestBody.content).join(', ')}.`,
        true,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      throw invalid('malformed_payload', `The JSON payload is malformed: ${(error as Error).message}`);
    }
    const validate = validator(`${route.method} ${route.template} body`, content.schema ?? {});
    if (!validate(body)) throw invalid('bad_request', `Invalid request body: ${describeErrors(validate.errors, 'body')}`);
    return body;
  };

  return {
    version: spec.info.version,
    settingsSchema: spec.components.schemas.Settings_Unchecked,
    match,

    /** Checks path, query and body against the operation; throws a 400/415 MeiliError on the first problem. */
    validateRequest(route: Route, search: URLSearchParams, rawBody: string, contentType: string | undefined): ValidRequest {
      for (const parameter of route.operation.parameters ?? []) {
        if (parameter.in === 'path') checkValue(route, parameter, coerce(route.pathParams[parameter.name], parameter.schema ?? {}));
      }
      return { query: validateQuery(route, search), body: validateBody(route, rawBody, contentType) };
    },

    /** Why an answer of ours breaks the contract, or undefined. Undeclared error answers must be `ResponseError`s. */
    checkResponse(route: Route, status: number, body: unknown): string | undefined {
      const declared = route.operation.responses[String(status)]?.content?.[JSON_TYPE]?.schema;
      if (!declared && status < 400) return `status ${status} is not a declared answer of ${route.method} ${route.template}`;
      const schema = declared ?? { $ref: '#/components/schemas/ResponseError' };
      const validate = validator(`${route.method} ${route.template} ${declared ? status : 'error'}`, schema);
      return validate(body) ? undefined : `invalid ${status} answer: ${describeErrors(validate.errors, 'response')}`;
    },

    /** Whether the search-only key may call the operation (its `security` admits the `search` action). */
    allowsSearchKey: (route: Route) => (route.operation.security ?? []).some((scheme) => scheme.Bearer?.includes('search')),

    isPublic: (route: Route) => (route.operation.security ?? []).length === 0,
  };
};
