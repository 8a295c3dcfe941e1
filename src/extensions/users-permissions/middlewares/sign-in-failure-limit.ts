import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { LRUCache } from 'lru-cache';
import { getPlatformConfig } from '../../../platform-config';

type Failures = { count: number; until: number };

/**
 * Limits failed sign-ins per identifier (e-mail address or username), from any address: after
 * `platform.signInFailures.max` failures, sign-in with that identifier answers 429 until
 * `windowMinutes` after the first of them. users-permissions' `rateLimit` limits each IP address;
 * this limits guessing one member's password from many.
 *
 * Identifiers are counted as typed (case-folded, as the core matches e-mails), whether or not an
 * account has them, so the limit and its answer are the same for every identifier and cannot tell
 * which exist. Counts live in this process's memory, like the per-address ones.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { max, windowMinutes } = getPlatformConfig(strapi).signInFailures;
  // Bounded, so that a flood of made-up identifiers cannot exhaust memory.
  const failures = new LRUCache<string, Failures>({ max: 100_000 });

  return async (ctx: Context, next: Next) => {
    const { identifier } = ((ctx.request as { body?: unknown }).body ?? {}) as { identifier?: unknown };
    if (typeof identifier !== 'string') return next();
    const key = identifier.toLowerCase();
    const now = Date.now();
    const counted = failures.get(key);
    const current = counted && counted.until > now ? counted : undefined;

    if (current && current.count >= max) {
      ctx.set('Retry-After', String(Math.ceil((current.until - now) / 1000)));
      throw new errors.RateLimitError(`Too many failed sign-ins with this e-mail address or username: try again in ${windowMinutes} minutes at the latest.`);
    }
    // Counted before the password is checked, so that simultaneous attempts cannot all pass the check above.
    const attempt = current ?? { count: 0, until: now + windowMinutes * 60_000 };
    attempt.count += 1;
    failures.set(key, attempt);
    try {
      await next();
      failures.delete(key);
    } catch (error) {
      // A wrong identifier or password is a ValidationError (so is a malformed body): it stays counted.
      if (!(error instanceof errors.ValidationError)) attempt.count -= 1;
      throw error;
    }
  };
};
