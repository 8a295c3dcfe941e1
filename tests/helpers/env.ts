/**
 * Environment of every test process (Jest `setupFiles`): no `.env` from the developer's checkout,
 * throw-away secrets, no network.
 */
import { randomBytes } from 'node:crypto';

const secret = () => randomBytes(16).toString('base64');

Object.assign(process.env, {
  ENV_PATH: '/dev/null',
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_EE: 'true',
  SEED_DEMO_DATA: 'false',
  // Seconds of CPU per app booted; tests/openapi/background-build.test.ts turns it back on.
  OPENAPI_BUILD_AT_START: 'false',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
