import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

type UserService = {
  ensureHashedPasswords: (values: { password: string }) => Promise<{ password: string }>;
  validatePassword: (password: string, hash: string) => Promise<boolean>;
};

/**
 * The core's sign-in compares the password with bcrypt only when an account has the identifier, so
 * a wrong password took ~90 ms for a member and ~12 ms for an address nobody has. Run before the
 * core's sign-in, this service makes both cost the same: a member's sign-in is this lookup, then the
 * core's lookup and bcrypt comparison; an unknown identifier's is this lookup and a bcrypt comparison
 * with a stand-in hash (made like a stored one, at the same cost), then the core's lookup.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const users = () => strapi.plugin('users-permissions').service('user') as UserService;
  let standInHash: Promise<string> | undefined;
  const prepare = () => {
    standInHash ??= users()
      .ensureHashedPasswords({ password: randomBytes(24).toString('base64') })
      .then(({ password }) => password);
    return standInHash;
  };

  return {
    /** Hashes a random password once, at start-up, so that no sign-in pays for hashing it. */
    prepare,

    /** When no account with a password has the sign-in's identifier, checks its password against the stand-in hash. */
    async checkStandInIfUnknown(body: unknown) {
      const { identifier, password } = (body ?? {}) as { identifier?: unknown; password?: unknown };
      // The core refuses such a body before looking anyone up.
      if (typeof identifier !== 'string' || typeof password !== 'string' || !identifier || !password) return;
      const account = await strapi.db.query('plugin::users-permissions.user').findOne({
        where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
      });
      if (!account?.password) await users().validatePassword(password, await prepare());
    },
  };
};
