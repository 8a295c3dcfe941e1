import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { Viewer } from '../../access/viewer';
import { contentLocales, isEnabledLocale } from '../../../content/locales';
import { diffVersions, type SectionText } from '../diff';
import { conflict, forbidden, invalid } from '../../../utils/errors';
import { lockDocument } from '../../../utils/lock-document';
import { VERSIONS } from '../lifecycle';

const SUGGESTIONS = 'api::suggestion.suggestion';
const ENDORSEMENTS = 'api::endorsement.endorsement';
const MEMBERS = 'api::member.member';
/** Stages the content API shows: drafts are an editors' matter. */
const PUBLISHED = ['consultation', 'adopted', 'superseded'];

type Row = {
  id: number;
  documentId: string;
  locale: string;
  versionNumber: number;
  title: string;
  preamble: string | null;
  sections: SectionText[];
  stage: string;
  consultationOpensAt: string | null;
  consultationClosesAt: string | null;
  adoptedAt: string | null;
  changeSummary: string | null;
};

export const suggestionInput = z
  .object({
    sectionKey: z.string().min(1).max(80),
    kind: z.enum(['add', 'remove', 'replace']),
    proposedText: z.string().max(5000, 'must be at most 5000 characters').optional(),
    rationale: z.string().trim().min(1, 'is required').max(5000, 'must be at most 5000 characters'),
  })
  .strict()
  .refine((input) => input.kind === 'remove' || Boolean(input.proposedText?.trim()), {
    message: 'is required for an addition or a replacement',
    path: ['proposedText'],
  });

export const endorsementInput = z
  .object({ organisation: z.string().min(1).max(120).optional(), statement: z.string().max(2000, 'must be at most 2000 characters').optional() })
  .strict();

const notFound = (what: string) => new errors.NotFoundError(what);

/**
 * The Community Agreement as members and the public read it: the current version, the history,
 * diffs between versions, a plain-text rendering, and members' suggestions and organisations'
 * endorsements. Drafts never leave this service; the lifecycle itself is enforced in `../lifecycle.ts`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const checkLocale = (locale: string | undefined) => {
    if (locale !== undefined && !isEnabledLocale(strapi, locale)) throw invalid('locale', `locale "${locale.slice(0, 20)}" is not an enabled locale`);
  };

  /** A visible version (not a draft) by number, in `locale`, or in English where it is not translated. */
  const version = async (number: number, locale?: string) => {
    checkLocale(locale);
    const fallback = contentLocales(strapi).default;
    const rows = (await strapi.db.query(VERSIONS).findMany({
      where: { versionNumber: number, stage: { $in: PUBLISHED }, locale: { $in: [...new Set([locale ?? fallback, fallback])] } },
      populate: { sections: true },
    })) as Row[];
    const row = rows.find((r) => r.locale === (locale ?? fallback)) ?? rows.find((r) => r.locale === fallback);
    if (!row) throw notFound(`No agreement version ${number}`);
    return { row, requestedLocale: locale ?? fallback, canonical: row.locale === fallback };
  };

  /** The signed-in member's profile and published organisation (its name in answers is never an editor's unpublished change). */
  const profileOf = async (userId: number) =>
    (await strapi.db.query(MEMBERS).findOne({
      select: ['documentId', 'displayName'],
      where: { user: { id: userId } },
      populate: { organisation: { select: ['documentId', 'slug', 'name'], where: { publishedAt: { $notNull: true } } } },
    })) as {
      documentId: string;
      organisation: { documentId: string; slug: string; name: string } | null;
    } | null;

  /** Organisations that endorsed a version, with their statements. */
  const endorsementsOf = async (documentId: string) =>
    (
      (await strapi.db.query(ENDORSEMENTS).findMany({
        where: { agreementVersion: { documentId } },
        populate: { organisation: { select: ['slug', 'name'], where: { publishedAt: { $notNull: true } } } },
        orderBy: { createdAt: 'asc' },
      })) as Array<{ statement: string | null; createdAt: string; organisation: { slug: string; name: string } | null }>
    )
      .filter((endorsement) => endorsement.organisation)
      .map((endorsement) => ({
        organisation: { slug: endorsement.organisation!.slug, name: endorsement.organisation!.name },
        statement: endorsement.statement,
        endorsedAt: endorsement.createdAt,
      }));

  /** Authors of accepted suggestions: named where the viewer may see their profile, counted always. */
  const contributorsOf = async (documentId: string, viewer: Viewer) => {
    const authors = (await strapi.db.query(SUGGESTIONS).findMany({
      where: { agreementVersion: { documentId }, decision: 'accepted' },
      populate: { author: { select: ['documentId', 'displayName', 'visibility'], populate: { user: { select: ['id'] } } } },
    })) as Array<{ author: { documentId: string; displayName: string; visibility: string; user: { id: number } | null } | null }>;
    const unique = new Map(authors.filter((a) => a.author).map((a) => [a.author!.documentId, a.author!]));
    const visible = [...unique.values()].filter(
      (author) =>
        author.visibility === 'public' ||
        viewer.kind === 'trusted' ||
        (viewer.kind === 'member' && (author.visibility === 'members' || author.user?.id === viewer.userId)),
    );
    return { count: unique.size, named: visible.map((author) => ({ documentId: author.documentId, displayName: author.displayName })) };
  };

  /** `status` in these answers is the version's `stage` attribute, under the name the routes have always used (README). */
  const describe = (found: Awaited<ReturnType<typeof version>>) => ({
    versionNumber: found.row.versionNumber,
    documentId: found.row.documentId,
    status: found.row.stage,
    locale: found.row.locale,
    requestedLocale: found.requestedLocale,
    /** English is canonical; any other language is a translation, and says so. */
    translation: !found.canonical,
    fallback: found.row.locale !== found.requestedLocale,
    consultation: { opensAt: found.row.consultationOpensAt, closesAt: found.row.consultationClosesAt },
    adoptedAt: found.row.adoptedAt,
    changeSummary: found.row.changeSummary,
  });

  /** The organisation an organisation representative speaks for (what they may endorse in the name of); null for anyone else. */
  const representedBy = async (viewer: Viewer) => {
    if (viewer.kind !== 'member' || viewer.role !== 'org-representative') return null;
    const organisation = (await profileOf(viewer.userId))?.organisation;
    return organisation ? { slug: organisation.slug, name: organisation.name } : null;
  };

  const full = async (found: Awaited<ReturnType<typeof version>>, viewer: Viewer) => {
    const contributors = await contributorsOf(found.row.documentId, viewer);
    const endorsements = await endorsementsOf(found.row.documentId);
    return {
      ...describe(found),
      title: found.row.title,
      preamble: found.row.preamble,
      sections: found.row.sections.map(({ key, heading, text }) => ({ key, heading, text })),
      endorsements,
      contributors: contributors.named,
      contributorCount: contributors.count,
      representedOrganisation: await representedBy(viewer),
    };
  };

  const adoptedNumber = async () =>
    ((await strapi.db.query(VERSIONS).findOne({ select: ['versionNumber'], where: { stage: 'adopted' } })) as { versionNumber: number } | null)
      ?.versionNumber ?? null;

  return {
    version,

    async current(locale: string | undefined, viewer: Viewer) {
      checkLocale(locale);
      const number = await adoptedNumber();
      if (number === null) throw notFound('No version of the agreement has been adopted yet');
      return full(await version(number, locale), viewer);
    },

    async one(number: number, locale: string | undefined, viewer: Viewer) {
      return full(await version(number, locale), viewer);
    },

    /** Every version past draft, newest first, with its endorsement count. */
    async history() {
      const fallback = contentLocales(strapi).default;
      const rows = (await strapi.db.query(VERSIONS).findMany({
        select: ['documentId', 'versionNumber', 'title', 'stage', 'consultationOpensAt', 'consultationClosesAt', 'adoptedAt', 'changeSummary'],
        where: { stage: { $in: PUBLISHED }, locale: fallback },
        orderBy: { versionNumber: 'desc' },
      })) as Row[];
      return Promise.all(
        rows.map(async (row) => ({
          versionNumber: row.versionNumber,
          documentId: row.documentId,
          title: row.title,
          status: row.stage,
          consultation: { opensAt: row.consultationOpensAt, closesAt: row.consultationClosesAt },
          adoptedAt: row.adoptedAt,
          changeSummary: row.changeSummary,
          endorsementCount: (await endorsementsOf(row.documentId)).length,
        })),
      );
    },

    /** Section-aware, word-level diff from version `a` to `b`, both in `locale` or both in English. */
    async diff(a: number, b: number, locale: string | undefined) {
      if (a === b) throw invalid('b', 'b must be another version than a');
      let [from, to] = [await version(a, locale), await version(b, locale)];
      if (from.row.locale !== to.row.locale) [from, to] = [await version(a), await version(b)];
      const text = (row: Row) => ({ title: row.title, preamble: row.preamble ?? '', sections: row.sections });
      return {
        from: describe(from),
        to: describe(to),
        locale: from.row.locale,
        ...diffVersions(text(from.row), text(to.row)),
      };
    },

    /** The agreement as plain text, for download. */
    async plainText(number: number, locale: string | undefined) {
      const { row, canonical } = await version(number, locale);
      const lines = [
        `${row.title}`,
        `Version ${row.versionNumber} · ${row.stage}${row.adoptedAt ? ` · adopted ${row.adoptedAt.slice(0, 10)}` : ''}${canonical ? '' : ' · translation (the English text is canonical)'}`,
        '',
        ...(row.preamble ? [row.preamble, ''] : []),
        ...row.sections.flatMap((section, index) => [`${index + 1}. ${section.heading}`, '', section.text, '']),
      ];
      return { text: `${lines.join('\n').trimEnd()}\n`, locale: row.locale };
    },

    /** A member's suggestion on a section of a version in consultation, inside its window. */
    async suggest(userId: number, number: number, input: z.infer<typeof suggestionInput>) {
      const { row } = await version(number);
      if (!row.sections.some((section) => section.key === input.sectionKey)) {
        if (input.kind !== 'add') throw invalid('sectionKey', `sectionKey "${input.sectionKey}" is not a section of version ${number}`);
      }
      const now = Date.now();
      const [opens, closes] = [row.consultationOpensAt, row.consultationClosesAt];
      if (row.stage !== 'consultation' || !opens || !closes || now < Date.parse(opens) || now > Date.parse(closes)) {
        const window = opens && closes ? `from ${opens} to ${closes}` : 'not scheduled';
        throw conflict(
          `Version ${number} takes suggestions only while in consultation (${row.stage === 'consultation' ? `open ${window}` : `it is ${row.stage}`})`,
        );
      }
      const author = await profileOf(userId);
      if (!author) throw forbidden('Suggestions are made from a member profile: PUT /api/members/me creates yours');
      const created = (await strapi.documents(SUGGESTIONS).create({
        data: { agreementVersion: row.documentId, author: author.documentId, decision: 'open', ...input, proposedText: input.proposedText ?? null },
      } as never)) as unknown as { documentId: string; decision: string; createdAt: string };
      return {
        documentId: created.documentId,
        versionNumber: number,
        ...input,
        proposedText: input.proposedText ?? null,
        status: created.decision,
        createdAt: created.createdAt,
      };
    },

    /**
     * An organisation's endorsement of a version in consultation or adopted, by one of its
     * representatives, once per organisation and version: the check and the write share a
     * transaction that holds the version's row (PostgreSQL; SQLite writes one at a time).
     */
    async endorse(userId: number, number: number, input: z.infer<typeof endorsementInput>) {
      const { row } = await version(number);
      if (!['consultation', 'adopted'].includes(row.stage))
        throw conflict(`Version ${number} is ${row.stage}: only a version in consultation or adopted can be endorsed`);
      const representative = await profileOf(userId);
      const organisation = representative?.organisation;
      if (!organisation) throw forbidden('Only a representative of an organisation can endorse, on its behalf');
      if (input.organisation && input.organisation !== organisation.slug && input.organisation !== organisation.documentId) {
        throw forbidden('You can only endorse on behalf of your own organisation');
      }
      return strapi.db.transaction(async ({ trx }) => {
        await lockDocument(strapi, trx, VERSIONS, row.documentId);
        const existing = await strapi.db
          .query(ENDORSEMENTS)
          .findOne({ where: { agreementVersion: { documentId: row.documentId }, organisation: { documentId: organisation.documentId } } });
        if (existing) throw conflict(`${organisation.name} has already endorsed version ${number}`);
        await strapi.documents(ENDORSEMENTS).create({
          data: {
            agreementVersion: row.documentId,
            organisation: organisation.documentId,
            endorsedBy: representative!.documentId,
            statement: input.statement ?? null,
          },
        } as never);
        return { versionNumber: number, organisation: { slug: organisation.slug, name: organisation.name }, statement: input.statement ?? null };
      });
    },
  };
};
