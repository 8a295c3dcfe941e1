import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { addToEntries } from '../../../utils/add-to-entries';
import { getWorkshopSummaries } from '../services/workshop-summaries';
import { viewerFromContext } from '../../access/viewer';

/**
 * `workshop` ({ documentId, title, startsAt, endsAt, timezone }, or null) on every registration, with
 * no `populate` needed: what a member's list of commitments shows. In `?locale=` where the workshop
 * has it, else the default locale; null when the workshop is gone or not visible to the caller.
 */
const addWorkshopSummary = addToEntries('workshop', (strapi, documentIds, ctx) =>
  getWorkshopSummaries(strapi).ofRegistrations(documentIds, viewerFromContext(ctx), typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined),
);

/** `populate=workshop`, `populate=*`, `populate[workshop]…`, `populate[0]=workshop`, `populate=workshop,member`. */
const populatesWorkshop = (populate: unknown): boolean => {
  if (typeof populate === 'string') return populate === '*' || populate.split(',').some((name) => name.trim() === 'workshop');
  if (Array.isArray(populate)) return populate.some(populatesWorkshop);
  return typeof populate === 'object' && populate !== null && 'workshop' in populate;
};

/**
 * A caller who populates `workshop` gets the relation as they asked for it (their filters and fields,
 * under the same visibility rule): replacing it with the summary would drop their filters.
 */
export default (config: unknown, deps: { strapi: Core.Strapi }) => {
  const summarise = addWorkshopSummary(config, deps);
  return (ctx: Context, next: Next) => (populatesWorkshop(ctx.query.populate) ? next() : summarise(ctx, next));
};
