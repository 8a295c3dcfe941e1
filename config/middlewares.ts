import type { Core } from '@strapi/strapi';
import { corsOrigins } from './lib/cors';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  // Inside strapi::errors: refusals (4xx) logged in one line, faults left to strapi::errors.
  'global::refusals',
  // Inside global::refusals, so the 401 it turns a members-only route's anonymous 403 into is logged as such.
  'global::sign-in-required',
  'global::ai-off',
  'strapi::security',
  { name: 'strapi::cors', config: { origin: corsOrigins(env) } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  // Every page of the members' site (/search/…) is its index.html; its files come from strapi::public.
  'global::members-site',
  'strapi::public',
];

export default config;
