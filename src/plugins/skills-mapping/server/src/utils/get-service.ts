import type { Core } from '@strapi/strapi';
import { parsePluginConfig, type PluginConfig } from '../config';
import type services from '../services';

type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

export const PLUGIN_ID = 'skills-mapping';

/** Typed access to this plugin's services. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];

const parsed = new WeakMap<Core.Strapi, PluginConfig>();

/**
 * This plugin's configuration, parsed by its schema once per Strapi instance: Strapi keeps the
 * configuration as written, so only the parsed one is typed by the schema.
 */
export const getConfig = (strapi: Core.Strapi): PluginConfig => {
  const cached = parsed.get(strapi);
  if (cached) return cached;
  const config = parsePluginConfig(strapi.config.get(`plugin::${PLUGIN_ID}`));
  parsed.set(strapi, config);
  return config;
};
