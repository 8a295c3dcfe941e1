import type { Core } from '@strapi/strapi';
import { requireSecret } from './lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: requireSecret(env, 'APP_KEYS').split(','),
  },
  // The update check calls the npm registry at every start; the platform makes no call it was not configured for.
  logger: {
    updates: { enabled: false },
  },
});

export default config;
