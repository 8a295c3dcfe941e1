import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

/** Values shipped in `.env.example`: a server started with them is not secret at all. */
const PLACEHOLDERS = new Set(['', 'tobemodified', 'toBeModified1', 'toBeModified2', 'changeme']);

const isPlaceholder = (value: string) => value.split(',').some((part) => PLACEHOLDERS.has(part.trim()));

/**
 * Reads a secret from the environment. Outside production a missing value is the caller's problem
 * (`scripts/ensure-env.js` generates `.env` first); in production the server refuses to start with a
 * missing or example value, naming the variable.
 */
export const requireSecret = (env: Env, name: string): string => {
  const value = env(name, '') ?? '';
  if (process.env.NODE_ENV === 'production' && isPlaceholder(value)) {
    throw new Error(
      `${name} is ${value ? 'set to an example value' : 'missing'}: production needs a fresh random secret ` +
        `(for example \`openssl rand -base64 32\`; see .env.example).`,
    );
  }
  if (!value) {
    throw new Error(`${name} is missing: run \`node scripts/ensure-env.js\` to generate .env, or set it in the environment.`);
  }
  return value;
};
