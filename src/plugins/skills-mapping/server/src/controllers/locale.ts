import type { Core } from '@strapi/strapi';
import { getConfig } from '../utils/get-service';
import { invalidInput } from '../utils/parse';

/** The requested locale, or the default one; one that is not enabled is a 400 naming the parameter. */
export const resolveLocale = (strapi: Core.Strapi, requested: string | undefined): string => {
  const { enabled, default: defaultLocale } = getConfig(strapi).locales;
  const locale = requested ?? defaultLocale;
  if (!enabled.includes(locale)) throw invalidInput('parameter', [{ path: ['locale'], message: `unknown locale "${locale}"` }]);
  return locale;
};
