import type { Core } from '@strapi/strapi';
import { z } from '@strapi/utils';
import { z as parsing } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

/**
 * Schemas declared on routes (`request`, `response`), which Strapi's OpenAPI generator reads.
 *
 * The generator takes Zod 4 schemas of the Zod copy Strapi ships (re-exported by `@strapi/utils`
 * as `z`): only with that copy do descriptions reach the document, since Zod 4 keeps them in a
 * registry shared by copies of its own version. Responses are written with it directly. Requests
 * are parsed by the controllers with the app's Zod 3 schemas, so `routeRequest` converts those:
 * the document and the parsing never disagree.
 */
export { z };

type Request = NonNullable<Core.RouteInput['request']>;

/** The input as clients send it (before the controllers' coercions and transforms), as a Zod 4 schema. */
const asSent = (schema: parsing.ZodTypeAny): z.ZodType => {
  // zod-to-json-schema types its argument from `zod/v3`, which TypeScript cannot match to `zod`'s (same) types without recursing too deep.
  const { $schema: _dialect, ...jsonSchema } = zodToJsonSchema(schema as never, { $refStrategy: 'none', effectStrategy: 'input', pipeStrategy: 'input' });
  return z.fromJSONSchema(jsonSchema as never);
};

/** One schema per parameter, optional where the parsing schema lets it out (the generator reads `required` from that). */
const parametersOf = (shape: parsing.ZodRawShape): Record<string, z.ZodType> =>
  Object.fromEntries(
    Object.entries(shape).map(([name, schema]) => {
      // Converted as is, an optional schema would also admit "no value" in the parameter's schema.
      const sent = asSent(schema instanceof parsing.ZodOptional ? schema.unwrap() : schema);
      return [name, schema.isOptional() ? sent.optional() : sent];
    }),
  );

/**
 * A route's `request` from the schemas its controller parses with: each path parameter's, the
 * query's, and the fields of the JSON body.
 */
export const routeRequest = ({ params, query, body }: { params?: parsing.ZodRawShape; query?: parsing.AnyZodObject; body?: parsing.ZodRawShape }): Request => ({
  ...(params ? { params: parametersOf(params) } : {}),
  ...(query ? { query: parametersOf(query.shape) } : {}),
  ...(body ? { body: { 'application/json': asSent(parsing.object(body)) } } : {}),
});

/** Strapi's response envelope: `{ data }`, and `{ data, meta }` where the route answers a `meta`. */
export const envelope = (data: z.ZodType, meta?: z.ZodType) => z.object({ data, ...(meta ? { meta } : {}) });

/** An ISO 8601 date and time, as Strapi answers dates. */
export const timestamp = z.iso.datetime({ offset: true });

/**
 * Strapi 5 reserves `status` for draft/published, so the attributes are `state` (registrations),
 * `stage` (agreement versions) and `decision` (suggestions): the generic content API answers them by
 * those names. The app's own routes answer `status`, as they always have.
 */
export const answeredAsStatus = (attribute: string, type: string) =>
  `the ${type}'s \`${attribute}\` attribute, still named \`status\` in this route's answer (the generic content API names it \`${attribute}\`)`;
