import type { Core, UID } from '@strapi/strapi';
import { createLocaleCoverage, isCoveredType } from './locale-coverage';
import { createSharedRelations } from './shared-relations';
import { createUniqueLinks } from './unique-links';
import { validateStoredEntries, validateWrite, type WriteParams } from './validation';

type Written = { documentId?: string } | null;

/**
 * Document Service middleware for the app's content types: every write, whatever route it comes
 * from (REST, admin panel, seeding), is validated; shared relations and locale coverage (see
 * `locale-coverage.ts`) follow it in its transaction, so a write and its follow-ups commit together.
 * - create and update: the request's data is checked before anything is written;
 * - clone: Strapi merges the source with the changes itself, so the clone is checked as stored, and
 *   refused (rolled back) when it breaks a rule;
 * - publish: the drafts are checked as stored before they are copied, also those written before a
 *   rule existed (e.g. by a clone that skipped the checks).
 * Links that identify a document (`unique-links.ts`) are compared after the write.
 */
export const registerContentMiddlewares = (strapi: Core.Strapi) => {
  const coverage = createLocaleCoverage(strapi);
  const sharedRelations = createSharedRelations(strapi);
  const uniqueLinks = createUniqueLinks(strapi);

  strapi.documents.use(async (ctx, next) => {
    const uid = ctx.uid as UID.ContentType;
    if (!uid.startsWith('api::')) return next();
    const isCovered = isCoveredType(uid);
    const params = ctx.params as WriteParams;

    if (ctx.action === 'create' || ctx.action === 'update') {
      await coverage.prepareLinkedEntries(uid, params.locale, params.data);
      await sharedRelations.completeNewTranslation(uid, params);
      await validateWrite(strapi, uid, params);
      return strapi.db.transaction(async () => {
        const result = await next();
        const documentId = (result as Written)?.documentId;
        if (documentId) {
          await uniqueLinks.check(uid, documentId);
          await sharedRelations.propagate(uid, params, documentId);
          if (ctx.action === 'create' && isCovered) await coverage.fill(uid, [documentId]);
        }
        return result;
      });
    }

    if (ctx.action === 'clone') {
      await coverage.prepareLinkedEntries(uid, params.locale, params.data);
      return strapi.db.transaction(async () => {
        const result = await next();
        const documentId = (result as Written)?.documentId;
        if (documentId) {
          await validateStoredEntries(strapi, uid, documentId, '*');
          await uniqueLinks.check(uid, documentId);
          if (isCovered) await coverage.fill(uid, [documentId]);
        }
        return result;
      });
    }

    if (ctx.action === 'publish') {
      const { documentId, locale } = ctx.params as { documentId: string; locale?: string | string[] };
      await validateStoredEntries(strapi, uid, documentId, locale);
      const result = await next();
      if (isCovered) await coverage.publishUntranslated(uid, documentId);
      return result;
    }

    return next();
  });
};
