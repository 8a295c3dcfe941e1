import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { env } from '@strapi/utils';
import { emailConfig } from '../../config/lib/email';
import { loadPlatformConfig } from '../../src/platform-config';
import { APP_DIR, DIST_DIR } from '../helpers/paths';

describe('secrets', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test.each([
    ['APP_KEYS', 'toBeModified1,toBeModified2', 'set to an example value'],
    ['JWT_SECRET', '', 'missing'],
    ['ADMIN_JWT_SECRET', 'tobemodified', 'set to an example value'],
  ])('production refuses to start with %s %j, naming the variable', (name, value, problem) => {
    // Production sends e-mail over SMTP: configured, so that only the secret is wrong.
    Object.assign(process.env, { NODE_ENV: 'production', SMTP_HOST: 'smtp.example.org', EMAIL_FROM: 'no-reply@example.org' });
    process.env[name] = value;
    expect(() => createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false })).toThrow(new RegExp(`${name} is ${problem}`));
  });

  test('a missing .env is generated from .env.example with fresh secrets, and an existing one is kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cop-env-'));
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.copyFileSync(path.join(APP_DIR, 'scripts', 'ensure-env.js'), path.join(dir, 'scripts', 'ensure-env.js'));
    fs.copyFileSync(path.join(APP_DIR, '.env.example'), path.join(dir, '.env.example'));
    execFileSync(process.execPath, [path.join(dir, 'scripts', 'ensure-env.js')]);
    const first = fs.readFileSync(path.join(dir, '.env'), 'utf8');
    const value = (name: string) => first.match(new RegExp(`^${name}=(.*)$`, 'm'))?.[1];
    for (const name of ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
      expect(value(name)).toMatch(/^[A-Za-z0-9+/=,]{40,}$/);
    }
    expect(value('DATABASE_CLIENT')).toBe('sqlite');
    expect((fs.statSync(path.join(dir, '.env')).mode & 0o777).toString(8)).toBe('600');
    execFileSync(process.execPath, [path.join(dir, 'scripts', 'ensure-env.js')]);
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe(first);
    fs.rmSync(dir, { recursive: true });
  });

  test('.env.example documents every variable the configuration reads', () => {
    const example = fs.readFileSync(path.join(APP_DIR, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]));
    const configDir = path.join(APP_DIR, 'config');
    const sources = fs.readdirSync(configDir, { recursive: true }).filter((file) => String(file).endsWith('.ts'));
    const read = sources.flatMap((file) =>
      [...fs.readFileSync(path.join(configDir, String(file)), 'utf8').matchAll(/(?:env(?:\.\w+)?\(|requireSecret\(env, )\s*'([A-Z_]+)'/g)].map((m) => m[1]),
    );
    expect(read).toEqual(expect.arrayContaining(['APP_KEYS', 'JWT_SECRET', 'DATABASE_URL', 'ALLOW_PUBLIC_SIGNUP']));
    for (const name of read) expect(documented).toContain(name);
  });
});

describe('e-mail configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const smtp = { EMAIL_TRANSPORT: 'smtp', SMTP_HOST: 'smtp.example.org', EMAIL_FROM: 'Community of Practice <no-reply@example.org>' };

  test.each([
    [{ NODE_ENV: 'production' }, 'SMTP_HOST: is required to send e-mail over SMTP'],
    [{ EMAIL_TRANSPORT: 'pigeon' }, 'EMAIL_TRANSPORT: '],
    [{ ...smtp, EMAIL_FROM: 'no-reply' }, 'EMAIL_FROM: must be an address'],
    [{ EMAIL_REPLY_TO: 'Secretariat <secretariat>' }, 'EMAIL_REPLY_TO: must be an address'],
    [{ ...smtp, SMTP_PORT: 'twenty-five' }, 'SMTP_PORT: '],
    [{ ...smtp, SMTP_SECURE: 'yes' }, 'SMTP_SECURE: '],
    [{ ...smtp, SMTP_USERNAME: 'relay' }, 'SMTP_PASSWORD: is required when SMTP_USERNAME is set'],
  ])('a bad setting stops start-up with a message naming the variable (%#)', (variables, message) => {
    Object.assign(process.env, variables);
    expect(() => createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: false })).toThrow(message);
  });

  test('SMTP settings reach the nodemailer provider', () => {
    Object.assign(process.env, {
      ...smtp,
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USERNAME: 'relay',
      SMTP_PASSWORD: 'secret',
      EMAIL_REPLY_TO: 'secretariat@example.org',
    });
    expect(emailConfig(env)).toEqual({
      provider: 'nodemailer',
      providerOptions: { host: 'smtp.example.org', port: 465, secure: true, auth: { user: 'relay', pass: 'secret' } },
      settings: { defaultFrom: 'Community of Practice <no-reply@example.org>', defaultReplyTo: 'secretariat@example.org' },
    });
  });

  test('outside production, e-mail is written to a folder by default', () => {
    const { provider, providerOptions, settings } = emailConfig(env);
    expect(provider).toBe('nodemailer');
    expect(providerOptions).toMatchObject({ name: 'folder' });
    expect(settings).toEqual({ defaultFrom: 'Community of Practice <no-reply@localhost>', defaultReplyTo: undefined });
  });
});

describe('platform configuration', () => {
  const withConfig = (value: unknown) => ({ config: { get: () => value } }) as never;
  const valid = {
    defaultLocale: 'en',
    locales: ['en', 'de'],
    allowPublicSignup: false,
    signInFailures: { max: 10, windowMinutes: 15 },
    demo: { seedOnFirstStart: true, adminEmail: 'a@example.org', adminPassword: 'long-enough', memberPassword: 'long-enough' },
  };

  test('a valid configuration loads', () => {
    expect(loadPlatformConfig(withConfig(valid))).toEqual(valid);
  });

  test.each([
    [{ ...valid, defaultLocale: 'fr' }, 'platform.defaultLocale'],
    [{ ...valid, locales: ['en', 'English'] }, 'platform.locales.1'],
    [{ ...valid, allowPublicSignup: 'yes' }, 'platform.allowPublicSignup'],
    [{ ...valid, signInFailures: { max: 0, windowMinutes: 15 } }, 'platform.signInFailures.max'],
    [{ ...valid, demo: { ...valid.demo, adminEmail: 'not-an-email' } }, 'platform.demo.adminEmail'],
  ])('a bad value stops start-up with a message naming the key (%#)', (config, key) => {
    expect(() => loadPlatformConfig(withConfig(config))).toThrow(key);
  });
});
