import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentLocales } from '../../../content/locales';
import { invalidParameter } from '../../../utils/errors';
import { lockDocument } from '../../../utils/lock-document';
import { ruleFor } from '../../access/rules';
import type { Viewer } from '../../access/viewer';
import { ownProfileId } from './member';

const MEMBERS = 'api::member.member';
const MESSAGES = 'api::member.message';

/** How a member may be contacted, as signed-in members are told. `none` is no contact at all (null). */
export type Contact = { route: 'email'; email: string } | { route: 'message' };

/** Most messages one member may send in `MESSAGE_WINDOW_MS`: enough to ask a few people, too few to spam the directory. */
export const MESSAGES_PER_DAY = 10;
const MESSAGE_WINDOW_MS = 24 * 60 * 60 * 1000;
const SUBJECT_PREFIX = '[Community of Practice] ';

type ProfileRow = { documentId: string; displayName: string; contactRoute: string | null; user: { id: number; email: string; blocked: boolean | null } | null };

/** The same answer for a hidden profile, an unknown one and one not open to contact, so none of them can be told apart. */
const noSuchMember = () => new errors.NotFoundError('No such member');

/**
 * How members reach each other: a member chooses a contact route on their profile (`contactRoute`,
 * private: never on the generic content API, for anyone). Only signed-in members learn it, and only
 * for profiles they may see (`members` and `public` ones, and their own).
 */
const createContact = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The profiles among `documentIds` that `viewer` may see, one row each, with their account. */
  const visibleProfiles = async (documentIds: string[], viewer: Viewer) => {
    if (viewer.kind !== 'member' || documentIds.length === 0) return new Map<string, ProfileRow>();
    const rows = (await strapi.db.query(MEMBERS).findMany({
      select: ['documentId', 'displayName', 'contactRoute'],
      where: { $and: [{ documentId: { $in: documentIds } }, ruleFor(MEMBERS, viewer) ?? {}] },
      populate: { user: { select: ['id', 'email', 'blocked'] } },
    })) as ProfileRow[];
    // Every locale of a profile has the same (non-localized) route and account.
    return new Map(rows.map((row) => [row.documentId, row]));
  };

  /** A blocked account cannot sign in: it is not to be contacted either. */
  const contactOf = (row: ProfileRow | undefined): Contact | null => {
    if (!row?.user || row.user.blocked) return null;
    if (row.contactRoute === 'email') return { route: 'email', email: row.user.email };
    if (row.contactRoute === 'message') return { route: 'message' };
    return null;
  };

  return {
    /** The contact of each of `documentIds` for `viewer`: null for the public, for profiles it may not see and for `none`. */
    async contactsOf(documentIds: string[], viewer: Viewer): Promise<Map<string, Contact | null>> {
      const profiles = await visibleProfiles(documentIds, viewer);
      return new Map(documentIds.map((documentId) => [documentId, contactOf(profiles.get(documentId))]));
    },

    /** One profile's contact for a member; 404 "No such member" when there is none to give. */
    async contactFor(documentId: string, viewer: Viewer): Promise<Contact> {
      const contact = contactOf((await visibleProfiles([documentId], viewer)).get(documentId));
      if (!contact) throw noSuchMember();
      return contact;
    },

    /**
     * Sends `message` from the member signed in as `userId` to the member `documentId`, through the
     * platform's e-mail, with Reply-To the sender's address: the recipient's address is not shown
     * until they reply. At most MESSAGES_PER_DAY per sender in 24 hours, counted in the database
     * under a lock on the sender's profile, so that processes sharing it count together.
     */
    async send(userId: number, documentId: string, { subject, message }: { subject: string; message: string }) {
      const senderId = await ownProfileId(strapi, userId, 'Sending a message');
      const viewer: Viewer = { kind: 'member', userId, role: 'authenticated' };
      if (documentId === senderId) throw invalidParameter('id', 'is your own profile: a message goes to another member');
      const recipient = (await visibleProfiles([documentId], viewer)).get(documentId);
      if (contactOf(recipient)?.route !== 'message') throw noSuchMember();
      const sender =
        (await strapi.db.query(MEMBERS).findOne({
          select: ['displayName'],
          where: { documentId: senderId, locale: contentLocales(strapi).default },
          populate: { user: { select: ['email'] } },
        })) ??
        (await strapi.db.query(MEMBERS).findOne({ select: ['displayName'], where: { documentId: senderId }, populate: { user: { select: ['email'] } } }));
      const { displayName, user } = sender as { displayName: string; user: { email: string } };

      const logged = await strapi.db.transaction(async ({ trx }) => {
        await lockDocument(strapi, trx, MEMBERS, senderId);
        const since = new Date(Date.now() - MESSAGE_WINDOW_MS);
        const sent = await strapi.db.query(MESSAGES).count({ where: { sender: userId, sentAt: { $gt: since } } });
        if (sent >= MESSAGES_PER_DAY) {
          throw new errors.RateLimitError(
            `You have sent ${MESSAGES_PER_DAY} messages in the last 24 hours, the most the platform sends for one member: try again later.`,
          );
        }
        // Account ids, not relations: the record outlives nothing (erasure removes it) and needs no join to count.
        return (await strapi.db.query(MESSAGES).create({ data: { sender: userId, recipient: recipient!.user!.id, sentAt: new Date() } })) as { id: number };
      });

      try {
        await strapi
          .plugin('email')
          .service('email')
          .send({
            to: recipient!.user!.email,
            replyTo: user.email,
            subject: `${SUBJECT_PREFIX}${subject}`,
            text: [
              `${displayName} sent you this message through the Community of Practice platform.`,
              `Your e-mail address was not shown to them. If you reply to this e-mail, your reply goes to ${displayName} and shows them your address.`,
              '',
              '----------',
              message,
              '----------',
              '',
              'You receive messages like this because your profile lets members send you messages. You can change that on your profile at any time.',
            ].join('\n'),
          });
        return { sent: true };
      } catch (error) {
        // Not sent: it does not count against the sender's limit.
        await strapi.db.query(MESSAGES).delete({ where: { id: logged.id } });
        strapi.log.error(`Member message not sent: ${(error as Error).message}`);
        return { sent: false };
      }
    },

    /** Removes every record of messages the member signed in as `userId` sent or received (their erasure). */
    async forget(userId: number) {
      await strapi.db.query(MESSAGES).deleteMany({ where: { $or: [{ sender: userId }, { recipient: userId }] } });
    },
  };
};

export default createContact;

export const getContactService = (strapi: Core.Strapi) => strapi.service('api::member.contact') as unknown as ReturnType<typeof createContact>;
