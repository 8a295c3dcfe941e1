import type { Core } from '@strapi/strapi';
import { requireSecret } from './lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy (TRUST_PROXY=true), a client's address is the one the proxy added last to
  // X-Forwarded-For: users-permissions' per-address limits on sign-in and the other auth routes need
  // it. Without a proxy the header is ignored, since any client can send it.
  proxy: { koa: env.bool('TRUST_PROXY', false), maxIpsCount: 1 },
  app: {
    keys: requireSecret(env, 'APP_KEYS').split(','),
  },
  // The update check calls the npm registry at every start; the platform makes no call it was not configured for.
  // The start-up banner is replaced by one line printed when the server answers (src/bootstrap/ready-line.ts).
  logger: {
    updates: { enabled: false },
    startup: { enabled: false },
  },
});

export default config;
