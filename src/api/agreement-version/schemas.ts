import { memberRef } from '../member/schemas';
import { answeredAsStatus, envelope, timestamp, z } from '../../utils/route-schemas';

const nullableTimestamp = timestamp.nullable();
const organisation = z.object({ slug: z.string(), name: z.string() });

const versionSummary = z.object({
  versionNumber: z.number().int(),
  documentId: z.string(),
  status: z.enum(['consultation', 'adopted', 'superseded']).describe(answeredAsStatus('stage', 'version')),
  locale: z.string(),
  requestedLocale: z.string(),
  translation: z.boolean().describe('English is canonical; any other language is a translation'),
  fallback: z.boolean().describe('true when the version is not translated into the requested locale and is given in English'),
  consultation: z.object({ opensAt: nullableTimestamp, closesAt: nullableTimestamp }),
  adoptedAt: nullableTimestamp,
  changeSummary: z.string().nullable(),
});

export const version = envelope(
  versionSummary.extend({
    title: z.string(),
    preamble: z.string().nullable(),
    sections: z.array(z.object({ key: z.string(), heading: z.string(), text: z.string() })),
    endorsements: z.array(z.object({ organisation, statement: z.string().nullable(), endorsedAt: timestamp })),
    contributors: z.array(memberRef).describe('authors of accepted suggestions whose profile the caller may see'),
    contributorCount: z.number().int(),
    representedOrganisation: organisation
      .nullable()
      .describe(
        "the caller's organisation when the caller is its representative (whether it endorsed this version is in `endorsements`); null for anyone else",
      ),
  }),
);

export const history = envelope(
  z.array(
    versionSummary
      .omit({ locale: true, requestedLocale: true, translation: true, fallback: true })
      .extend({ title: z.string(), endorsementCount: z.number().int() }),
  ),
);

const words = z.array(z.object({ type: z.enum(['equal', 'insert', 'delete']), text: z.string() }));
const sectionText = z.object({ position: z.number().int().describe('1-based, in its version'), heading: z.string(), text: z.string() }).nullable();
export const diff = envelope(
  z.looseObject({
    from: versionSummary,
    to: versionSummary,
    locale: z.string(),
    sections: z.array(
      z.looseObject({
        key: z.string(),
        change: z.enum(['added', 'removed', 'changed', 'unchanged']),
        moved: z.boolean(),
        from: sectionText,
        to: sectionText,
        text: words.describe('word-level parts that rebuild both texts'),
      }),
    ),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), moved: z.number().int(), unchanged: z.number().int() }),
  }),
);

export const suggestion = envelope(
  z.object({
    documentId: z.string(),
    versionNumber: z.number().int(),
    sectionKey: z.string(),
    kind: z.enum(['add', 'remove', 'replace']),
    proposedText: z.string().nullable(),
    rationale: z.string(),
    status: z.enum(['open']).describe(answeredAsStatus('decision', 'suggestion')),
    createdAt: timestamp,
  }),
);

export const endorsement = envelope(z.object({ versionNumber: z.number().int(), organisation, statement: z.string().nullable() }));
