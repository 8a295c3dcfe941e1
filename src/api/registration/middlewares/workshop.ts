import { addToEntries } from '../../../utils/add-to-entries';
import { getWorkshopSummaries } from '../services/workshop-summaries';
import { viewerFromContext } from '../../access/viewer';

/**
 * `workshop` ({ documentId, title, startsAt, endsAt, timezone }, or null) on every registration, with
 * no `populate` needed: what a member's list of commitments shows. In `?locale=` where the workshop
 * has it, else the default locale; null when the workshop is gone or not visible to the caller.
 */
export default addToEntries('workshop', (strapi, documentIds, ctx) =>
  getWorkshopSummaries(strapi).ofRegistrations(documentIds, viewerFromContext(ctx), typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined),
);
