import { pluginConfigSchema, type PluginConfig, type PluginConfigInput } from './schema';

type EnvReader = ((key: string, fallback?: string) => string) & {
  int: (key: string, fallback?: number) => number;
  bool: (key: string, fallback?: boolean) => boolean;
};

/**
 * The configuration as the plugin uses it: parsed by its schema, so the schema's defaults apply
 * (Strapi only calls `validator` and keeps what it was given). Throws naming every bad key.
 */
export const parsePluginConfig = (config: unknown): PluginConfig => {
  const result = pluginConfigSchema.safeParse(config);
  if (!result.success) throw new Error(result.error.issues.map((issue) => `multilingual-search.${issue.path.join('.')}: ${issue.message}`).join('; '));
  return result.data;
};

export default {
  // `||`, not env()'s fallback: .env (made from .env.example) sets optional variables to '', which means unset.
  default: ({ env }: { env: EnvReader }): Partial<PluginConfigInput> => ({
    indexPrefix: env('SEARCH_INDEX_PREFIX', '') || env('NODE_ENV', '') || 'development',
    types: {},
    labels: {},
    meilisearch: {
      host: env('MEILISEARCH_HOST', ''),
      publicHost: env('MEILISEARCH_PUBLIC_HOST', '') || env('MEILISEARCH_HOST', ''),
      adminKey: env('MEILISEARCH_ADMIN_KEY', ''),
      searchKey: env('MEILISEARCH_SEARCH_KEY', ''),
      timeoutMs: env.int('MEILISEARCH_TIMEOUT_MS', 10_000),
      taskTimeoutMs: env.int('MEILISEARCH_TASK_TIMEOUT_MS', 60_000),
      synonyms: {},
    },
    embedded: { recommendedMaxDocuments: env.int('SEARCH_EMBEDDED_MAX_DOCUMENTS', 50_000) },
    tenantTokens: { enabled: env.bool('SEARCH_TENANT_TOKENS', true), public: true, expiresInSeconds: 3600 },
    sync: {
      batchSize: 200,
      pollIntervalMs: 1000,
      retryDelayMs: 1000,
      maxRetryDelayMs: 300_000,
      maxAttempts: 8,
      logRetentionMs: 3_600_000,
      lateCommitMs: 300_000,
    },
    search: { maxPageSize: 50, defaultPageSize: 10, maxQueryLength: 512, window: 1000 },
  }),
  validator(config: unknown) {
    parsePluginConfig(config);
  },
};
