import type { Core, UID } from '@strapi/strapi';
import { createLocaleCoverage, isCoveredType } from './locale-coverage';
import { createSharedRelations } from './shared-relations';
import { validateWrite, type WriteParams } from './validation';

/**
 * Document Service middleware for the app's content types: every write, whatever route it comes
 * from (REST, admin panel, seeding), is validated first; shared relations and locale coverage
 * (see `locale-coverage.ts`) follow it.
 */
export const registerContentMiddlewares = (strapi: Core.Strapi) => {
  const coverage = createLocaleCoverage(strapi);
  const sharedRelations = createSharedRelations(strapi);

  strapi.documents.use(async (ctx, next) => {
    const uid = ctx.uid as UID.ContentType;
    if (!uid.startsWith('api::')) return next();
    const isCovered = isCoveredType(uid);

    if (ctx.action === 'create' || ctx.action === 'update') {
      const params = ctx.params as WriteParams;
      await coverage.prepareLinkedEntries(uid, params.locale, params.data);
      await sharedRelations.completeNewTranslation(uid, params);
      await validateWrite(strapi, uid, params);
      const result = await next();
      const documentId = (result as { documentId?: string } | null)?.documentId;
      if (documentId) {
        await sharedRelations.propagate(uid, params, documentId);
        if (ctx.action === 'create' && isCovered) await coverage.fill(uid, [documentId]);
      }
      return result;
    }

    if (ctx.action === 'publish' && isCovered) {
      const result = await next();
      await coverage.publishUntranslated(uid, (ctx.params as { documentId: string }).documentId);
      return result;
    }

    return next();
  });
};
