import type { Core } from '@strapi/strapi';
import type accountEmails from './services/account-emails';
import type signInTiming from './services/sign-in-timing';

type Services = {
  'account-emails': ReturnType<typeof accountEmails>;
  'sign-in-timing': ReturnType<typeof signInTiming>;
};

/** Typed access to the services this extension adds to users-permissions. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin('users-permissions').service(name) as unknown as Services[Name];
