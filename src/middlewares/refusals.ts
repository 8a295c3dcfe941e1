import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';

type HttpErrorLike = Error & { status: number; expose?: boolean; details?: unknown };

/** The status `strapi::errors` answers each of Strapi's own errors with (its `formatApplicationError`); any other is a 400. */
const APPLICATION_ERROR_STATUSES: Array<[abstract new (...args: never[]) => Error, number]> = [
  [errors.UnauthorizedError, 401],
  [errors.ForbiddenError, 403],
  [errors.NotFoundError, 404],
  [errors.PayloadTooLargeError, 413],
  [errors.RateLimitError, 429],
  [errors.NotImplementedError, 501],
];

const applicationErrorStatus = (error: errors.ApplicationError) => APPLICATION_ERROR_STATUSES.find(([type]) => error instanceof type)?.[1] ?? 400;

/** An http-errors error (of any copy of the package) that may be shown to the caller: a 4xx. */
const isHttpRefusal = (error: unknown): error is HttpErrorLike => {
  const { status, expose } = (error ?? {}) as Partial<HttpErrorLike>;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500 && expose === true;
};

const isRefusal = (status: number) => status >= 400 && status < 500;

/**
 * Refusals (4xx: bad input, no access, not found, conflict, too many requests) are the API working
 * as intended, not faults: each is logged in one line at `http`, the level of the request log, with
 * the reason the caller was given. Real faults go on to `strapi::errors`, which logs them at `error`
 * with their stack and answers 500.
 *
 * `strapi::errors` (registered just before this middleware, so around it) answers Strapi's own errors
 * without logging them, but takes an http-error made by another copy of the http-errors package (the
 * app's `conflict()` and `forbidden()`, Koa's `ctx.throw`) for a fault and logs its stack. Those are
 * answered here, in the same format.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  // One line whatever the message holds: it can quote the caller's input.
  const logRefusal = (ctx: Context, status: number, message: string) =>
    strapi.log.http(`${ctx.method} ${ctx.path} ${status} ${message.replace(/[\s\u0000-\u001F\u007F-\u009F]+/g, ' ')}`);

  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof errors.ApplicationError && isRefusal(applicationErrorStatus(error))) {
        logRefusal(ctx, applicationErrorStatus(error), error.message);
        throw error;
      }
      if (!isHttpRefusal(error)) throw error;
      logRefusal(ctx, error.status, error.message);
      ctx.status = error.status;
      ctx.body = { data: null, error: { status: error.status, name: error.name, message: error.message, details: error.details ?? {} } };
      return;
    }
    // Answered without throwing, by `ctx.notFound()`, `ctx.forbidden()`… (the body of a refusal).
    const refusal = (ctx.body as { error?: { message?: unknown } } | undefined)?.error;
    if (isRefusal(ctx.status) && refusal) logRefusal(ctx, ctx.status, String(refusal.message ?? ''));
  };
};
