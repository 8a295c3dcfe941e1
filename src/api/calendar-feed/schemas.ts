import { envelope, timestamp, z } from '../../utils/route-schemas';

export const issuedFeed = envelope(z.object({ url: z.url(), createdAt: timestamp }));
