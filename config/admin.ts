import type { Core } from '@strapi/strapi';
import { requireSecret } from './lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: requireSecret(env, 'ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: requireSecret(env, 'API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: requireSecret(env, 'TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: requireSecret(env, 'ENCRYPTION_KEY'),
  },
  autoOpen: false,
  // With AI off the panel still asks for its AI features: src/middlewares/ai-off.ts answers.
  ai: { enabled: false },
  // No front end renders drafts: with preview off the edit view's preview URL is a 204, not a 404.
  // (The type requires a handler; Strapi calls none while preview is off.)
  preview: { enabled: false, config: { handler: () => null } },
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: env.bool('FLAG_DOC_LINKS', true),
  },
});

export default config;
