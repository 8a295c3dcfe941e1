import { envelope, timestamp, z } from '../../../../../utils/route-schemas';

/** The answers of the plugin's content-API routes, as the route declarations give them to Strapi's OpenAPI generator. */

const hit = z.object({
  type: z.string(),
  documentId: z.string(),
  locale: z.string(),
  otherLanguage: z.boolean().describe("true when the hit is in another language than the searcher's"),
  title: z.string(),
  slug: z.string().nullable(),
  snippet: z.string().describe('HTML: the text is escaped, matches are in <mark>'),
  score: z.number(),
});

export const searchResults = envelope(
  z.array(hit),
  z.object({
    pagination: z.object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
    facets: z.record(z.string(), z.record(z.string(), z.number().int())).describe('Per facet asked for: value → number of hits the caller may see'),
    facetLabels: z
      .record(z.string(), z.record(z.string(), z.string()))
      .describe("Per facet asked for: value → its name in the searcher's language (English where not translated), for every value counted or filtered on"),
    locale: z.string(),
    engine: z.string(),
  }),
);

export const tenantToken = envelope(z.object({ token: z.string(), host: z.string(), indexes: z.array(z.string()), expiresAt: timestamp }));
