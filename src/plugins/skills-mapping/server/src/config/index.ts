import type { Context } from 'koa';
import { z } from 'zod';

/** Configuration of the skills-mapping plugin (`config/plugins.ts`), checked when Strapi loads it. */
export const pluginConfigSchema = z
  .object({
    /** Below this many holders, a public matrix cell shows no exact count (no one can be singled out). */
    publicMinimumCount: z.number().int().min(1).max(100),
    /** Claims assessed longer ago than this are flagged as due for re-assessment. */
    reassessAfterMonths: z.number().int().min(1).max(120),
    /** Most profiles one who-to-ask answer lists. */
    expertsLimit: z.number().int().min(1).max(500),
    /**
     * Who a request comes from: `public`, a signed-in `member` or `trusted` (a full-access API token,
     * an administrator), decided by the app for itself and all its plugins with one function, so the
     * rules cannot drift apart. The plugin only decides what each kind of caller sees.
     */
    viewerOf: z
      .function()
      .args(z.custom<Context>())
      .returns(z.object({ kind: z.enum(['public', 'member', 'trusted']) }).passthrough()),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

/**
 * The configuration as the plugin uses it: parsed by its schema (Strapi only calls `validator` and
 * keeps what it was given). Throws naming every bad key.
 */
export const parsePluginConfig = (config: unknown): PluginConfig => {
  const result = pluginConfigSchema.safeParse(config);
  if (!result.success) throw new Error(result.error.issues.map((issue) => `skills-mapping.${issue.path.join('.')}: ${issue.message}`).join('; '));
  return result.data;
};

export default {
  default: { publicMinimumCount: 3, reassessAfterMonths: 12, expertsLimit: 50 } satisfies Omit<PluginConfig, 'viewerOf'>,
  validator(config: unknown) {
    parsePluginConfig(config);
  },
};
