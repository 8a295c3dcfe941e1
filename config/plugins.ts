import type { Core } from '@strapi/strapi';
import { requireSecret } from './lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: requireSecret(env, 'JWT_SECRET'),
      jwt: { expiresIn: '7d' },
    },
  },
  upload: {
    config: {
      security: {
        allowedTypes: ['image/*', 'audio/*', 'video/*', 'application/pdf', 'text/plain', 'text/csv',
          'application/msword', 'application/vnd.openxmlformats-officedocument.*', 'application/vnd.oasis.opendocument.*'],
        deniedTypes: ['image/svg+xml', 'application/x-msdownload', 'application/x-sh', 'text/x-shellscript'],
      },
    },
  },
});

export default config;
