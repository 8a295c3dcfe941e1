import type { Core } from '@strapi/strapi';

const AI_FEATURE_CONFIG = '/admin/ai-feature-config';
const AI_LOCALIZATION_JOB = /^\/i18n\/ai-localization-jobs\/(?:collection-types\/[^/]+\/[^/]+|single-types\/[^/]+)$/;

/**
 * Strapi 5.54's admin panel asks for its AI features (`/admin/ai-feature-config`, and an AI
 * translation job for every entry it opens) whether AI is on or not, and with AI off
 * (`admin.ai.enabled: false`, config/admin.ts) the server answers 404, which browsers show as console
 * errors. No setting stops the panel asking, so with AI off these are answered as the panel reads
 * them: no AI feature configured, no translation job.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const aiOff = strapi.config.get<boolean>('admin.ai.enabled', true) === false;
  return async (ctx: { method: string; path: string; body: unknown }, next: () => Promise<void>) => {
    if (aiOff && ctx.method === 'GET') {
      if (ctx.path === AI_FEATURE_CONFIG) {
        ctx.body = { data: { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false } };
        return;
      }
      if (AI_LOCALIZATION_JOB.test(ctx.path)) {
        ctx.body = { data: null };
        return;
      }
    }
    await next();
  };
};
