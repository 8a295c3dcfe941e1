import type { Core } from '@strapi/strapi';
import { conflict, invalid } from '../../utils/errors';
import { tableOf } from '../../utils/tables';

export const VERSIONS = 'api::agreement-version.agreement-version';
const SUGGESTIONS = 'api::suggestion.suggestion';

export type Status = 'draft' | 'consultation' | 'adopted' | 'superseded';
const NEXT: Partial<Record<Status, Status>> = { draft: 'consultation', consultation: 'adopted' };
const FINAL: Status[] = ['adopted', 'superseded'];
/**
 * What a clone never takes from its source, nor from the request (the admin panel sends the
 * source's values back): a clone is a new version, so its lifecycle starts afresh.
 */
const NEW_LIFECYCLE = { status: 'draft', consultationOpensAt: null, consultationClosesAt: null, adoptedAt: null, decisionRecord: null };

type VersionRow = { id: number; documentId: string; versionNumber: number; status: Status; consultationOpensAt: string | null; consultationClosesAt: string | null };
type Params = { documentId?: string; locale?: string; data?: Record<string, unknown> };
type Trx = Parameters<Parameters<Core.Strapi['db']['transaction']>[0]>[0]['trx'];

/**
 * The Community Agreement's lifecycle, enforced on every write through the Document Service, so
 * the REST API, the admin panel and scripts all obey it:
 * - a version starts as a draft, with a number above every existing one; so does a clone, of any
 *   version (numbered next when the request gives no number), without the source's consultation
 *   window, adoption and decision;
 * - editors move it forward only: draft → consultation (with a window) → adopted; adopting
 *   supersedes the adopted version in the same transaction, so at most one is ever adopted;
 * - adopted and superseded versions are immutable (409, nothing written), and only drafts can be deleted;
 * - a version created from a previous one takes over that version's open suggestions.
 * Writes to versions hold a lock on the versions table for their transaction (PostgreSQL), so two
 * concurrent adoptions are applied one after the other.
 */
export const registerAgreementLifecycle = (strapi: Core.Strapi) => {
  /** Versions this middleware is superseding right now: the one change an adopted version accepts. */
  const superseding = new Set<string>();
  const lock = async (trx: Trx) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw(`LOCK TABLE ?? IN SHARE ROW EXCLUSIVE MODE`, [tableOf(strapi, VERSIONS)]);
  };
  const versionOf = async (documentId: string) =>
    (await strapi.db.query(VERSIONS).findOne({
      select: ['id', 'documentId', 'versionNumber', 'status', 'consultationOpensAt', 'consultationClosesAt'],
      where: { documentId },
    })) as VersionRow | null;
  const highestNumber = async (exceptDocumentId?: string) =>
    ((await strapi.db.query(VERSIONS).findOne({
      select: ['versionNumber'],
      where: exceptDocumentId ? { documentId: { $ne: exceptDocumentId } } : {},
      orderBy: { versionNumber: 'desc' },
    })) as { versionNumber: number } | null)?.versionNumber ?? 0;

  const checkNumber = async (versionNumber: unknown, documentId?: string) => {
    if (versionNumber === undefined) return;
    const highest = await highestNumber(documentId);
    if (typeof versionNumber !== 'number' || versionNumber <= highest) {
      throw invalid('versionNumber', `versionNumber must be a whole number above ${highest}, the highest version number so far`);
    }
  };

  const beforeCreate = async (params: Params) => {
    const data = params.data ?? {};
    if (data.status !== undefined && data.status !== 'draft') throw invalid('status', 'a new version starts as a draft');
    await checkNumber(data.versionNumber);
  };

  const beforeClone = async (params: Params) => {
    const data = params.data ?? {};
    const versionNumber = data.versionNumber ?? (await highestNumber()) + 1;
    await checkNumber(versionNumber);
    params.data = { ...data, ...NEW_LIFECYCLE, versionNumber };
  };

  /** Checks an update against the lifecycle; returns the status it moves to, when it moves. */
  const beforeUpdate = async (current: VersionRow, params: Params): Promise<Status | null> => {
    const data = params.data ?? {};
    if (FINAL.includes(current.status)) {
      throw conflict(`Version ${current.versionNumber} is ${current.status}: a version once ${current.status} cannot be changed`);
    }
    if (data.versionNumber !== undefined && data.versionNumber !== current.versionNumber) {
      if (current.status !== 'draft') throw conflict(`Version ${current.versionNumber} is in consultation: its number cannot change`);
      await checkNumber(data.versionNumber, current.documentId);
    }
    const target = (data.status ?? current.status) as Status;
    if (target === current.status) return null;
    if (NEXT[current.status] !== target) {
      throw conflict(`Version ${current.versionNumber} is ${current.status}: it can only move forward, draft → consultation → adopted`);
    }
    if (target === 'consultation') {
      const opens = data.consultationOpensAt ?? current.consultationOpensAt;
      const closes = data.consultationClosesAt ?? current.consultationClosesAt;
      if (!opens) throw invalid('consultationOpensAt', 'consultationOpensAt is required to open a consultation');
      if (!closes) throw invalid('consultationClosesAt', 'consultationClosesAt is required to open a consultation');
    }
    return target;
  };

  /** The open suggestions of `previous` move to `next`: copies stay open there, linked to the originals. */
  const carryOverSuggestions = async (previous: string, next: string) => {
    const open = (await strapi.documents(SUGGESTIONS).findMany({
      filters: { agreementVersion: { documentId: previous }, status: 'open' },
      populate: { author: { fields: ['documentId'] } },
    } as never)) as unknown as Array<{ documentId: string; sectionKey: string; kind: string; proposedText: string | null; rationale: string; author: { documentId: string } | null }>;
    for (const suggestion of open) {
      await strapi.documents(SUGGESTIONS).create({
        data: {
          agreementVersion: next,
          sectionKey: suggestion.sectionKey,
          kind: suggestion.kind,
          proposedText: suggestion.proposedText,
          rationale: suggestion.rationale,
          author: suggestion.author?.documentId ?? null,
          status: 'open',
          carriedOverFrom: suggestion.documentId,
        },
      } as never);
      await strapi.documents(SUGGESTIONS).update({ documentId: suggestion.documentId, data: { status: 'carried_over' } } as never);
    }
  };

  const previousOf = (data: Record<string, unknown>) => {
    const previous = data.previousVersion as string | { documentId?: string; connect?: Array<{ documentId: string }> } | null | undefined;
    if (!previous) return null;
    if (typeof previous === 'string') return previous;
    return previous.documentId ?? previous.connect?.[0]?.documentId ?? null;
  };

  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== VERSIONS || !['create', 'clone', 'update', 'delete'].includes(ctx.action)) return next();
    const params = ctx.params as Params;
    return strapi.db.transaction(async ({ trx }) => {
      await lock(trx);
      if (ctx.action === 'create' || ctx.action === 'clone') {
        await (ctx.action === 'create' ? beforeCreate(params) : beforeClone(params));
        const created = await next();
        const documentId = (created as { documentId?: string } | null)?.documentId;
        const previous = previousOf(params.data ?? {});
        if (previous && documentId) await carryOverSuggestions(previous, documentId);
        return created;
      }
      const current = params.documentId ? await versionOf(params.documentId) : null;
      if (!current) return next();
      if (ctx.action === 'delete') {
        if (current.status !== 'draft') throw conflict(`Version ${current.versionNumber} is ${current.status}: only drafts can be deleted`);
        return next();
      }
      if (superseding.has(current.documentId) && Object.keys(params.data ?? {}).join() === 'status' && params.data?.status === 'superseded') return next();
      const moving = await beforeUpdate(current, params);
      if (moving === 'adopted') {
        params.data = { ...params.data, adoptedAt: params.data?.adoptedAt ?? new Date() };
        // The adopted version is superseded first, through the Document Service so that search and
        // the other middlewares see the change: at no moment are two versions adopted.
        const adopted = (await strapi.db.query(VERSIONS).findMany({ select: ['documentId'], where: { status: 'adopted' } })) as Array<{ documentId: string }>;
        const locale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
        for (const documentId of new Set(adopted.map((row) => row.documentId))) {
          superseding.add(documentId);
          try {
            await strapi.documents(VERSIONS).update({ documentId, locale, data: { status: 'superseded' } } as never);
          } finally {
            superseding.delete(documentId);
          }
        }
      }
      return next();
    });
  });
};
