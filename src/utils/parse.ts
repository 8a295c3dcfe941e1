import { z } from 'zod';
import { invalidInput, type InputKind } from './errors';

/**
 * Parses request input with `schema`: a query or route `parameter`, or the `field`s of a body
 * (under `at`, e.g. a route parameter's name). Every problem becomes a 400 in the app's one format
 * (see `invalidInput`), so API consumers know what to fix.
 */
export const parse = <T extends z.ZodTypeAny>(schema: T, value: unknown, kind: InputKind = 'parameter', at: Array<string | number> = []): z.infer<T> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(
    kind,
    result.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? { path: [...at, ...issue.path, issue.keys[0]], message: 'is not accepted here' }
        : { path: [...at, ...issue.path], message: issue.message },
    ),
  );
};

/** Strapi's documentIds: lowercase letters and digits (cuid2). Anything else is a malformed id. */
export const documentIdParam = z.string().regex(/^[a-z0-9]{16,40}$/, 'must be a documentId');
