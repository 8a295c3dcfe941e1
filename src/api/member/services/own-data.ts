import type { Core } from '@strapi/strapi';
import { contentLocales } from '../../../content/locales';
import { getFeedTokenService } from '../../calendar-feed/services/calendar-feed';
import { getWorkshopRegistrations } from '../../registration/controllers/registration';
import { getContactService } from './contact';
import { withContactRoute } from './member';

const MEMBERS = 'api::member.member';
const USERS = 'plugin::users-permissions.user';
const REGISTRATIONS = 'api::registration.registration';
const GROUPS = 'api::reading-group.reading-group';
const WORKSHOPS = 'api::workshop.workshop';
const SUGGESTIONS = 'api::suggestion.suggestion';
const ENDORSEMENTS = 'api::endorsement.endorsement';
const FEEDS = 'api::calendar-feed.calendar-feed';
/**
 * Organisations, workshops and reading groups have drafts: an export shows the published version
 * of each, as the content API does, never an editor's unpublished change.
 */
const PUBLISHED = { publishedAt: { $notNull: true } };

type ProfileRow = {
  documentId: string;
  locale: string;
  displayName: string;
  bio: string | null;
  countries: string[] | null;
  languages: string[] | null;
  visibility: string;
  openToQuestions: boolean;
  canMentor: boolean;
  contactRoute: string | null;
  createdAt: string;
  updatedAt: string;
  organisation: { slug: string; name: string } | null;
};

type Claims = {
  list: (member: string, locale: string) => Promise<unknown[]>;
  removeAll: (member: string) => Promise<void>;
};

/** Distinct documents among rows (a document has a row per locale, draft and published), in the default locale where there is one. */
const distinctDocuments = <T extends { documentId: string; locale?: string | null }>(rows: T[], locale: string) => {
  const byDocument = new Map<string, T>();
  for (const row of rows) if (!byDocument.has(row.documentId) || row.locale === locale) byDocument.set(row.documentId, row);
  return [...byDocument.values()];
};

/**
 * Everything the platform holds about a member, for them to take away (GDPR art. 15 and 20), and
 * its erasure (art. 17) in one transaction: all of it goes, or nothing does.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const claims = () => strapi.plugin('skills-mapping').service('claims') as unknown as Claims;

  const profileRows = async (userId: number) =>
    (await strapi.db.query(MEMBERS).findMany({
      where: { user: { id: userId } },
      populate: { organisation: { select: ['slug', 'name'], where: PUBLISHED } },
      orderBy: { locale: 'asc' },
    })) as ProfileRow[];

  return {
    async export(userId: number) {
      const locale = contentLocales(strapi).default;
      const account = (await strapi.db.query(USERS).findOne({
        select: ['username', 'email', 'provider', 'confirmed', 'createdAt', 'updatedAt'],
        where: { id: userId },
        populate: { role: { select: ['name', 'type'] } },
      })) as Record<string, unknown>;
      const rows = await profileRows(userId);
      const member = rows[0]?.documentId;
      const ofMember = { documentId: member ?? '' };

      const registrations = (await strapi.db.query(REGISTRATIONS).findMany({
        where: { member: ofMember },
        populate: { workshop: { select: ['documentId', 'locale', 'title', 'startsAt'], where: PUBLISHED } },
        orderBy: { createdAt: 'asc' },
      })) as Array<{
        documentId: string;
        state: string;
        waitlistPosition: number | null;
        createdAt: string;
        updatedAt: string;
        workshop: { documentId: string; title: string; startsAt: string } | null;
      }>;
      const inGroups = (await strapi.db
        .query(GROUPS)
        .findMany({ select: ['documentId', 'locale', 'name'], where: { participants: ofMember, ...PUBLISHED } })) as Array<{
        documentId: string;
        locale: string;
        name: string;
      }>;
      const facilitatedGroups = (await strapi.db
        .query(GROUPS)
        .findMany({ select: ['documentId', 'locale', 'name'], where: { facilitators: ofMember, ...PUBLISHED } })) as Array<{
        documentId: string;
        locale: string;
        name: string;
      }>;
      const facilitatedWorkshops = (await strapi.db
        .query(WORKSHOPS)
        .findMany({ select: ['documentId', 'locale', 'title'], where: { facilitators: ofMember, ...PUBLISHED } })) as Array<{
        documentId: string;
        locale: string;
        title: string;
      }>;
      const suggestions = (await strapi.db.query(SUGGESTIONS).findMany({
        where: { author: ofMember },
        populate: { agreementVersion: { select: ['versionNumber'] } },
        orderBy: { createdAt: 'asc' },
      })) as Array<Record<string, unknown> & { agreementVersion: { versionNumber: number } | null }>;
      const endorsements = (await strapi.db.query(ENDORSEMENTS).findMany({
        where: { endorsedBy: ofMember },
        populate: { agreementVersion: { select: ['versionNumber'] }, organisation: { select: ['slug', 'name'], where: PUBLISHED } },
      })) as Array<{
        statement: string | null;
        createdAt: string;
        agreementVersion: { versionNumber: number } | null;
        organisation: { slug: string; name: string } | null;
      }>;
      const feed = (await strapi.db.query(FEEDS).findOne({ select: ['createdAt'], where: { user: { id: userId } } })) as { createdAt: string } | null;

      return {
        exportedAt: new Date().toISOString(),
        account,
        profile: member
          ? {
              documentId: member,
              translations: rows.map(
                ({
                  locale,
                  displayName,
                  bio,
                  countries,
                  languages,
                  visibility,
                  openToQuestions,
                  canMentor,
                  contactRoute,
                  organisation,
                  createdAt,
                  updatedAt,
                }) => ({
                  locale,
                  displayName,
                  bio,
                  countries,
                  languages,
                  visibility,
                  openToQuestions,
                  canMentor,
                  contactRoute: withContactRoute(contactRoute),
                  organisation,
                  createdAt,
                  updatedAt,
                }),
              ),
            }
          : null,
        skillClaims: member ? await claims().list(member, locale) : [],
        // `status`, as this export has always named it: the attributes are `state` and `decision` (README).
        registrations: registrations.map(({ documentId, state, waitlistPosition, createdAt, updatedAt, workshop }) => ({
          documentId,
          status: state,
          waitlistPosition,
          createdAt,
          updatedAt,
          workshop: workshop ? { documentId: workshop.documentId, title: workshop.title, startsAt: workshop.startsAt } : null,
        })),
        readingGroups: distinctDocuments(inGroups, locale).map(({ documentId, name }) => ({ documentId, name })),
        facilitating: {
          readingGroups: distinctDocuments(facilitatedGroups, locale).map(({ documentId, name }) => ({ documentId, name })),
          workshops: distinctDocuments(facilitatedWorkshops, locale).map(({ documentId, title }) => ({ documentId, title })),
        },
        suggestions: suggestions.map(({ documentId, sectionKey, kind, proposedText, rationale, decision, createdAt, agreementVersion }) => ({
          documentId,
          versionNumber: agreementVersion?.versionNumber ?? null,
          sectionKey,
          kind,
          proposedText,
          rationale,
          status: decision,
          createdAt,
        })),
        endorsementsMade: endorsements.map(({ statement, createdAt, agreementVersion, organisation }) => ({
          versionNumber: agreementVersion?.versionNumber ?? null,
          organisation,
          statement,
          createdAt,
        })),
        calendarFeed: feed ? { active: true, createdAt: feed.createdAt } : { active: false },
      };
    },

    /**
     * Erases the member signed in as `userId`: cancels their registrations (their places go to the
     * waitlist), removes their claims, profile (every locale, and so every search index entry, through
     * the search outbox), feed, the records of messages they sent or received, and account.
     * Suggestions and endorsements stay, without their author: they are part of the agreement's
     * record. Links to the profile (participants, facilitators, authors) go with it.
     */
    async erase(userId: number) {
      await strapi.db.transaction(async () => {
        const rows = await profileRows(userId);
        const member = rows[0]?.documentId;
        if (member) {
          await getWorkshopRegistrations(strapi).removeAllOf(member);
          await claims().removeAll(member);
          const authored = (await strapi.db.query(SUGGESTIONS).findMany({ select: ['id'], where: { author: { documentId: member } } })) as Array<{
            id: number;
          }>;
          for (const { id } of authored) await strapi.db.query(SUGGESTIONS).update({ where: { id }, data: { author: null } });
          await strapi.documents(MEMBERS).delete({ documentId: member, locale: '*' });
        }
        await getFeedTokenService(strapi).revoke(userId);
        await getContactService(strapi).forget(userId);
        await strapi.sessionManager('users-permissions').invalidateRefreshToken(String(userId));
        await strapi.db.query(USERS).delete({ where: { id: userId } });
      });
    },
  };
};
