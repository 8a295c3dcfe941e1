import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Response } from 'supertest';
import { useApp } from '../helpers/strapi';
import { createAccount, TEST_PASSWORD } from '../helpers/users';

/**
 * Issue 14: whether an e-mail address belongs to a member must not be discoverable. Sign-in with a
 * wrong password, password reset and the confirmation e-mail answer a member's address and an
 * unknown one with the same status and body, in the same time; failed sign-ins are limited per
 * identifier as well as per address. E-mail is written to a folder by the development transport.
 *
 * The app trusts X-Forwarded-For here (TRUST_PROXY, as behind a reverse proxy), so that each request
 * can come from an address of its own, as an attacker's with many addresses would.
 */
const mailFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cop-mail-'));
const ENV = { TRUST_PROXY: 'true', EMAIL_TRANSPORT: 'folder', EMAIL_FOLDER: mailFolder };
Object.assign(process.env, ENV);
const app = useApp();
afterAll(() => {
  for (const name of Object.keys(ENV)) delete process.env[name];
  fs.rmSync(mailFolder, { recursive: true, force: true });
});

let addresses = 0;
/** A client address no request has come from yet. */
const newAddress = () => {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};
const post = (url: string, body: object, from = newAddress()) => app().http().post(url).set('X-Forwarded-For', from).send(body);
const unknownAddress = () => `nobody-${Math.random().toString(36).slice(2)}@test.example.org`;

type Mail = { to: Array<{ address: string }>; from: { address: string; name: string }; subject: string; text: string };
const mailsTo = (address: string): Mail[] =>
  fs
    .readdirSync(mailFolder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(mailFolder, file), 'utf8')) as Mail)
    .filter((mail) => mail.to.some((to) => to.address === address));

/** E-mail is sent after the answer: waits for the `count`th message to `address`. */
const waitForMail = async (address: string, count = 1) => {
  const deadline = Date.now() + 10_000;
  while (mailsTo(address).length < count) {
    if (Date.now() > deadline) throw new Error(`no e-mail to ${address} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return mailsTo(address)[count - 1];
};
const emailsSettled = () => app().strapi.plugin('users-permissions').service('account-emails').settled() as Promise<void>;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const TRIES = 20;
const WARM_UP = 2;

/**
 * Sends `request(side, i)` for a member's address and for an unknown one, alternately (which side
 * goes first alternates too, so neither always follows the other's after-answer work), after a
 * warm-up; returns every answer and each side's median time.
 */
const compare = async (request: (side: 'member' | 'unknown', i: number) => Promise<Response>) => {
  const result = { member: { responses: [] as Response[], times: [] as number[] }, unknown: { responses: [] as Response[], times: [] as number[] } };
  for (let i = 0; i < WARM_UP + TRIES; i += 1) {
    for (const side of i % 2 ? (['unknown', 'member'] as const) : (['member', 'unknown'] as const)) {
      const started = performance.now();
      const response = await request(side, i);
      const time = performance.now() - started;
      if (i < WARM_UP) continue;
      result[side].responses.push(response);
      result[side].times.push(time);
    }
  }
  return { ...result, medians: { member: median(result.member.times), unknown: median(result.unknown.times) } };
};

const report = (what: string, medians: { member: number; unknown: number }) =>
  console.log(`${what}: median ${medians.member.toFixed(1)} ms for a member's address, ${medians.unknown.toFixed(1)} ms for an unknown one`);

describe('the same answer, in the same time, for a member and an unknown address', () => {
  test('sign-in with a wrong password', async () => {
    // One member per try: the per-identifier limit would stop 20 failures with one identifier.
    const members: string[] = [];
    for (let i = 0; i < WARM_UP + TRIES; i += 1) members.push((await createAccount(app())).email);

    const { member, unknown, medians } = await compare((side, i) =>
      post('/api/auth/local', { identifier: side === 'member' ? members[i] : unknownAddress(), password: 'Wrong-password-1' }),
    );
    report('sign-in with a wrong password', medians);
    const expected = { data: null, error: { status: 400, name: 'ValidationError', message: 'Invalid identifier or password', details: {} } };
    for (const response of [...member.responses, ...unknown.responses]) {
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expected);
    }
    expect(Math.abs(medians.member - medians.unknown)).toBeLessThan(20);
  });

  test('password reset', async () => {
    const { email } = await createAccount(app());
    const { member, unknown, medians } = await compare((side) => post('/api/auth/forgot-password', { email: side === 'member' ? email : unknownAddress() }));
    report('password reset', medians);
    for (const response of [...member.responses, ...unknown.responses]) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ok: true });
    }
    expect(Math.abs(medians.member - medians.unknown)).toBeLessThan(20);
    await emailsSettled();
  });

  test('confirmation e-mail, for a confirmed member (the core said "Already confirmed")', async () => {
    const { email } = await createAccount(app());
    const unknowns = Array.from({ length: WARM_UP + TRIES }, unknownAddress);
    const { member, unknown, medians } = await compare((side, i) =>
      post('/api/auth/send-email-confirmation', { email: side === 'member' ? email : unknowns[i] }),
    );
    report('confirmation e-mail', medians);
    for (const response of [...member.responses, ...unknown.responses]) expect(response.status).toBe(200);
    // The answer gives back the address as it was sent, whoever has it.
    expect(member.responses.map((response) => response.body)).toEqual(Array(TRIES).fill({ email, sent: true }));
    expect(unknown.responses.map((response) => response.body)).toEqual(unknowns.slice(WARM_UP).map((address) => ({ email: address, sent: true })));
    expect(Math.abs(medians.member - medians.unknown)).toBeLessThan(20);
  });
});

describe('e-mail through the development transport', () => {
  test('a member resets their password with the code from the e-mail, then signs in with the new one', async () => {
    const { email } = await createAccount(app());
    const nobody = unknownAddress();
    expect((await post('/api/auth/forgot-password', { email: nobody })).status).toBe(200);
    // Any case: e-mail addresses are stored in lower case.
    expect((await post('/api/auth/forgot-password', { email: email.toUpperCase() })).body).toEqual({ ok: true });

    const mail = await waitForMail(email);
    expect(mail.subject).toBe('Reset password');
    expect(mail.from).toEqual({ address: 'no-reply@localhost', name: 'Community of Practice' });
    const code = /code=([0-9a-f]{128})/.exec(mail.text)?.[1];
    expect(code).toBeDefined();
    await emailsSettled();
    expect(mailsTo(nobody)).toEqual([]);

    const reset = await post('/api/auth/reset-password', { code, password: 'New-password-2', passwordConfirmation: 'New-password-2' });
    expect(reset.status).toBe(200);
    expect(reset.body.user.email).toBe(email);
    expect((await post('/api/auth/local', { identifier: email, password: 'New-password-2' })).status).toBe(200);
    expect((await post('/api/auth/local', { identifier: email, password: TEST_PASSWORD })).status).toBe(400);
    // The code works once.
    expect((await post('/api/auth/reset-password', { code, password: 'Other-password-3', passwordConfirmation: 'Other-password-3' })).status).toBe(400);
  });

  test('an unconfirmed member confirms their address with the link from the e-mail; a confirmed one gets no e-mail', async () => {
    const unconfirmed = await createAccount(app(), 'authenticated', { confirmed: false });
    const confirmed = await createAccount(app());
    for (const { email } of [confirmed, unconfirmed]) {
      expect((await post('/api/auth/send-email-confirmation', { email })).body).toEqual({ email, sent: true });
    }

    const mail = await waitForMail(unconfirmed.email);
    expect(mail.subject).toBe('Account confirmation');
    const token = /confirmation=([0-9a-f]{40})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    await emailsSettled();
    expect(mailsTo(confirmed.email)).toEqual([]);

    const confirmation = await app().http().get(`/api/auth/email-confirmation?confirmation=${token}`);
    expect(confirmation.status).toBe(302);
    const account = await app()
      .strapi.db.query('plugin::users-permissions.user')
      .findOne({ where: { id: unconfirmed.id } });
    expect(account.confirmed).toBe(true);
  });

  test('a malformed address is a 400 naming the field, for every route', async () => {
    for (const url of ['/api/auth/forgot-password', '/api/auth/send-email-confirmation']) {
      const response = await post(url, { email: 'not-an-address' });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe("Invalid field 'email': must be an e-mail address");
    }
  });
});

describe('sign-in limits', () => {
  const limit = () => app().strapi.config.get('platform.signInFailures') as { max: number; windowMinutes: number };

  /** `max` failed sign-ins with `identifier`, each from another address, then one more try with `password`. */
  const failThenTry = async (identifier: string, password: string) => {
    for (let i = 0; i < limit().max; i += 1) {
      expect((await post('/api/auth/local', { identifier, password: `Wrong-${i}` })).status).toBe(400);
    }
    return post('/api/auth/local', { identifier, password });
  };

  test('after too many failures with one identifier from many addresses, sign-in with it is a 429, for a member and an unknown identifier alike', async () => {
    const member = await createAccount(app());
    const other = await createAccount(app());
    const limited = await failThenTry(member.email, TEST_PASSWORD);
    const unknown = await failThenTry(unknownAddress(), TEST_PASSWORD);

    const expected = {
      data: null,
      error: {
        status: 429,
        name: 'RateLimitError',
        message: `Too many failed sign-ins with this e-mail address or username: try again in ${limit().windowMinutes} minutes at the latest.`,
        details: {},
      },
    };
    for (const response of [limited, unknown]) {
      expect(response.status).toBe(429);
      expect(response.body).toEqual(expected);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(limit().windowMinutes * 60 - 60);
    }
    // The identifier in any case, and even with the right password; other members are not affected.
    expect((await post('/api/auth/local', { identifier: member.email.toUpperCase(), password: TEST_PASSWORD })).status).toBe(429);
    expect((await post('/api/auth/local', { identifier: other.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  test('simultaneous attempts with one identifier cannot all get past the limit', async () => {
    const { email } = await createAccount(app());
    const responses = await Promise.all(
      Array.from({ length: limit().max + 5 }, () => post('/api/auth/local', { identifier: email, password: 'Wrong-password-1' })),
    );
    expect(responses.filter((response) => response.status === 400)).toHaveLength(limit().max);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(5);
  });

  test('a successful sign-in clears the failures of its identifier', async () => {
    const member = await createAccount(app());
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < limit().max - 1; i += 1) {
        expect((await post('/api/auth/local', { identifier: member.email, password: 'Wrong-password-1' })).status).toBe(400);
      }
      expect((await post('/api/auth/local', { identifier: member.email, password: TEST_PASSWORD })).status).toBe(200);
    }
  });

  test('the per-address limit still holds: one address is limited whatever the identifiers', async () => {
    const { max } = app().strapi.config.get('plugin::users-permissions.ratelimit') as { max: number };
    const member = await createAccount(app());
    const address = newAddress();
    for (let i = 0; i < max; i += 1) {
      expect((await post('/api/auth/local', { identifier: unknownAddress(), password: 'Wrong-password-1' }, address)).status).toBe(400);
    }
    const limited = await post('/api/auth/local', { identifier: member.email, password: TEST_PASSWORD }, address);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe('Too many requests, please try again later.');
    expect((await post('/api/auth/local', { identifier: member.email, password: TEST_PASSWORD })).status).toBe(200);
  });
});
