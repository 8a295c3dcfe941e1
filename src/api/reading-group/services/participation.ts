import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentLocales, isEnabledLocale } from '../../../content/locales';
import { conflict, forbidden, invalidParameter } from '../../../utils/errors';
import { lockDocument } from '../../../utils/lock-document';
import { ownProfileId } from '../../member/services/member';

const GROUPS = 'api::reading-group.reading-group';
const MEMBERS = 'api::member.member';

type GroupRow = {
  id: number;
  documentId: string;
  locale: string;
  publishedAt: string | null;
  capacity: number;
  groupStatus: 'forming' | 'active' | 'closed';
  participants: Array<{ documentId: string }>;
};

export type GroupPlaces = { capacity: number; taken: number; left: number };

/**
 * Joining and leaving reading groups, with capacity and no waitlist: a group meets for months, so a
 * place that frees up is better offered by its facilitators than by a queue.
 *
 * Strapi keeps a document's relations on each of its rows (every locale, draft and published), so a
 * member joins every row: the published ones the API reads, and the drafts an editor publishes next.
 * Each row links the member's profile in the row's locale, or in English where it has none.
 * Joins of one group run one after the other (the group's rows are locked), so it never overfills.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const groups = () => strapi.db.query(GROUPS);

  const rowsOf = async (documentIds: string[]) =>
    (await groups().findMany({
      select: ['id', 'documentId', 'locale', 'publishedAt', 'capacity', 'groupStatus'],
      where: { documentId: { $in: documentIds } },
      populate: { participants: { select: ['documentId'] } },
    })) as GroupRow[];

  /** Distinct participants (profile documentIds) of the published group; null when it is not published. */
  const participantsOf = (rows: GroupRow[]) => {
    const published = rows.filter((row) => row.publishedAt);
    if (published.length === 0) return null;
    return { group: published[0], members: new Set(published.flatMap((row) => row.participants.map((p) => p.documentId))) };
  };

  const placesOf = (capacity: number, taken: number): GroupPlaces => ({ capacity, taken, left: Math.max(capacity - taken, 0) });

  const profileOf = (userId: number) => ownProfileId(strapi, userId, 'Joining a reading group');

  const profileRows = async (member: string) =>
    (await strapi.db.query(MEMBERS).findMany({ select: ['id', 'locale'], where: { documentId: member } })) as Array<{ id: number; locale: string }>;

  const lockedGroup = async (documentId: string) => {
    await strapi.db.transaction(({ trx }) => lockDocument(strapi, trx, GROUPS, documentId));
    const rows = await rowsOf([documentId]);
    const found = participantsOf(rows);
    if (!found) throw new errors.NotFoundError('No such reading group');
    return { rows, ...found };
  };

  return {
    /** Places of published reading groups by documentId: capacity, taken, left. */
    async places(documentIds: string[]): Promise<Map<string, GroupPlaces>> {
      const rows = await rowsOf([...new Set(documentIds)]);
      const out = new Map<string, GroupPlaces>();
      for (const documentId of new Set(rows.map((row) => row.documentId))) {
        const found = participantsOf(rows.filter((row) => row.documentId === documentId));
        if (found) out.set(documentId, placesOf(found.group.capacity, found.members.size));
      }
      return out;
    },

    /** The member signed in as `userId` joins; joining again changes nothing (`joined: false`). */
    async join(userId: number, documentId: string) {
      const member = await profileOf(userId);
      return strapi.db.transaction(async () => {
        const { rows, group, members } = await lockedGroup(documentId);
        if (members.has(member)) return { joined: false, places: placesOf(group.capacity, members.size) };
        if (group.groupStatus === 'closed') throw conflict('This reading group is closed');
        if (members.size >= group.capacity) throw conflict(`This reading group is full (${members.size} of ${group.capacity} places)`);
        const profiles = await profileRows(member);
        const fallback = contentLocales(strapi).default;
        for (const row of rows) {
          const profile = profiles.find((p) => p.locale === row.locale) ?? profiles.find((p) => p.locale === fallback) ?? profiles[0];
          await groups().update({ where: { id: row.id }, data: { participants: { connect: [profile.id] } } });
        }
        return { joined: true, places: placesOf(group.capacity, members.size + 1) };
      });
    },

    /** The member signed in as `userId` leaves the group (404 when they are not in it). */
    async leave(userId: number, documentId: string) {
      const member = await profileOf(userId);
      return strapi.db.transaction(async () => {
        const { rows, group, members } = await lockedGroup(documentId);
        if (!members.has(member)) throw new errors.NotFoundError('You are not a participant of this reading group');
        const profiles = (await profileRows(member)).map((profile) => profile.id);
        for (const row of rows) await groups().update({ where: { id: row.id }, data: { participants: { disconnect: profiles } } });
        return { places: placesOf(group.capacity, members.size - 1) };
      });
    },

    /**
     * The published reading groups the member signed in as `userId` has joined (none without a
     * profile), named in `locale` where translated, else in the default locale, with the start of
     * each one's next session. Soonest first; groups with no session to come last.
     */
    async mine(userId: number, locale?: string) {
      if (locale !== undefined && !isEnabledLocale(strapi, locale)) throw invalidParameter('locale', `unknown locale '${locale.slice(0, 20)}'`);
      const member = (await strapi.db.query(MEMBERS).findOne({ select: ['documentId'], where: { user: { id: userId } } })) as { documentId: string } | null;
      if (!member) return [];
      const rows = (await groups().findMany({
        select: ['documentId', 'locale', 'name'],
        where: { publishedAt: { $notNull: true }, participants: { documentId: member.documentId } },
        populate: { sessions: { select: ['startsAt'] } },
      })) as Array<{ documentId: string; locale: string; name: string; sessions: Array<{ startsAt: string | Date }> | null }>;
      const preference = [locale, contentLocales(strapi).default];
      const rank = (row: { locale: string }) => (preference.includes(row.locale) ? preference.indexOf(row.locale) : preference.length);
      const byGroup = new Map<string, (typeof rows)[number]>();
      for (const row of rows) {
        const chosen = byGroup.get(row.documentId);
        if (!chosen || rank(row) < rank(chosen)) byGroup.set(row.documentId, row);
      }
      const now = Date.now();
      return [...byGroup.values()]
        .map((row) => {
          const upcoming = (row.sessions ?? []).map((session) => new Date(session.startsAt).getTime()).filter((time) => time > now);
          return {
            documentId: row.documentId,
            name: row.name,
            locale: row.locale,
            nextSessionAt: upcoming.length ? new Date(Math.min(...upcoming)).toISOString() : null,
          };
        })
        .sort((a, b) => (a.nextSessionAt ?? '\uffff').localeCompare(b.nextSessionAt ?? '\uffff') || a.name.localeCompare(b.name));
    },

    /**
     * The participants, for the group's facilitators and participants only (403 for other members).
     * Facilitators see every name; participants see the names of profiles visible to members and
     * their own, and a count of the others.
     */
    async participantsFor(userId: number, documentId: string) {
      const rows = (await groups().findMany({
        select: ['id'],
        where: { documentId, publishedAt: { $notNull: true } },
        populate: {
          participants: { select: ['documentId', 'displayName', 'visibility'], populate: { user: { select: ['id'] } } },
          facilitators: { select: ['id'], populate: { user: { select: ['id'] } } },
        },
      })) as Array<{
        participants: Array<{ documentId: string; displayName: string; visibility: string; user: { id: number } | null }>;
        facilitators: Array<{ user: { id: number } | null }>;
      }>;
      if (rows.length === 0) throw new errors.NotFoundError('No such reading group');
      const participants = new Map(rows.flatMap((row) => row.participants).map((p) => [p.documentId, p]));
      const facilitator = rows.some((row) => row.facilitators.some((f) => f.user?.id === userId));
      const participant = [...participants.values()].some((p) => p.user?.id === userId);
      if (!facilitator && !participant) throw forbidden("Only a reading group's participants and facilitators see who takes part");
      const named = [...participants.values()].filter((p) => facilitator || p.visibility !== 'hidden' || p.user?.id === userId);
      return {
        participants: named.map((p) => ({ documentId: p.documentId, displayName: p.displayName })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
        count: participants.size,
        notNamed: participants.size - named.length,
      };
    },
  };
};
