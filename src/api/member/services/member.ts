import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import { forbidden } from '../../../utils/errors';

const UID = 'api::member.member';
const OWN_PROFILE_POPULATE = { organisation: { fields: ['name', 'slug'] } };

type OwnProfileData = Record<string, unknown>;

/**
 * A profile's contact route, `none` for profiles from before the attribute: Strapi adds the column
 * without its default, so their rows hold null, which means the same.
 */
export const withContactRoute = (route: string | null | undefined) => route ?? 'none';

const ownProfile = ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The profile of the member signed in as `userId`, in `locale` (default locale when absent).
   * Profiles have no drafts, but their organisation has: `status: 'published'` reads its published
   * version, as the content API does, never an editor's unpublished change.
   */
  const findOwn = async (userId: number, locale?: string) => {
    const profile = await strapi
      .documents(UID)
      .findFirst({ filters: { user: { id: userId } }, locale, status: 'published', populate: OWN_PROFILE_POPULATE } as never);
    return profile && { ...profile, contactRoute: withContactRoute(profile.contactRoute) };
  };

  return {
    findOwn,

    /** Updates, or creates on first use, the signed-in member's profile; answers it as `findOwn` reads it. */
    async saveOwn(user: { id: number; username?: string }, data: OwnProfileData, locale?: string) {
      const existing = (await strapi.db.query(UID).findOne({ select: ['documentId'], where: { user: { id: user.id } } })) as { documentId: string } | null;
      if (existing) {
        await strapi.documents(UID).update({ documentId: existing.documentId, locale, data } as never);
      } else {
        await strapi.documents(UID).create({ locale, data: { displayName: user.username ?? 'Member', ...data, user: user.id } } as never);
      }
      return findOwn(user.id, locale);
    },
  };
};

export default factories.createCoreService(UID, ownProfile);

/**
 * The documentId of the signed-in user's profile, for what members do in their own name
 * (registering, joining); without one, a 403 saying how to create it.
 */
export const ownProfileId = async (strapi: Core.Strapi, userId: number, action: string) => {
  const profile = (await strapi.db.query(UID).findOne({ select: ['documentId'], where: { user: { id: userId } } })) as { documentId: string } | null;
  if (!profile) throw forbidden(`${action} is done from a member profile: PUT /api/members/me creates yours`);
  return profile.documentId;
};

export const getMemberService = (strapi: Core.Strapi) => strapi.service(UID) as unknown as ReturnType<typeof ownProfile>;
