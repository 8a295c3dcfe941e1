import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

/**
 * The origins whose web pages may call the API with a member's credentials: `CORS_ORIGINS`
 * (comma-separated), or else the app's own origin (`server.absoluteUrl`, from PUBLIC_URL). Never any
 * origin: with credentials allowed, any web site a signed-in member visits could act in their name.
 */
export const corsOrigins = (env: Env): string[] | (() => string[]) => {
  const configured = env.array('CORS_ORIGINS', []).filter(Boolean);
  for (const origin of configured) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed?.origin !== origin) {
      throw new Error(`CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.org (scheme, host and port, no path, no "*").`);
    }
  }
  if (configured.length > 0) return configured;
  // Read when a request comes: the absolute URL is derived from the server configuration after this file is loaded.
  return () => [new URL(strapi.config.get<string>('server.absoluteUrl')).origin];
};
