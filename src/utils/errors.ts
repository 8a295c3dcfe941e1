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

/**
 * A 400 for a query parameter, named by its path as the caller wrote it (`filters.title.$eq`, `sort`,
 * `locale`), so API consumers know what to fix.
 */
export const invalidParameter = (parameter: string, problem: string) => {
  const message = `Invalid parameter '${parameter}': ${problem}`;
  return new errors.ValidationError(message, { errors: [{ path: [parameter], message, name: 'ValidationError' }] });
};
