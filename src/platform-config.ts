import type { Core } from '@strapi/strapi';
import { z } from 'zod';

const localeCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale code such as "de" or "pt-BR"');

const platformConfigSchema = z
  .object({
    defaultLocale: localeCode,
    locales: z.array(localeCode).min(1),
    allowPublicSignup: z.boolean(),
    signInFailures: z.object({
      max: z.number().int().min(1),
      windowMinutes: z.number().int().min(1),
    }),
    demo: z.object({
      seedOnFirstStart: z.boolean(),
      adminEmail: z.string().email(),
      adminPassword: z.string().min(8),
      memberPassword: z.string().min(8),
    }),
  })
  .refine((config) => config.locales.includes(config.defaultLocale), {
    message: 'must be one of platform.locales',
    path: ['defaultLocale'],
  });

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Reads `config/platform.ts`; a bad value stops start-up with a message naming the key. */
export const loadPlatformConfig = (strapi: Core.Strapi): PlatformConfig => {
  const result = platformConfigSchema.safeParse(strapi.config.get('platform'));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `platform.${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration in config/platform.ts:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
};

/** The platform's settings, checked at start-up by `loadPlatformConfig` (the schema transforms nothing). */
export const getPlatformConfig = (strapi: Core.Strapi) => strapi.config.get<PlatformConfig>('platform');
