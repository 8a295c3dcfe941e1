import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import type services from '../services';

type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

export const PLUGIN_ID = 'skills-mapping';

/** Typed access to this plugin's services. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];

export const getConfig = (strapi: Core.Strapi) => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
