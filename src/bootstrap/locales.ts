import type { Core } from '@strapi/strapi';
import type { PlatformConfig } from '../platform-config';

/** Creates the configured content locales that do not exist yet and sets the default one. Idempotent. */
export const ensureLocales = async (strapi: Core.Strapi, { locales, defaultLocale }: PlatformConfig) => {
  const service = strapi.plugin('i18n').service('locales');
  const isoLocales = strapi.plugin('i18n').service('iso-locales').getIsoLocales() as Array<{ code: string; name: string }>;
  const existing = new Set(((await service.find()) as Array<{ code: string }>).map((locale) => locale.code));
  for (const code of locales) {
    if (existing.has(code)) continue;
    const iso = isoLocales.find((locale) => locale.code === code);
    if (!iso) throw new Error(`platform.locales: "${code}" is not a locale code Strapi accepts`);
    await service.create({ code, name: iso.name });
  }
  if ((await service.getDefaultLocale()) !== defaultLocale) {
    await service.setDefaultLocale({ code: defaultLocale });
  }
};
