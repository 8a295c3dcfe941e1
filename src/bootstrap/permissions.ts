import type { Core } from '@strapi/strapi';
import type { PlatformConfig } from '../platform-config';

const read = (...types: string[]) => types.flatMap((type) => [`api::${type}.${type}.find`, `api::${type}.${type}.findOne`]);

const PUBLIC_CONTENT = [
  ...read('issue-area', 'organisation', 'member', 'skill', 'resource', 'reading-group', 'workshop', 'agreement-version', 'endorsement'),
  'plugin::i18n.locales.listLocales',
  'api::workshop.workshop.calendar',
  'api::workshop.workshop.calendarEvent',
  ...['current', 'history', 'byNumber', 'diff', 'text'].map((action) => `api::agreement-version.agreement-version.${action}`),
  'plugin::skills-mapping.matrix.find',
  'plugin::skills-mapping.matrix.gaps',
];

const SIGN_IN = [
  'plugin::users-permissions.auth.callback',
  'plugin::users-permissions.auth.connect',
  'plugin::users-permissions.auth.forgotPassword',
  'plugin::users-permissions.auth.resetPassword',
  'plugin::users-permissions.auth.emailConfirmation',
  'plugin::users-permissions.auth.sendEmailConfirmation',
  'plugin::users-permissions.auth.refresh',
];

const MEMBER = [
  ...PUBLIC_CONTENT,
  ...read('registration', 'suggestion'),
  'api::member.member.me',
  'api::skill.skill.issueAreas',
  'api::member.member.updateMe',
  'api::member.member.exportMine',
  'api::member.member.eraseMine',
  'api::calendar-feed.calendar-feed.issue',
  'api::calendar-feed.calendar-feed.revoke',
  'api::calendar-feed.calendar-feed.findMine',
  'api::member.member.contact',
  'api::member.member.message',
  'api::agreement-version.agreement-version.suggest',
  ...['register', 'cancelForWorkshop', 'cancel', 'listForWorkshop'].map((action) => `api::registration.registration.${action}`),
  ...['join', 'leave', 'participants', 'mine'].map((action) => `api::reading-group.reading-group.${action}`),
  'plugin::skills-mapping.matrix.csv',
  'plugin::skills-mapping.experts.find',
  'plugin::skills-mapping.claims.findMine',
  'plugin::skills-mapping.claims.replaceMine',
  'plugin::skills-mapping.claims.findForMember',
  'plugin::skills-mapping.claims.replaceForMember',
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.changePassword',
  'plugin::users-permissions.auth.logout',
  'plugin::users-permissions.auth.getSessions',
  'plugin::users-permissions.auth.revokeSession',
];

type RoleDeclaration = { type: string; name: string; description: string; actions: string[] };

/**
 * The REST permissions of each users-permissions role, as DESIGN.md describes them. What the roles
 * may read is further narrowed row by row (see `src/api/access`). Declared here and applied at every
 * start, so a permission switched on by hand in the admin panel cannot open members-only routes.
 */
export const declareRoles = (config: PlatformConfig): RoleDeclaration[] => [
  {
    type: 'public',
    name: 'Public',
    description: 'Anyone without an account: published public content only.',
    actions: [...PUBLIC_CONTENT, ...SIGN_IN, ...(config.allowPublicSignup ? ['plugin::users-permissions.auth.register'] : [])],
  },
  {
    type: 'authenticated',
    name: 'Authenticated',
    description: 'A member of the Community of Practice.',
    actions: MEMBER,
  },
  {
    type: 'org-representative',
    name: 'Org representative',
    description: 'A member who represents their organisation, e.g. to endorse the Community Agreement.',
    actions: [...MEMBER, 'api::agreement-version.agreement-version.endorse'],
  },
  {
    type: 'facilitator',
    name: 'Facilitator',
    description: 'A member who facilitates workshops and reading groups and sees who takes part in them.',
    actions: MEMBER,
  },
];

/**
 * The actions a signed-in member may call and the public may not: called without a token, their
 * routes answer 401 "Sign in to …" rather than users-permissions' bare 403 (see
 * `src/middlewares/sign-in-required.ts`), and the OpenAPI document says so on each of them.
 */
export const membersOnlyActions = (config: PlatformConfig): Set<string> => {
  const roles = declareRoles(config);
  const actionsOf = (type: string) => roles.find((role) => role.type === type)?.actions ?? [];
  const open = new Set(actionsOf('public'));
  return new Set(actionsOf('authenticated').filter((action) => !open.has(action)));
};

export const ensureRolesAndPermissions = async (strapi: Core.Strapi, config: PlatformConfig) => {
  const roles = strapi.db.query('plugin::users-permissions.role');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const declaration of declareRoles(config)) {
    let role = await roles.findOne({ where: { type: declaration.type } });
    if (!role) {
      role = await roles.create({ data: { type: declaration.type, name: declaration.name, description: declaration.description } });
    }
    const granted = (await permissions.findMany({ where: { role: role.id } })) as Array<{ id: number; action: string }>;
    const wanted = new Set(declaration.actions);
    const stale = granted.filter((permission) => !wanted.has(permission.action)).map((permission) => permission.id);
    if (stale.length > 0) await permissions.deleteMany({ where: { id: { $in: stale } } });
    const have = new Set(granted.map((permission) => permission.action));
    for (const action of declaration.actions.filter((a) => !have.has(a))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  }

  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== config.allowPublicSignup) {
    await store.set({ value: { ...advanced, allow_register: config.allowPublicSignup } });
  }
};
