import { errors } from '@strapi/utils';
import type { z } from 'zod';

/** Where a value the caller sent sits: a query parameter, or a field of the request body. */
export type InputKind = 'parameter' | 'field';

/**
 * A 400 in the app's format for bad input (the plugin imports no app code, so it has its own copy
 * of that one format): the message names the first problem as the caller wrote it
 * (`Invalid parameter 'locale': …`, `Invalid field 'data.1.skill': …`), `details.errors` lists
 * every problem with its path.
 */
export const invalidInput = (kind: InputKind, problems: Array<{ path: Array<string | number>; message: string }>) => {
  const named = problems.map(({ path, message }) => ({ path: path.length ? path.map(String) : [kind === 'parameter' ? 'query' : 'data'], message }));
  return new errors.ValidationError(`Invalid ${kind} '${named[0].path.join('.')}': ${named[0].message}`, {
    errors: named.map(({ path, message }) => ({ path, message, name: 'ValidationError' })),
  });
};

/** Parses request input with `schema` (under `at` in the request); every problem is a 400 naming it. */
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
