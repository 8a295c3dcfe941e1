import type { Core, UID } from '@strapi/strapi';
import type { Change } from './services/coverage';
import { COUNTED_DIMENSIONS } from './services/sql';
import { checkContentTypes, uidOf } from './utils/content-types';
import { getConfig, getService, PLUGIN_ID } from './utils/get-service';

const WRITES = new Set(['create', 'clone', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** The document a Document Service call names, and once it ran the one it wrote (a new one for create and clone). */
const documentsOf = (params: unknown, result?: unknown): string[] => [
  ...new Set(
    [(params as { documentId?: string } | undefined)?.documentId, (result as { documentId?: string } | null | undefined)?.documentId].filter(
      (documentId): documentId is string => typeof documentId === 'string',
    ),
  ),
];

/** The members of each of `documents` (organisations or issue areas), asked one after the other: the queries share one transaction. */
const membersOfEach = async (documents: string[], membersOf: (documentId: string) => Promise<string[]>) => {
  const members: string[] = [];
  for (const documentId of documents) members.push(...(await membersOf(documentId)));
  return members;
};

/**
 * A write to a member profile, an organisation, an issue area or a skill updates the skills map's
 * counts it changes, in the same transaction as the write (through the Document Service, so the
 * admin panel's edits, bulk actions and clones are included): see the coverage service.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // From here on Strapi serves the parsed configuration (defaults applied), the very object
  // getConfig returns: a later strapi.config.set on one of its keys reaches the plugin too.
  strapi.config.set(`plugin::${PLUGIN_ID}`, getConfig(strapi));
  checkContentTypes(strapi);
  const sql = () => getService(strapi, 'sql');
  /**
   * What each content type's writes change: a profile its member's counts; an organisation or an
   * issue area its members' counts by organisation and issue area; a skill only names.
   */
  const changes = new Map<UID.ContentType, (params: unknown) => Change>([
    [
      uidOf(strapi, 'member'),
      (params) => ({
        dimensions: COUNTED_DIMENSIONS,
        members: async (_trx, result) => documentsOf(params, result),
        linksOtherMembers: false,
      }),
    ],
    [
      uidOf(strapi, 'organisation'),
      (params) => ({
        dimensions: ['organisation', 'issueArea'],
        members: (trx, result) => membersOfEach(documentsOf(params, result), (organisation) => sql().membersOf(trx, { organisation })),
        linksOtherMembers: true,
      }),
    ],
    [
      uidOf(strapi, 'issueArea'),
      (params) => ({
        dimensions: ['issueArea'],
        members: (trx, result) => membersOfEach(documentsOf(params, result), (issueArea) => sql().membersOf(trx, { issueArea })),
        linksOtherMembers: true,
      }),
    ],
    [uidOf(strapi, 'skill'), () => ({ dimensions: [], members: async () => [], linksOtherMembers: false })],
  ]);
  strapi.documents.use(async (ctx, next) => {
    const change = changes.get(ctx.uid);
    if (!WRITES.has(ctx.action) || !change) return next();
    return getService(strapi, 'coverage').track(change(ctx.params), async () => next()) as ReturnType<typeof next>;
  });
};
