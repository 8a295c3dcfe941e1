import type { Core } from '@strapi/strapi';
import { getWorkshopRegistrations } from './controllers/registration';

const REGISTRATIONS = 'api::registration.registration';

type Params = { documentId?: string; data?: Record<string, unknown> };

/**
 * Registrations written around the registration routes (an editor creating, editing, cloning or
 * deleting one in the admin panel, a script) keep a workshop's places as the routes do:
 * - a write that could confirm a place (a new registration, or a change of state or workshop) is
 *   refused when the workshop then has more confirmed registrations than places (409, nothing written);
 * - a deletion, or a change of state or workshop, gives the places it frees to the first in line
 *   and closes up the waitlist, in the same transaction.
 */
export const registerCapacityCheck = (strapi: Core.Strapi) => {
  const workshopOf = async (documentId: string | undefined) =>
    documentId
      ? (
          (await strapi.db.query(REGISTRATIONS).findOne({ select: ['id'], where: { documentId }, populate: { workshop: { select: ['documentId'] } } })) as {
            workshop: { documentId: string } | null;
          } | null
        )?.workshop?.documentId
      : undefined;

  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== REGISTRATIONS || !['create', 'clone', 'update', 'delete'].includes(ctx.action)) return next();
    const params = ctx.params as Params;
    const data = params.data ?? {};
    if (ctx.action === 'update' && !('state' in data) && !('workshop' in data)) return next();
    return strapi.db.transaction(async () => {
      const before = ctx.action === 'update' || ctx.action === 'delete' ? await workshopOf(params.documentId) : undefined;
      const result = await next();
      const documentId = (result as { documentId?: string } | null)?.documentId;
      if (documentId && ctx.action !== 'delete') await getWorkshopRegistrations(strapi).assertNotOverbooked(documentId);
      if (before) await getWorkshopRegistrations(strapi).fillFromWaitlist(before);
      return result;
    });
  });
};
