import type { BrowserContext } from 'playwright-core';

/** Where the members' site keeps a member's sign-in for the life of the tab (src/members-site/api.ts). */
const SESSION_KEY = 'cop-search.session';

/**
 * Every page the context opens starts signed in to the members' site as the holder of `jwt`, as
 * its sign-in form would leave it, without going through the form (sign-ins are rate-limited).
 */
export const startSignedIn = (context: BrowserContext, member: { jwt: string; name: string }) =>
  context.addInitScript(([key, session]) => sessionStorage.setItem(key, session), [
    SESSION_KEY,
    JSON.stringify({ jwt: member.jwt, name: member.name }),
  ] as const);
