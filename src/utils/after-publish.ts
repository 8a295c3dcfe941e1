import type { Core, UID } from '@strapi/strapi';

/**
 * Runs `then(documentId)` after every publication of a `uid` document (publish, or create/update with
 * `status: 'published'`, as the content manager and the seed do), in the same transaction.
 */
export const afterPublish = (strapi: Core.Strapi, uid: UID.ContentType, then: (documentId: string) => Promise<void>) => {
  strapi.documents.use(async (ctx, next) => {
    const params = ctx.params as { documentId?: string; status?: string };
    const publishes = ctx.action === 'publish' || (['create', 'update'].includes(ctx.action) && params.status === 'published');
    if (ctx.uid !== uid || !publishes) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) await then(documentId);
      return result;
    });
  });
};
