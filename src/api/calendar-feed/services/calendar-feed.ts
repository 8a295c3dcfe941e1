import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import type { Viewer } from '../../access/viewer';

const UID = 'api::calendar-feed.calendar-feed';

/** 32 random bytes in base64url, as `issue` makes them. */
export const FEED_TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** Only this digest is stored, so a leaked database does not hand out working feed URLs. */
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

type FeedRow = { id: number; createdAt: Date | string; user: { id: number; blocked: boolean | null; role: { type: string } | null } | null };

const feedTokens = ({ strapi }: { strapi: Core.Strapi }) => {
  const feeds = () => strapi.db.query(UID);

  const removeFeedsOf = async (userId: number) => {
    const existing = (await feeds().findMany({ select: ['id'], where: { user: { id: userId } } })) as Array<{ id: number }>;
    // One by one: the entity manager's delete also removes the row's link to the user.
    for (const { id } of existing) await feeds().delete({ where: { id } });
  };

  return {
    /**
     * Gives `userId` a new feed token and revokes any earlier one. The token itself is returned once
     * and never stored. Two simultaneous calls may each leave a token: both went to the same member,
     * and the next issue or revoke removes every token of theirs.
     */
    async issue(userId: number) {
      const token = randomBytes(32).toString('base64url');
      return strapi.db.transaction(async () => {
        await removeFeedsOf(userId);
        const feed = (await feeds().create({ data: { user: userId, tokenHash: digest(token) } })) as FeedRow;
        return { token, createdAt: new Date(feed.createdAt).toISOString() };
      });
    },

    /** When the member's current feed was issued, or null when they have none. */
    async current(userId: number) {
      const feed = (await feeds().findOne({ select: ['createdAt'], where: { user: { id: userId } }, orderBy: { createdAt: 'desc' } })) as Pick<
        FeedRow,
        'createdAt'
      > | null;
      return feed ? { createdAt: new Date(feed.createdAt).toISOString() } : null;
    },

    async revoke(userId: number) {
      await strapi.db.transaction(() => removeFeedsOf(userId));
    },

    /**
     * Whom a feed token stands for, or null when it was never issued, was revoked or rotated, or its
     * user was deleted or blocked: a feed must stop working when its member could no longer sign in.
     */
    async viewerOf(token: string): Promise<Viewer | null> {
      const feed = (await feeds().findOne({
        select: ['id'],
        where: { tokenHash: digest(token) },
        populate: { user: { select: ['id', 'blocked'], populate: { role: { select: ['type'] } } } },
      })) as FeedRow | null;
      const user = feed?.user;
      if (!user || user.blocked) return null;
      return { kind: 'member', userId: user.id, role: user.role?.type ?? 'authenticated' };
    },
  };
};

export default factories.createCoreService(UID, feedTokens);

export const getFeedTokenService = (strapi: Core.Strapi) => strapi.service(UID) as unknown as ReturnType<typeof feedTokens>;
