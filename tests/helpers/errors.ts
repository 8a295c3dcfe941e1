/** A response body in Strapi's error format. */
export type ErrorBody = { error: { message: string; details?: { errors?: Array<{ path: string[] }> } } };

/** The paths of the fields an error's details name, dotted (`sections.1.key`). */
export const errorPaths = (body: ErrorBody) => (body.error.details?.errors ?? []).map((error) => error.path.join('.'));

/** The error names `field`, in its message or as the (start of the) path of one of its details. */
export const namesField = (body: ErrorBody, field: string) =>
  body.error.message.includes(field) || errorPaths(body).some((path) => path === field || path.startsWith(`${field}.`));
