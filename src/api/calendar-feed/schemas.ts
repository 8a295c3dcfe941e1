import { envelope, timestamp, z } from '../../utils/route-schemas';

export const issuedFeed = envelope(z.object({ url: z.url(), createdAt: timestamp }));
export const currentFeed = envelope(
  z
    .object({ createdAt: timestamp })
    .nullable()
    .describe('null when the member has no feed; the URL itself is only answered when issued (only its hash is kept)'),
);
