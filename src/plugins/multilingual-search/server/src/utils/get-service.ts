import type { Core } from '@strapi/strapi';
import { parsePluginConfig } from '../config';
import type { PluginConfig } from '../config/schema';
import type services from '../services';

type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

export const PLUGIN_ID = 'multilingual-search';

/** Typed access to this plugin's services. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];

const parsed = new WeakMap<Core.Strapi, PluginConfig>();

/**
 * This plugin's configuration, parsed by its schema once per Strapi instance: Strapi keeps the
 * configuration as written, so the schema's defaults exist only in the parsed one.
 */
export const getConfig = (strapi: Core.Strapi): PluginConfig => {
  const cached = parsed.get(strapi);
  if (cached) return cached;
  const config = parsePluginConfig(strapi.config.get(`plugin::${PLUGIN_ID}`));
  parsed.set(strapi, config);
  return config;
};
