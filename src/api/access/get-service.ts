import type { Core } from '@strapi/strapi';
import type createScopeService from './services/scope';

type Services = { scope: ReturnType<typeof createScopeService> };

/** Typed access to this API's services (`strapi.service('api::access.<name>')`). */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.service(`api::access.${name}`) as unknown as Services[Name];
