import type { Core } from '@strapi/strapi';
import { getPlatformConfig } from '../platform-config';

/** The content locales: which ones content may be written and read in, and the one it falls back to. */
export type ContentLocales = { default: string; enabled: readonly string[] };

/**
 * The one home of the content locales for the app: `config/platform.ts`, validated at start-up and
 * created in the i18n plugin then (src/bootstrap/locales.ts). Read from the configuration, so no
 * request waits for the database to know them; the plugins get the same values through their own
 * configuration (config/plugins.ts).
 */
export const contentLocales = (strapi: Core.Strapi): ContentLocales => {
  const { defaultLocale, locales } = getPlatformConfig(strapi);
  return { default: defaultLocale, enabled: locales };
};

/** True when `code` is an enabled content locale. */
export const isEnabledLocale = (strapi: Core.Strapi, code: unknown): boolean => typeof code === 'string' && contentLocales(strapi).enabled.includes(code);
