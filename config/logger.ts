import type { Core } from '@strapi/strapi';

// LOG_LEVEL: error, warn, info, http (default: every request) or verbose/debug.
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: env('LOG_LEVEL', 'http'),
});

export default config;
