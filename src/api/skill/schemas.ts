import { envelope, z } from '../../utils/route-schemas';

/** Each published issue area with the skills its published resources, workshops and reading groups carry. */
export const skillIssueAreas = envelope(
  z.array(
    z.object({
      documentId: z.string(),
      slug: z.string(),
      name: z.string().describe('in `locale` where translated, else the default locale'),
      skills: z.array(z.string()).describe('documentIds of the skills used in this issue area'),
    }),
  ),
);
