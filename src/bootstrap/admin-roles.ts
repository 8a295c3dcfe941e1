import type { Core, UID } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';

type ContentAction = 'create' | 'read' | 'update' | 'delete' | 'publish';

/** What a role may do with one content type in the content manager. */
type ContentGrant = {
  uid: UID.ContentType;
  actions: ContentAction[];
  /** Fields the role neither sees nor sets: members' personal data held on otherwise open content. */
  hidden?: string[];
  /** Fields the role sees but does not set, e.g. what a member wrote in their suggestion. */
  readOnly?: string[];
  /** When given, the only fields the role sees (and sets): for types it reads only a little of. */
  only?: string[];
};

type AdminRoleDeclaration = {
  code: string;
  name: string;
  description: string;
  content: ContentGrant[];
  /** Conditions on every content permission, e.g. `admin::is-creator`. */
  conditions?: string[];
  /** Plugin actions (admin pages, media library), granted without subject. */
  plugins: string[];
};

const EDITABLE = ['create', 'read', 'update', 'delete', 'publish'] as ContentAction[];

const MEDIA_LIBRARY = ['read', 'configure-view', 'assets.create', 'assets.update', 'assets.download', 'assets.copy-link'].map(
  (action) => `plugin::upload.${action}`,
);

const EDITOR_CONTENT: ContentGrant[] = [
  { uid: 'api::resource.resource', actions: EDITABLE },
  { uid: 'api::workshop.workshop', actions: EDITABLE },
  // Who takes part in a reading group is a member's own business; its facilitators are public.
  { uid: 'api::reading-group.reading-group', actions: EDITABLE, hidden: ['participants'] },
  // Members choose their organisation on their own profile; the list of them is not the editors' to see.
  { uid: 'api::organisation.organisation', actions: EDITABLE, hidden: ['members'] },
  { uid: 'api::issue-area.issue-area', actions: EDITABLE },
  { uid: 'api::skill.skill', actions: EDITABLE },
  // An adopted version is the record of what the community agreed: it is superseded, never deleted.
  { uid: 'api::agreement-version.agreement-version', actions: ['create', 'read', 'update'] },
  // Editors decide on suggestions; what the member proposed and why stays as they wrote it.
  {
    uid: 'api::suggestion.suggestion',
    actions: ['read', 'update'],
    readOnly: ['agreementVersion', 'sectionKey', 'kind', 'proposedText', 'rationale', 'author', 'carriedOverFrom'],
  },
  // Organisations endorse through the API; an editor withdraws one made by mistake.
  { uid: 'api::endorsement.endorsement', actions: ['read', 'delete'] },
  // Public names only, so facilitators, authors and endorsers read as names rather than ids.
  { uid: 'api::member.member', actions: ['read'], only: ['displayName'] },
];

const SKILLS_MAP = 'plugin::skills-mapping.matrix.read';

/**
 * The admin-panel roles of this community, applied at every start (after the content types and the
 * plugins' actions are registered). Strapi creates Editor and Author at the first start with every
 * content type, registrations and members included: they are reused, narrowed, so no broader role
 * of the same name remains to be given by mistake. Super Admin is left to Strapi.
 */
export const ADMIN_ROLES: AdminRoleDeclaration[] = [
  {
    code: 'strapi-editor',
    name: 'Editor',
    description: "Creates, edits and publishes the community's content and decides on suggestions. Sees no member's personal data.",
    content: EDITOR_CONTENT,
    plugins: [...MEDIA_LIBRARY, SKILLS_MAP],
  },
  {
    code: 'strapi-author',
    name: 'Author',
    description: "Drafts content and edits what they created; an Editor publishes it. Sees no member's personal data.",
    content: EDITOR_CONTENT.filter(({ uid }) => !['api::suggestion.suggestion', 'api::endorsement.endorsement'].includes(uid)).map((grant) => ({
      ...grant,
      actions: grant.actions.filter((action) => action !== 'publish'),
    })),
    conditions: ['admin::is-creator'],
    plugins: MEDIA_LIBRARY,
  },
  {
    code: 'community-manager',
    name: 'Community manager',
    description: "An Editor who also looks after members: reads members' profiles and accounts and who registered for what.",
    content: [
      ...EDITOR_CONTENT.filter(({ uid }) => uid !== 'api::member.member').map(({ hidden: _personal, ...grant }) => grant),
      { uid: 'api::member.member', actions: ['read'] },
      { uid: 'api::registration.registration', actions: ['read'] },
      // The account's e-mail address and status; never its credentials, even hashed.
      { uid: 'plugin::users-permissions.user', actions: ['read'], hidden: ['password', 'resetPasswordToken', 'confirmationToken'] },
    ],
    plugins: [...MEDIA_LIBRARY, SKILLS_MAP],
  },
];

type Permission = { action: string; subject?: string | null; properties?: Record<string, unknown>; conditions?: string[] };

/** The `admin::permission` rows a declaration stands for: one per action and subject, fields and locales as properties. */
const permissionsOf = async (strapi: Core.Strapi, role: AdminRoleDeclaration): Promise<Permission[]> => {
  const { actionProvider } = strapi.service('admin::permission');
  const { getNestedFields } = strapi.service('admin::content-type');
  const { isLocalizedContentType: isLocalized } = strapi.plugin('i18n').service('content-types');
  const localeCodes = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code);
  const conditions = role.conditions ?? [];

  const content = role.content.flatMap((grant) => {
    const allFields = (getNestedFields(strapi.contentTypes[grant.uid], { components: strapi.components }) as string[]).filter(
      (field) => !(grant.hidden ?? []).some((hidden) => field === hidden || field.startsWith(`${hidden}.`)),
    );
    const visible = grant.only ? allFields.filter((field) => grant.only!.includes(field)) : allFields;
    const settable = visible.filter((field) => !(grant.readOnly ?? []).some((readOnly) => field === readOnly || field.startsWith(`${readOnly}.`)));
    return grant.actions.flatMap((verb) => {
      const action = actionProvider.get(`plugin::content-manager.explorer.${verb}`);
      // The content manager offers `publish` on every type; it means something only where there are drafts.
      if (!action.subjects.includes(grant.uid) || (verb === 'publish' && !contentTypes.hasDraftAndPublish(strapi.contentTypes[grant.uid]))) return [];
      const properties: Record<string, unknown> = {};
      if (action.options?.applyToProperties?.includes('fields')) properties.fields = verb === 'read' ? visible : settable;
      // i18n adds the `locales` property to the actions, for the types it localises.
      if (action.options?.applyToProperties?.includes('locales') && isLocalized(strapi.contentTypes[grant.uid])) properties.locales = localeCodes;
      return [{ action: action.actionId, subject: grant.uid, properties, conditions }];
    });
  });
  return [...content, ...role.plugins.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))];
};

/**
 * Creates each role if missing and sets its name, description and permissions to the declaration:
 * a permission added by hand in Settings › Roles is removed at the next start, as for the REST roles.
 */
export const ensureAdminRoles = async (strapi: Core.Strapi) => {
  const roles = strapi.service('admin::role');
  for (const declaration of ADMIN_ROLES) {
    const existing = await roles.findOne({ code: declaration.code });
    const role = existing
      ? existing.name === declaration.name && existing.description === declaration.description
        ? existing
        : await roles.update({ id: existing.id }, { name: declaration.name, description: declaration.description })
      : await roles.create({ code: declaration.code, name: declaration.name, description: declaration.description });
    await roles.assignPermissions(role.id, await permissionsOf(strapi, declaration));
  }
};
