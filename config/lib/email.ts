import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { folderTransport } from '../../src/email/folder-transport';

type Env = Core.Config.Shared.ConfigParams['env'];

/** The project folder (this file runs as dist/config/lib/email.js). */
const APP_DIR = path.resolve(__dirname, '..', '..', '..');

const mailbox = z
  .string()
  .regex(
    /^(?:[^<>@]+<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    'must be an address such as "Community of Practice <no-reply@example.org>" or "no-reply@example.org"',
  );

const sender = {
  EMAIL_FROM: mailbox,
  EMAIL_REPLY_TO: mailbox.or(z.literal('')),
};

/** The e-mail variables, keyed by their names so that every problem names the variable to fix. */
const emailEnvSchema = z
  .discriminatedUnion('EMAIL_TRANSPORT', [
    z.object({
      EMAIL_TRANSPORT: z.literal('smtp'),
      ...sender,
      SMTP_HOST: z.string().min(1, 'is required to send e-mail over SMTP'),
      SMTP_PORT: z.coerce.number().int().min(1).max(65535),
      SMTP_SECURE: z.enum(['true', 'false']).transform((value) => value === 'true'),
      SMTP_USERNAME: z.string(),
      SMTP_PASSWORD: z.string(),
    }),
    z.object({
      EMAIL_TRANSPORT: z.literal('folder'),
      ...sender,
      EMAIL_FOLDER: z.string().min(1),
    }),
  ])
  .superRefine((settings, context) => {
    if (settings.EMAIL_TRANSPORT === 'smtp' && !settings.SMTP_USERNAME !== !settings.SMTP_PASSWORD) {
      const [missing, set] = settings.SMTP_USERNAME ? ['SMTP_PASSWORD', 'SMTP_USERNAME'] : ['SMTP_USERNAME', 'SMTP_PASSWORD'];
      context.addIssue({ code: z.ZodIssueCode.custom, path: [missing], message: `is required when ${set} is set` });
    }
  });

/**
 * The e-mail plugin's configuration, from the environment (see .env.example). Every message goes
 * through Strapi's nodemailer provider: over SMTP (the default in production), or written to a
 * folder (the default elsewhere: no mail server needed, no network call). A bad value stops start-up
 * with a message naming the variable.
 */
export const emailConfig = (env: Env) => {
  const transport = env('EMAIL_TRANSPORT', '') || (process.env.NODE_ENV === 'production' ? 'smtp' : 'folder');
  const result = emailEnvSchema.safeParse({
    EMAIL_TRANSPORT: transport,
    // Production names its own sender; a development sender needs no real domain.
    EMAIL_FROM: env('EMAIL_FROM', '') || (transport === 'folder' ? 'Community of Practice <no-reply@localhost>' : ''),
    EMAIL_REPLY_TO: env('EMAIL_REPLY_TO', ''),
    EMAIL_FOLDER: env('EMAIL_FOLDER', '') || '.tmp/mail',
    SMTP_HOST: env('SMTP_HOST', ''),
    SMTP_PORT: env('SMTP_PORT', '') || '587',
    SMTP_SECURE: env('SMTP_SECURE', '') || 'false',
    SMTP_USERNAME: env('SMTP_USERNAME', ''),
    SMTP_PASSWORD: env('SMTP_PASSWORD', ''),
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid e-mail configuration (see .env.example):\n  ${problems.join('\n  ')}`);
  }
  const settings = result.data;

  return {
    provider: 'nodemailer',
    providerOptions:
      settings.EMAIL_TRANSPORT === 'smtp'
        ? {
            host: settings.SMTP_HOST,
            port: settings.SMTP_PORT,
            // false: STARTTLS on 587 (or 25); true: TLS from the first byte, on 465.
            secure: settings.SMTP_SECURE,
            auth: settings.SMTP_USERNAME ? { user: settings.SMTP_USERNAME, pass: settings.SMTP_PASSWORD } : undefined,
          }
        : folderTransport(path.resolve(APP_DIR, settings.EMAIL_FOLDER)),
    settings: {
      defaultFrom: settings.EMAIL_FROM,
      defaultReplyTo: settings.EMAIL_REPLY_TO || undefined,
    },
  };
};
