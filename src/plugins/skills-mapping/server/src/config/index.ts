import type { Core, UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';

/** How a member may be contacted, as a who-to-ask answer gives it. */
export type ExpertContact = { route: 'email'; email: string } | { route: 'message' };

const contentTypeUid = z
  .string()
  .regex(/^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/, 'must be a content-type uid such as api::skill.skill')
  .transform((uid) => uid as UID.ContentType);
const localeCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale code such as "de" or "pt-BR"');

/** Configuration of the skills-mapping plugin (`config/plugins.ts`), checked when Strapi loads it. */
export const pluginConfigSchema = z
  .object({
    /** Below this many holders, a public matrix cell shows no exact count (no one can be singled out). */
    publicMinimumCount: z.number().int().min(1).max(100),
    /** Claims assessed longer ago than this are flagged as due for re-assessment. */
    reassessAfterMonths: z.number().int().min(1).max(120),
    /** Most profiles one who-to-ask answer lists. */
    expertsLimit: z.number().int().min(1).max(500),
    /** Holders at this level (0–4) or above are advanced: they make a skill covered and are its supply. */
    advancedLevel: z.number().int().min(1).max(4),
    /**
     * The app's content types the map is drawn from. Tables and join tables are read from Strapi's
     * metadata; the attributes the plugin reads are checked at start-up (see `bootstrap.ts`).
     */
    contentTypes: z
      .object({ member: contentTypeUid, organisation: contentTypeUid, issueArea: contentTypeUid, skill: contentTypeUid, workshop: contentTypeUid })
      .strict(),
    /** The app's content locales: names fall back to the default one, and a member's profile is read in it. */
    locales: z
      .object({ default: localeCode, enabled: z.array(localeCode).min(1) })
      .strict()
      .refine((locales) => locales.enabled.includes(locales.default), { message: 'must be one of locales.enabled', path: ['default'] }),
    /**
     * Who a request comes from: `public`, a signed-in `member` or `trusted` (a full-access API token,
     * an administrator), decided by the app for itself and all its plugins with one function, so the
     * rules cannot drift apart. The plugin only decides what each kind of caller sees.
     */
    viewerOf: z
      .function()
      .args(z.custom<Context>())
      .returns(z.object({ kind: z.enum(['public', 'member', 'trusted']) }).passthrough()),
    /**
     * How the caller may contact each of the given members (by profile documentId): the app's rule,
     * so who-to-ask answers say what the app's own contact route says. Null for no contact.
     */
    contactsOf: z
      .function()
      .args(z.custom<Core.Strapi>(), z.array(z.string()), z.custom<Context>())
      .returns(z.promise(z.custom<Map<string, ExpertContact | null>>((value) => value instanceof Map))),
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
  default: { publicMinimumCount: 3, reassessAfterMonths: 12, expertsLimit: 50, advancedLevel: 3 } satisfies Partial<PluginConfig>,
  validator(config: unknown) {
    parsePluginConfig(config);
  },
};
