import type { Core } from '@strapi/strapi';

/** Strapi's factory sender of the users-permissions e-mails, which an SMTP relay would refuse to send for. */
const FACTORY_SENDER = 'no-reply@strapi.io';

type Templates = Record<string, { options: { from: { name: string; email: string } } }>;

/**
 * Makes the configured sender (EMAIL_FROM) the sender of the password reset and confirmation e-mails
 * while they still have Strapi's factory one. A sender chosen in the admin panel (Settings, Users &
 * Permissions, Email templates) is kept.
 */
export const applyConfiguredSender = async (strapi: Core.Strapi) => {
  const defaultFrom = strapi.config.get('plugin::email.settings.defaultFrom') as string;
  const [, name = '', email = defaultFrom] = /^(.*?)\s*<([^<>]+)>$/.exec(defaultFrom) ?? [];
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const templates = (await store.get({ key: 'email' })) as Templates;
  const unchanged = Object.values(templates).filter((template) => template.options.from.email === FACTORY_SENDER);
  if (unchanged.length === 0) return;
  for (const template of unchanged) template.options.from = { name, email };
  await store.set({ key: 'email', value: templates });
};
