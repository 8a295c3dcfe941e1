import type { Context } from 'koa';
import { forbidden } from '../../utils/errors';

/**
 * Who is asking, as far as content visibility is concerned.
 * - `public`: no credentials, or an API token that is not full-access (a public website's token must
 *   not see more than the public);
 * - `member`: a signed-in users-permissions user, whatever their role (authenticated,
 *   org-representative, facilitator);
 * - `trusted`: a full-access API token, which an administrator created for an integration, or an
 *   administrator signed in to the admin panel.
 */
export type Viewer = { kind: 'public' } | { kind: 'member'; userId: number; role: string } | { kind: 'trusted' };

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

/**
 * The one rule deciding who a request comes from, for the app and for its plugins: config/plugins.ts
 * hands this very function to the search and skills-mapping plugins (`viewerOf`), which decide only
 * what each kind of viewer gets.
 */
export const viewerFromContext = (ctx: Context): Viewer => {
  const auth = ctx.state?.auth;
  const strategy = auth?.strategy?.name;
  if (strategy === 'users-permissions' && auth.credentials?.id) {
    return { kind: 'member', userId: auth.credentials.id, role: auth.credentials.role?.type ?? 'authenticated' };
  }
  if (strategy === 'content-api-token' && auth.credentials?.type === 'full-access') {
    return { kind: 'trusted' };
  }
  if (strategy === 'admin' && auth.credentials?.id) {
    return { kind: 'trusted' };
  }
  return PUBLIC_VIEWER;
};

/**
 * The id of the signed-in user, for what members do for themselves (register, join, suggest…).
 * An API token, even a full-access one, stands for no member: 403 rather than a crash.
 */
export const signedInUserId = (ctx: Context, purpose: string): number => {
  const id = ctx.state.user?.id;
  if (typeof id !== 'number') throw forbidden(`Sign in as a member ${purpose}`);
  return id;
};
