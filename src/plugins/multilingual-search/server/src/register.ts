import type { Core, UID } from '@strapi/strapi';
import type { OutboxChange } from './services/outbox';
import { getConfig, getService, PLUGIN_ID } from './utils/get-service';

const WRITES = new Set(['create', 'clone', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

type Params = { documentId?: string; locale?: string | string[] };
type Result = { documentId?: string; locale?: string; entries?: Array<{ locale?: string }> } | null;

/** The locales a write touched: '*' when it may have touched any. */
const touchedLocales = (params: Params, result: Result): OutboxChange['locales'] => {
  if (params.locale === '*') return '*';
  if (Array.isArray(params.locale)) return params.locale;
  if (typeof params.locale === 'string') return [params.locale];
  const locales = [result?.locale, ...(result?.entries ?? []).map((entry) => entry.locale)].filter((locale): locale is string => Boolean(locale));
  return locales.length ? [...new Set(locales)] : '*';
};

/**
 * Every write to an indexed content type, or to one that indexed documents embed, is recorded in
 * the outbox in the same transaction as the write itself (so a change is never lost, nor seen
 * before it commits), and the sync worker is woken once it has committed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // From here on Strapi serves the parsed configuration (defaults applied), the very object
  // getConfig returns: a later strapi.config.set on one of its keys reaches the plugin too.
  strapi.config.set(`plugin::${PLUGIN_ID}`, getConfig(strapi));
  strapi.documents.use(async (ctx, next) => {
    if (!WRITES.has(ctx.action) || !getService(strapi, 'types').watchedUids().has(ctx.uid)) return next();
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      const result = await next();
      const params = ctx.params as Params;
      // A clone's params name the source; the document written is the new one.
      const documentId = ctx.action === 'clone' ? (result as Result)?.documentId : (params.documentId ?? (result as Result)?.documentId);
      if (documentId) {
        await getService(strapi, 'outbox').record([{ uid: ctx.uid as UID.ContentType, documentId, locales: touchedLocales(params, result as Result) }], trx);
        onCommit(() => getService(strapi, 'sync').wake());
      }
      return result;
    });
  });
};
