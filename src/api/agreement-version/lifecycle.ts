import type { Core } from '@strapi/strapi';
import { contentLocales } from '../../content/locales';
import { conflict, invalid } from '../../utils/errors';
import { tableOf } from '../../utils/tables';

export const VERSIONS = 'api::agreement-version.agreement-version';
const SUGGESTIONS = 'api::suggestion.suggestion';

const STAGES = ['draft', 'consultation', 'adopted', 'superseded'] as const;
export type Stage = (typeof STAGES)[number];
const NEXT: Partial<Record<Stage, Stage>> = { draft: 'consultation', consultation: 'adopted' };
const FINAL: Stage[] = ['adopted', 'superseded'];
/**
 * What a clone never takes from its source, nor from the request (the admin panel sends the
 * source's values back): a clone is a new version, so its lifecycle starts afresh.
 */
const NEW_LIFECYCLE = { stage: 'draft', consultationOpensAt: null, consultationClosesAt: null, adoptedAt: null, decisionRecord: null };

type VersionRow = {
  id: number;
  documentId: string;
  versionNumber: number;
  stage: Stage;
  consultationOpensAt: string | null;
  consultationClosesAt: string | null;
};
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
      select: ['id', 'documentId', 'versionNumber', 'stage', 'consultationOpensAt', 'consultationClosesAt'],
      where: { documentId },
    })) as VersionRow | null;
  const highestNumber = async (exceptDocumentId?: string) =>
    (
      (await strapi.db.query(VERSIONS).findOne({
        select: ['versionNumber'],
        where: exceptDocumentId ? { documentId: { $ne: exceptDocumentId } } : {},
        orderBy: { versionNumber: 'desc' },
      })) as { versionNumber: number } | null
    )?.versionNumber ?? 0;

  const checkNumber = async (versionNumber: unknown, documentId?: string) => {
    if (versionNumber === undefined) return;
    const highest = await highestNumber(documentId);
    if (typeof versionNumber !== 'number' || versionNumber <= highest) {
      throw invalid('versionNumber', `versionNumber must be a whole number above ${highest}, the highest version number so far`);
    }
  };

  const beforeCreate = async (params: Params) => {
    const data = params.data ?? {};
    if (data.stage !== undefined && data.stage !== 'draft') throw invalid('stage', 'a new version starts as a draft');
    await checkNumber(data.versionNumber);
  };

  const beforeClone = async (params: Params) => {
    const data = params.data ?? {};
    const versionNumber = data.versionNumber ?? (await highestNumber()) + 1;
    await checkNumber(versionNumber);
    params.data = { ...data, ...NEW_LIFECYCLE, versionNumber };
  };

  /** Checks an update against the lifecycle; returns the stage it moves to, when it moves. */
  const beforeUpdate = async (current: VersionRow, params: Params): Promise<Stage | null> => {
    const data = params.data ?? {};
    if (FINAL.includes(current.stage)) {
      throw conflict(`Version ${current.versionNumber} is ${current.stage}: a version once ${current.stage} cannot be changed`);
    }
    if (data.versionNumber !== undefined && data.versionNumber !== current.versionNumber) {
      if (current.stage !== 'draft') throw conflict(`Version ${current.versionNumber} is in consultation: its number cannot change`);
      await checkNumber(data.versionNumber, current.documentId);
    }
    const target = (data.stage ?? current.stage) as Stage;
    if (target === current.stage) return null;
    // Checked here, before the step's order: an unknown stage is the request's mistake (400), not a conflict with the version.
    if (!STAGES.includes(target)) throw invalid('stage', `stage must be one of ${STAGES.join(', ')}`);
    if (NEXT[current.stage] !== target) {
      throw conflict(`Version ${current.versionNumber} is ${current.stage}: its stage can only move forward, draft → consultation → adopted`);
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
      filters: { agreementVersion: { documentId: previous }, decision: 'open' },
      populate: { author: { fields: ['documentId'] } },
    } as never)) as unknown as Array<{
      documentId: string;
      sectionKey: string;
      kind: string;
      proposedText: string | null;
      rationale: string;
      author: { documentId: string } | null;
    }>;
    for (const suggestion of open) {
      await strapi.documents(SUGGESTIONS).create({
        data: {
          agreementVersion: next,
          sectionKey: suggestion.sectionKey,
          kind: suggestion.kind,
          proposedText: suggestion.proposedText,
          rationale: suggestion.rationale,
          author: suggestion.author?.documentId ?? null,
          decision: 'open',
          carriedOverFrom: suggestion.documentId,
        },
      } as never);
      await strapi.documents(SUGGESTIONS).update({ documentId: suggestion.documentId, data: { decision: 'carried_over' } } as never);
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
        if (current.stage !== 'draft') throw conflict(`Version ${current.versionNumber} is ${current.stage}: only drafts can be deleted`);
        return next();
      }
      if (superseding.has(current.documentId) && Object.keys(params.data ?? {}).join() === 'stage' && params.data?.stage === 'superseded') return next();
      const moving = await beforeUpdate(current, params);
      if (moving === 'adopted') {
        params.data = { ...params.data, adoptedAt: params.data?.adoptedAt ?? new Date() };
        // The adopted version is superseded first, through the Document Service so that search and
        // the other middlewares see the change: at no moment are two versions adopted.
        const adopted = (await strapi.db.query(VERSIONS).findMany({ select: ['documentId'], where: { stage: 'adopted' } })) as Array<{ documentId: string }>;
        const locale = contentLocales(strapi).default;
        for (const documentId of new Set(adopted.map((row) => row.documentId))) {
          superseding.add(documentId);
          try {
            await strapi.documents(VERSIONS).update({ documentId, locale, data: { stage: 'superseded' } } as never);
          } finally {
            superseding.delete(documentId);
          }
        }
      }
      return next();
    });
  });
};
