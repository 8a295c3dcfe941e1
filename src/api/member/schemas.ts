import { answeredAsStatus, envelope, timestamp, z } from '../../utils/route-schemas';

/** A member named in an answer: only members whose profile the caller may see are. */
export const memberRef = z.object({ documentId: z.string(), displayName: z.string() });

/** The caller's own profile in one locale, with its organisation (what the member service returns). */
const ownProfile = z.looseObject({
  id: z.number().int(),
  documentId: z.string(),
  locale: z.string(),
  displayName: z.string(),
  bio: z.string().nullable(),
  countries: z.array(z.string()),
  languages: z.array(z.string()),
  visibility: z.enum(['hidden', 'members', 'public']),
  openToQuestions: z.boolean(),
  canMentor: z.boolean(),
  contactRoute: z
    .enum(['none', 'email', 'message'])
    .describe(
      'how signed-in members may contact you: not at all, by your account e-mail (shown to them), or by a message through the platform (your address is not shown)',
    ),
  organisation: z.looseObject({ name: z.string(), slug: z.string() }).nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const ownProfileResponse = envelope(ownProfile, z.object({}));

/** How a member may be contacted; the same shape on a profile's contact route and on who-to-ask answers. */
export const contact = z.union([
  z.object({ route: z.literal('email'), email: z.string().describe("the member's account e-mail") }),
  z.object({ route: z.literal('message').describe('send a message with POST /members/{id}/messages; their address is not shown') }),
]);
export const memberContact = envelope(contact);
export const messageSent = envelope(z.object({ sent: z.literal(true) }));

const named = (name: 'name' | 'title') => z.object({ documentId: z.string(), [name]: z.string() });

export const ownDataExport = envelope(
  z.looseObject({
    exportedAt: timestamp,
    account: z.looseObject({ username: z.string(), email: z.string(), provider: z.string(), confirmed: z.boolean().nullable() }),
    profile: z
      .object({
        documentId: z.string(),
        translations: z.array(z.looseObject({ locale: z.string(), displayName: z.string(), contactRoute: z.enum(['none', 'email', 'message']) })),
      })
      .nullable(),
    skillClaims: z
      .array(z.looseObject({ skill: z.looseObject({ documentId: z.string() }), level: z.number().int() }))
      .describe('as GET /skills-mapping/me/claims answers them'),
    registrations: z.array(
      z.looseObject({
        documentId: z.string(),
        status: z.enum(['confirmed', 'waitlisted', 'cancelled']).describe(answeredAsStatus('state', 'registration')),
        waitlistPosition: z.number().int().nullable(),
      }),
    ),
    readingGroups: z.array(named('name')),
    facilitating: z.object({ readingGroups: z.array(named('name')), workshops: z.array(named('title')) }),
    suggestions: z.array(
      z.looseObject({
        documentId: z.string(),
        versionNumber: z.number().int().nullable(),
        status: z.enum(['open', 'accepted', 'rejected', 'carried_over']).describe(answeredAsStatus('decision', 'suggestion')),
      }),
    ),
    endorsementsMade: z.array(z.looseObject({ versionNumber: z.number().int().nullable(), statement: z.string().nullable() })),
  }),
);
