import { errors } from '@strapi/utils';
import createError from 'http-errors';

/**
 * A 400 in Strapi's error format that names `field` (`details.errors[0].path`), so API consumers
 * know what to fix and the admin panel shows the message next to the field.
 */
export const invalid = (field: string, message: string) =>
  new errors.ValidationError(message, { errors: [{ path: [field], message, name: 'ValidationError' }] });

/** A 409 in Strapi's error format (`ConflictError`), from anywhere: REST, admin panel, scripts. */
export const conflict = (message: string) => createError(409, message);

/**
 * A 403 that keeps its message. Strapi's router turns a `ForbiddenError` thrown by a controller into
 * a bare "Forbidden"; callers deserve to know why (e.g. "only the member who registered can cancel").
 */
export const forbidden = (message: string) => createError(403, message);

/** Where a value the caller sent sits: a query or route parameter, or a field of the request body. */
export type InputKind = 'parameter' | 'field';

/**
 * The app's one format for bad request input: a 400 (`ValidationError`) whose message names the
 * first problem as the caller wrote it (`Invalid parameter 'filters.title.$eq': …`,
 * `Invalid field 'sections.1.key': …`) and whose `details.errors` list every problem with its path.
 */
export const invalidInput = (kind: InputKind, problems: Array<{ path: Array<string | number>; message: string }>) => {
  const named = problems.map(({ path, message }) => ({ path: path.length ? path.map(String) : [kind === 'parameter' ? 'query' : 'data'], message }));
  return new errors.ValidationError(`Invalid ${kind} '${named[0].path.join('.')}': ${named[0].message}`, {
    errors: named.map(({ path, message }) => ({ path, message, name: 'ValidationError' })),
  });
};

/**
 * A 400 for a query parameter, named by its path as the caller wrote it (`filters.title.$eq`, `sort`,
 * `locale`), so API consumers know what to fix.
 */
export const invalidParameter = (parameter: string, problem: string) => invalidInput('parameter', [{ path: parameter.split('.'), message: problem }]);
