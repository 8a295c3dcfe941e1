import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

type Entry = { documentId?: string } & Record<string, unknown>;

/**
 * A route middleware that adds `field` to every entry of a content-API response (`data` as one entry
 * or a list), computed for all of them at once from their documentIds (and the request, for what
 * depends on the caller or the locale asked for).
 */
export const addToEntries =
  (field: string, compute: (strapi: Core.Strapi, documentIds: string[], ctx: Context) => Promise<Map<string, unknown>>) =>
  (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    await next();
    const data = (ctx.body as { data?: Entry | Entry[] } | undefined)?.data;
    const entries = (Array.isArray(data) ? data : data ? [data] : []).filter((entry) => typeof entry.documentId === 'string');
    if (entries.length === 0) return;
    const values = await compute(
      strapi,
      entries.map((entry) => entry.documentId!),
      ctx,
    );
    for (const entry of entries) entry[field] = values.get(entry.documentId!) ?? null;
  };
