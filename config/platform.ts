import type { Core } from '@strapi/strapi';

/**
 * Content locales, created at start-up. English is the default. The 24 official EU languages, then
 * Ukrainian, Turkish, Serbian, Albanian, Bosnian, Macedonian and Norwegian (Bokmål and Nynorsk:
 * Strapi has no plain `no`). Romani has no code in Strapi's locale list, so it cannot be enabled.
 * Exported for config/plugins.ts, which hands them to the plugins (they may not import app code).
 */
export const CONTENT_LOCALES = {
  default: 'en',
  enabled: [
    'en',
    'bg',
    'cs',
    'da',
    'de',
    'el',
    'es',
    'et',
    'fi',
    'fr',
    'ga',
    'hr',
    'hu',
    'it',
    'lt',
    'lv',
    'mt',
    'nl',
    'pl',
    'pt',
    'ro',
    'sk',
    'sl',
    'sv',
    'uk',
    'tr',
    'sr',
    'sq',
    'bs',
    'mk',
    'nb',
    'nn',
  ],
};

/**
 * Settings of the Community of Practice platform itself (read as `strapi.config.get('platform')`,
 * validated at start-up by `src/platform-config.ts`).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  defaultLocale: CONTENT_LOCALES.default,
  locales: CONTENT_LOCALES.enabled,
  /** Open self-registration would make members-only content public in all but name. */
  allowPublicSignup: env.bool('ALLOW_PUBLIC_SIGNUP', false),
  /**
   * Failed sign-ins allowed with one identifier (e-mail address or username), from any address, before
   * sign-in with it answers 429 until `windowMinutes` after the first failure. Counted for every
   * identifier, whether an account has it or not. users-permissions also limits each IP address.
   */
  signInFailures: { max: 10, windowMinutes: 15 },
  demo: {
    /** Seed demo data at the first start of `strapi develop` on an empty database. */
    seedOnFirstStart: env.bool('SEED_DEMO_DATA', true),
    adminEmail: env('ADMIN_EMAIL', 'admin@cop.example.org'),
    adminPassword: env('ADMIN_PASSWORD', 'Demo-admin-2026'),
    memberPassword: env('DEMO_MEMBER_PASSWORD', 'Demo-member-2026'),
  },
});

export default config;
