import type { UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';

/**
 * Configuration of the multilingual-search plugin (`config/plugins.ts`), validated when Strapi
 * loads it: a bad value stops start-up with a message naming the key.
 */

/** A content type's uid, typed as Strapi's (`UID.ContentType`) once checked. */
const contentTypeUid = (example: string) =>
  z.custom<UID.ContentType>(
    (value) => typeof value === 'string' && /^api::[a-z0-9-]+\.[a-z0-9-]+$/.test(value),
    `must be a content-type uid such as ${example}`,
  );

const name = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a camelCase name');
const path = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)?$/, 'must be an attribute or relation.attribute');

export const typeConfigSchema = z
  .object({
    /** The content type indexed. */
    uid: contentTypeUid('api::resource.resource'),
    /**
     * The allow-list: search-document field → attribute of the entry, or `relation.attribute` of an
     * embedded relation or component (e.g. `issueAreas.name`, in the entry's locale). Nothing else
     * reaches an index.
     */
    fields: z.record(name, path),
    /** Document field shown as a hit's title. */
    title: name,
    /** Document fields a hit's snippet is cut from, in order of preference. */
    snippet: z.array(name).min(1),
    /** Full-text fields, in ranking order (first matters most). */
    searchable: z.array(name).min(1),
    /** Fields the search API can filter on (`language` and `type` always can). */
    filterable: z.array(name),
    sortable: z.array(name),
    /**
     * Fields counted per value in search results. A facet is one vocabulary wherever it appears (a
     * field of another meaning gets its own name), and `labels` says how its values are named.
     */
    facets: z.array(name),
    /** Fields compared exactly: no typo tolerance (identifiers such as ECLI and case numbers). */
    exact: z.array(name).default([]),
    /** Where a document's visibility comes from: an attribute (`public` / `members`), or always public. */
    visibility: z.union([z.literal('public'), z.object({ attribute: z.string() })]),
    /** Entries with these attribute values are never indexed (hidden profiles, draft agreement versions). */
    exclude: z.record(z.string(), z.array(z.string())).default({}),
  })
  .strict()
  .superRefine((type, ctx) => {
    const known = new Set([...Object.keys(type.fields), 'language', 'type']);
    for (const key of ['title', 'snippet', 'searchable', 'filterable', 'sortable', 'facets', 'exact'] as const) {
      const values = ([] as string[]).concat(type[key]);
      values.forEach((value, index) => {
        if (!known.has(value)) {
          ctx.addIssue({ code: 'custom', path: Array.isArray(type[key]) ? [key, index] : [key], message: `"${value}" is not one of the fields` });
        }
      });
    }
  });

const localeCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'must be a locale code such as de');

/** Names of values per locale. English is required: a locale without its own name for a value gets the English one. */
const wordsSchema = z
  .record(localeCode, z.record(z.string(), z.string().min(1)))
  .refine((words) => 'en' in words, { message: 'needs English names (en), the fallback of every other locale' });

/**
 * Where the names of a facet's values come from, in the searcher's language: so that a member
 * reads "Council of Europe (ECtHR)" or "Environment & climate", not `CoE` or `environment-climate`.
 */
export const facetLabelsSchema = z.discriminatedUnion('from', [
  /** A fixed vocabulary (an enumeration): its values named per locale. */
  z.object({ from: z.literal('words'), words: wordsSchema }).strict(),
  /** ISO 3166-1 country codes, named by the runtime's CLDR data; `words` name the codes that are not countries (EU, CoE, UN). */
  z.object({ from: z.literal('countries'), words: wordsSchema.optional() }).strict(),
  /** ISO 639-1 language codes, named by the runtime's CLDR data. */
  z.object({ from: z.literal('languages') }).strict(),
  /** Entries of a content type found by `key` (e.g. issue areas by slug), named by their `name` in the searcher's locale, else the default locale's. */
  z
    .object({
      from: z.literal('entries'),
      uid: contentTypeUid('api::issue-area.issue-area'),
      key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'must be an attribute'),
      name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'must be an attribute'),
    })
    .strict(),
]);

const meilisearchSchema = z
  .object({
    /** Where the app reaches Meilisearch. Empty: the embedded engine is used. */
    host: z.string(),
    /** Where browsers reach it, for tenant tokens (default: host). */
    publicHost: z.string(),
    /** Admin key: used by the server only, never sent to a client, never logged. */
    adminKey: z.string(),
    /** Search-only key that tenant tokens are signed with. */
    searchKey: z.string(),
    timeoutMs: z.number().int().min(100),
    taskTimeoutMs: z.number().int().min(100),
    /** Per locale: word → equivalents, e.g. { en: { ECHR: ['European Court of Human Rights'] } }. */
    synonyms: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  })
  .strict()
  .superRefine((meilisearch, ctx) => {
    if (!meilisearch.host) return;
    try {
      new URL(meilisearch.host);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['host'], message: 'must be a URL such as http://127.0.0.1:7700' });
    }
    if (!meilisearch.adminKey) ctx.addIssue({ code: 'custom', path: ['adminKey'], message: 'is required with a host (MEILISEARCH_ADMIN_KEY)' });
  });

/**
 * Who a request comes from: `public`, a signed-in `member` or `trusted` (a full-access API token, an
 * administrator), decided by the app for itself and all its plugins with one function, so the rules
 * cannot drift apart. The plugin only decides what each kind of caller finds.
 */
const viewerOfSchema = z
  .function()
  .args(z.custom<Context>())
  .returns(z.object({ kind: z.enum(['public', 'member', 'trusted']) }).passthrough());

export const pluginConfigSchema = z
  .object({
    viewerOf: viewerOfSchema,
    /** The app's content locales: a search is in an enabled one, the default one when none is asked for. */
    locales: z
      .object({ default: localeCode, enabled: z.array(localeCode).min(1) })
      .strict()
      .refine((locales) => locales.enabled.includes(locales.default), { message: 'must be one of locales.enabled', path: ['default'] }),
    /** Index names are `<prefix>_<type>_<locale>`, so several environments can share one engine. */
    indexPrefix: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, - and _ only'),
    types: z.record(z.string().regex(/^[a-z][a-z-]*$/, 'must be a lowercase type name'), typeConfigSchema),
    /** Per facet (`type`, `language` and every facet of the types): how its values are named. Checked against the types at start-up. */
    labels: z.record(name, facetLabelsSchema),
    sync: z
      .object({
        /** Changes handled per batch (one engine write per index per batch). */
        batchSize: z.number().int().min(1).max(5000),
        /** How often the worker looks at the outbox when nothing woke it. */
        pollIntervalMs: z.number().int().min(50).max(600_000),
        /** First retry delay; doubled at each attempt, up to maxRetryDelayMs. */
        retryDelayMs: z.number().int().min(10),
        maxRetryDelayMs: z.number().int().min(10),
        /** After this many attempts a change stays `failed` until retried by hand. */
        maxAttempts: z.number().int().min(1).max(100),
        /**
         * Embedded engine (the outbox read as a log by every process): how long the rows are kept. A
         * process that has not read them by then rebuilds its indexes from the database.
         */
        logRetentionMs: z.number().int().min(60_000),
        /**
         * Embedded engine: how long an id missing from the log is waited for (a transaction that has
         * not committed yet) before it is taken for rolled back.
         */
        lateCommitMs: z.number().int().min(1000),
      })
      .strict()
      .refine((sync) => sync.lateCommitMs < sync.logRetentionMs, { path: ['lateCommitMs'], message: 'must be shorter than logRetentionMs' }),
    meilisearch: meilisearchSchema,
    embedded: z
      .object({
        /**
         * Up to how many documents one process's embedded index is the right choice (README, "Search":
         * memory and start-up measured per document); above it the app warns at start-up to configure Meilisearch.
         */
        recommendedMaxDocuments: z.number().int().min(1),
      })
      .strict(),
    tenantTokens: z
      .object({
        /** Off: GET /api/multilingual-search/token answers 404. */
        enabled: z.boolean(),
        /** Whether the public gets a token too (limited to public documents). */
        public: z.boolean(),
        expiresInSeconds: z.number().int().min(10).max(86_400),
      })
      .strict(),
    search: z
      .object({
        maxPageSize: z.number().int().min(1).max(200),
        defaultPageSize: z.number().int().min(1),
        maxQueryLength: z.number().int().min(1).max(2000),
        /** The deepest hit a search can page to (page × pageSize); with Meilisearch, the merged hits among which duplicates are removed. */
        window: z.number().int().min(10).max(10_000),
      })
      .strict(),
  })
  .strict();

export type TypeConfig = z.infer<typeof typeConfigSchema>;
/** The configuration as the plugin uses it, defaults applied. */
export type PluginConfig = z.infer<typeof pluginConfigSchema>;
/** The configuration as written in `config/plugins.ts`: keys with a default may be left out. */
export type PluginConfigInput = z.input<typeof pluginConfigSchema>;
export type FacetLabels = z.infer<typeof facetLabelsSchema>;
