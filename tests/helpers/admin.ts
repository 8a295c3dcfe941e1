import { randomBytes } from 'node:crypto';
import type { TestApp } from './strapi';

/** A new admin-panel user with the given admin role code (super admin by default): returns how to sign in. */
export const createAdminUser = async (app: Pick<TestApp, 'strapi'>, roleCode = 'strapi-super-admin') => {
  const { strapi } = app;
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  const email = `admin-${randomBytes(4).toString('hex')}@test.example.org`;
  const password = 'Admin-password-1';
  await strapi
    .service('admin::user')
    .create({ email, firstname: 'Test', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [role.id] });
  return { email, password };
};

/** An admin-panel user with the given admin role code (super admin by default), signed in: returns its admin JWT. */
export const adminToken = async (app: TestApp, roleCode = 'strapi-super-admin') => {
  const { email, password } = await createAdminUser(app, roleCode);
  const response = await app.http().post('/admin/login').send({ email, password });
  if (response.status !== 200) throw new Error(`admin sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.data.token as string;
};
