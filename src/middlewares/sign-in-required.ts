import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { membersOnlyActions } from '../bootstrap/permissions';
import { getPlatformConfig } from '../platform-config';

export const SIGN_IN_MESSAGE =
  'Sign in to use this route: it is for members. Send your token as "Authorization: Bearer <JWT>" (POST /api/auth/local gives one).';

/**
 * users-permissions answers a bare 403 "Forbidden" when a route the public may not call is called
 * without a token, which reads as "you may never do this". For the routes members may call (see
 * `membersOnlyActions`) the caller only has to sign in: they get a 401 saying so, with
 * `WWW-Authenticate: Bearer`. Routes no role below them may call keep their 403; a token that is
 * invalid or expired keeps Strapi's own 401.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let membersOnly: Set<string> | undefined;

  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status !== 403) return;
    const { auth, route } = ctx.state as {
      auth?: { strategy?: { name?: string }; credentials?: unknown };
      route?: { config?: { auth?: { scope?: unknown } } };
    };
    // Anonymous: users-permissions authenticated the request as the public role, with no user.
    if (auth?.strategy?.name !== 'users-permissions' || auth.credentials) return;
    const scope = route?.config?.auth?.scope;
    membersOnly ??= membersOnlyActions(getPlatformConfig(strapi));
    if (!Array.isArray(scope) || !scope.some((action) => membersOnly!.has(action))) return;
    ctx.unauthorized(SIGN_IN_MESSAGE);
    ctx.set('WWW-Authenticate', 'Bearer');
  };
};
