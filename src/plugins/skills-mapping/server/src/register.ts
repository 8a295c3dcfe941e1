import type { Core, UID } from '@strapi/strapi';
import { checkContentTypes, uidOf } from './utils/content-types';
import { getConfig, getService, PLUGIN_ID } from './utils/get-service';

const WRITES = new Set(['create', 'clone', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * A write to a member profile, an organisation, an issue area or a skill moves the skills map's
 * change counter, in the same transaction as the write, so nothing is read stale after it commits.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // From here on Strapi serves the parsed configuration (defaults applied), the very object
  // getConfig returns: a later strapi.config.set on one of its keys reaches the plugin too.
  strapi.config.set(`plugin::${PLUGIN_ID}`, getConfig(strapi));
  checkContentTypes(strapi);
  /** What the skills map shows besides claims: who holds them, where they belong, and the skills' names. */
  const shown = new Set<UID.ContentType>([uidOf(strapi, 'member'), uidOf(strapi, 'organisation'), uidOf(strapi, 'issueArea'), uidOf(strapi, 'skill')]);
  strapi.documents.use(async (ctx, next) => {
    if (!WRITES.has(ctx.action) || !shown.has(ctx.uid)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      await getService(strapi, 'coverage').invalidate(trx);
      return result;
    });
  });
};
