import { pluginConfigSchema, type PluginConfig } from './schema';

const formatIssues = (issues: Array<{ path: Array<string | number>; message: string }>) =>
  issues.map((issue) => `multilingual-search.${issue.path.join('.')}: ${issue.message}`).join('; ');

export default {
  default: ({ env }: { env: (key: string, fallback?: string) => string }): Partial<PluginConfig> => ({
    indexPrefix: env('SEARCH_INDEX_PREFIX', env('NODE_ENV', 'development')),
    types: {},
    sync: { batchSize: 200, pollIntervalMs: 1000, retryDelayMs: 1000, maxRetryDelayMs: 300_000, maxAttempts: 8 },
    search: { maxPageSize: 50, defaultPageSize: 10, maxQueryLength: 512, window: 1000 },
  }),
  validator(config: unknown) {
    const result = pluginConfigSchema.safeParse(config);
    if (!result.success) throw new Error(formatIssues(result.error.issues));
  },
};
