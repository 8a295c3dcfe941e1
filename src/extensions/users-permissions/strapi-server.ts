import type { Core } from '@strapi/strapi';
import authController from './controllers/auth';
import { applyConfiguredSender } from './email-sender';
import { getService } from './get-service';
import signInFailureLimit from './middlewares/sign-in-failure-limit';
import accountEmails from './services/account-emails';
import signInTiming from './services/sign-in-timing';

type Lifecycle = (context: { strapi: Core.Strapi }) => unknown;
type Action = Parameters<typeof authController>[0]['core'][string];

/** What this extension uses of the plugin's server part, as users-permissions 5.54 builds it. */
type UsersPermissionsServer = {
  controllers: { auth: (context: { strapi: Core.Strapi }) => Record<string, Action> };
  services: Record<string, unknown>;
  middlewares: Record<string, unknown>;
  routes: { 'content-api': { routes: Array<{ method: string; path: string; config?: { middlewares?: unknown[] } }> } };
  bootstrap?: Lifecycle;
  destroy?: Lifecycle;
};

/**
 * users-permissions, changed so that whether an e-mail address belongs to a member cannot be found
 * out from outside (issue 14): sign-in, password reset and confirmation e-mail answer the same, in the
 * same time, for any address; failed sign-ins are limited per identifier as well as per IP address.
 */
export default (plugin: UsersPermissionsServer) => {
  const coreAuth = plugin.controllers.auth;
  plugin.controllers.auth = ({ strapi }) => authController({ strapi, core: coreAuth({ strapi }) });
  plugin.services['account-emails'] = accountEmails;
  plugin.services['sign-in-timing'] = signInTiming;
  plugin.middlewares.signInFailureLimit = signInFailureLimit;

  const signIn = plugin.routes['content-api'].routes.find((route) => route.method === 'POST' && route.path === '/auth/local');
  if (!signIn?.config?.middlewares) throw new Error('users-permissions: the POST /auth/local route to limit was not found (changed by an upgrade?)');
  // After the core's per-address rateLimit: an address over its limit does not count against identifiers.
  signIn.config.middlewares.push('plugin::users-permissions.signInFailureLimit');

  const { bootstrap, destroy } = plugin;
  plugin.bootstrap = async (context) => {
    await bootstrap?.(context);
    await applyConfiguredSender(context.strapi);
    await getService(context.strapi, 'sign-in-timing').prepare();
  };
  // E-mails are sent after the answer: let those under way finish before the database closes.
  plugin.destroy = async (context) => {
    await getService(context.strapi, 'account-emails').settled();
    await destroy?.(context);
  };
  return plugin;
};
