import type { Core } from '@strapi/strapi';
import { afterPublish } from '../../utils/after-publish';

const GROUPS = 'api::reading-group.reading-group';
const RESOURCES = 'api::resource.resource';
const SESSION = 'reading-group.session';

type Session = { id: number; readings: Array<{ documentId: string }> };
type GroupRow = { locale: string; publishedAt: string | null; sessions: Session[] };

/**
 * Strapi 5.54 drops most relations held in components when it publishes (strapi/strapi#24513):
 * a published reading group's sessions lose their readings. After every publication of a group,
 * each published session links the published versions of the readings its draft lists, in order.
 * Readings that are not published (or not in the group's locale) stay out, as Strapi intends.
 */
export const registerSessionReadingsSync = (strapi: Core.Strapi) => {
  const sync = async (documentId: string) => {
    const rows = (await strapi.db.query(GROUPS).findMany({
      select: ['locale', 'publishedAt'],
      where: { documentId },
      populate: { sessions: { populate: { readings: { select: ['documentId'] } } } },
    })) as GroupRow[];
    for (const published of rows.filter((row) => row.publishedAt)) {
      const draft = rows.find((row) => !row.publishedAt && row.locale === published.locale);
      if (!draft) continue;
      for (const [index, session] of published.sessions.entries()) {
        const wanted = (draft.sessions[index]?.readings ?? []).map((reading) => reading.documentId);
        const targets = (await strapi.db.query(RESOURCES).findMany({
          select: ['id', 'documentId'],
          where: { documentId: { $in: wanted }, locale: published.locale, publishedAt: { $notNull: true } },
        })) as Array<{ id: number; documentId: string }>;
        const ids = wanted.map((id) => targets.find((target) => target.documentId === id)?.id).filter((id): id is number => id !== undefined);
        await strapi.db.query(SESSION as never).update({ where: { id: session.id }, data: { readings: ids } });
      }
    }
  };

  afterPublish(strapi, GROUPS, sync);
};
