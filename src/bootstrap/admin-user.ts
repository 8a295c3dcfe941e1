import type { Core } from '@strapi/strapi';
import type { PlatformConfig } from '../platform-config';

/** In development, a super admin from ADMIN_EMAIL / ADMIN_PASSWORD so the demo opens without a sign-up step. */
export const ensureDemoAdmin = async (strapi: Core.Strapi, { demo }: PlatformConfig) => {
  const users = strapi.service('admin::user');
  if (await users.exists({ email: demo.adminEmail.toLowerCase() })) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    email: demo.adminEmail.toLowerCase(),
    firstname: 'Demo',
    lastname: 'Admin',
    password: demo.adminPassword,
    registrationToken: null,
    isActive: true,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  return true;
};
