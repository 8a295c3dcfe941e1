import type { Core } from '@strapi/strapi';
import { getWorkshopRegistrations } from './controllers/registration';

const REGISTRATIONS = 'api::registration.registration';

type Params = { data?: Record<string, unknown> };

/**
 * Registrations written around the registration routes (an editor creating, editing or cloning one
 * in the admin panel, a script) never overbook a workshop either: a write that could confirm a place
 * (a new registration, or a change of status or workshop) is refused when the workshop then has more
 * confirmed registrations than places (409, nothing written).
 */
export const registerCapacityCheck = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== REGISTRATIONS || !['create', 'clone', 'update'].includes(ctx.action)) return next();
    const data = (ctx.params as Params).data ?? {};
    if (ctx.action === 'update' && !('status' in data) && !('workshop' in data)) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = (result as { documentId?: string } | null)?.documentId;
      if (documentId) await getWorkshopRegistrations(strapi).assertNotOverbooked(documentId);
      return result;
    });
  });
};
