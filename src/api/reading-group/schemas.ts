import { memberRef } from '../member/schemas';
import { envelope, timestamp, z } from '../../utils/route-schemas';

const membership = z.object({
  readingGroup: z.string().describe('documentId of the reading group'),
  participant: z.boolean(),
  places: z.object({ capacity: z.number().int(), taken: z.number().int(), left: z.number().int() }),
});

/** Joining answers whether the caller joined (201) or already was a participant (200). */
export const joined = envelope(membership, z.object({ joined: z.boolean() }));
export const left = envelope(membership);
export const participants = envelope(z.array(memberRef), z.object({ count: z.number().int(), notNamed: z.number().int() }));
export const myReadingGroups = envelope(
  z.array(
    z.object({
      documentId: z.string(),
      name: z.string().describe('in `locale` where the group has it, else the default locale'),
      locale: z.string().describe('the locale of `name`'),
      nextSessionAt: timestamp.nullable().describe('start of the next session; null when none is planned'),
    }),
  ),
);
