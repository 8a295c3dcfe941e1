#!/usr/bin/env node
// Creates .env from .env.example with fresh random secrets when .env does not exist yet.
// Runs before `develop`, `start` and `seed` (npm pre-scripts); an existing .env is never touched.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..');
const target = path.join(root, '.env');
if (fs.existsSync(target)) process.exit(0);

const secret = () => crypto.randomBytes(32).toString('base64');
const generated = {
  APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
};

const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
const content = example.replace(/^([A-Z_]+)=.*$/gm, (line, name) => (name in generated ? `${name}=${generated[name]}` : line));
fs.writeFileSync(target, content, { mode: 0o600 });
console.log('Created .env with fresh random secrets (see .env.example for every variable).');
