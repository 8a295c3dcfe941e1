import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';

export type Role = 'authenticated' | 'org-representative' | 'facilitator';

export type TestUser = {
  id: number;
  email: string;
  jwt: string;
  role: Role;
  /** documentId of the member profile, when one was created. */
  memberId?: string;
};

type ProfileOptions = {
  displayName?: string;
  visibility?: 'hidden' | 'members' | 'public';
  organisation?: string;
  countries?: string[];
  languages?: string[];
  bio?: string;
  openToQuestions?: boolean;
  canMentor?: boolean;
};

/** The password of every account the helpers create. */
export const TEST_PASSWORD = 'Test-password-1';

/** TEST_PASSWORD hashed once per test file by the users-permissions plugin, as on sign-up: bcrypt takes a tenth of a second per hash. */
let testPasswordHash: Promise<string> | undefined;

/**
 * A users-permissions account with `role` and TEST_PASSWORD, without signing in: sign-ins from the
 * tests' one address count against users-permissions' per-address limit. `createUser` also signs in.
 */
export const createAccount = async (app: Pick<TestApp, 'strapi'>, role: Role = 'authenticated', { confirmed = true } = {}) => {
  const { strapi } = app;
  const suffix = randomBytes(5).toString('hex');
  testPasswordHash ??= strapi
    .plugin('users-permissions')
    .service('user')
    .ensureHashedPasswords({ password: TEST_PASSWORD })
    .then(({ password }: { password: string }) => password);
  const roleRow = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: role } });
  const user = await strapi.documents('plugin::users-permissions.user').create({
    data: { username: `member-${suffix}`, email: `member-${suffix}@test.example.org`, provider: 'local', confirmed, blocked: false, role: roleRow.id },
  } as never);
  // The hash is stored as it is: the Document Service would hash it again.
  await strapi.db.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { password: await testPasswordHash } });
  return { id: user.id as number, email: user.email as string, suffix };
};

/**
 * Creates a users-permissions user with `role`, optionally with a member profile, then signs in
 * through POST /api/auth/local like a real client and returns the JWT.
 */
export const createUser = async (app: TestApp, role: Role = 'authenticated', profile?: ProfileOptions | false): Promise<TestUser> => {
  const { strapi } = app;
  const { id, email, suffix } = await createAccount(app, role);

  let memberId: string | undefined;
  if (profile !== false) {
    const member = await strapi.documents('api::member.member').create({
      locale: 'en',
      data: { displayName: `Member ${suffix}`, visibility: 'members', ...(profile ?? {}), user: id },
    } as never);
    memberId = member.documentId;
  }

  const login = await app.http().post('/api/auth/local').send({ identifier: email, password: TEST_PASSWORD });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { id, email, jwt: login.body.jwt, role, memberId };
};

/** A full-access API token, as an administrator would create for a trusted integration. */
export const createFullAccessToken = async (app: TestApp) => {
  const token = await app.strapi.service('admin::api-token').create({
    name: `test-${randomBytes(4).toString('hex')}`,
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey as string;
};

/**
 * `count` members with profiles, created straight in the database and given a JWT by the
 * users-permissions plugin (no password hashing or sign-in round trip): for tests that need
 * hundreds of members at once. `createUser` is the way to sign in like a real client.
 */
export const createMembers = async (app: Pick<TestApp, 'strapi'>, count: number, role: Role = 'authenticated'): Promise<TestUser[]> => {
  const { strapi } = app;
  const roleRow = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: role } });
  const batch = randomBytes(3).toString('hex');
  const members: TestUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `bulk-${batch}-${i}@test.example.org`;
    const user = await strapi.db.query('plugin::users-permissions.user').create({
      data: { username: `bulk-${batch}-${i}`, email, provider: 'local', confirmed: true, blocked: false, role: roleRow.id },
    });
    const member = await strapi.documents('api::member.member').create({
      locale: 'en',
      data: { displayName: `Bulk member ${batch} ${i}`, visibility: 'members', user: user.id },
    } as never);
    const jwt = await strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    members.push({ id: user.id, email, jwt, role, memberId: member.documentId });
  }
  return members;
};
