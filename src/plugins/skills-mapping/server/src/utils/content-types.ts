import type { Core } from '@strapi/strapi';
import { getConfig } from './get-service';

/** The app's content types the skills map is drawn from, as named in the plugin's `contentTypes` configuration. */
export type AppType = 'member' | 'organisation' | 'issueArea' | 'skill' | 'workshop';

/**
 * The attributes the plugin reads from each of the app's content types. Their tables, columns and
 * join tables come from Strapi's metadata, so only these names are a contract with the app (and
 * `documentId`, which every Strapi 5 content type has).
 */
export const READ_ATTRIBUTES: Record<AppType, readonly string[]> = {
  member: ['locale', 'user', 'displayName', 'organisation', 'countries', 'languages', 'visibility', 'openToQuestions'],
  organisation: ['slug', 'name', 'issueAreas', 'publishedAt'],
  issueArea: ['slug', 'name', 'locale'],
  skill: ['slug', 'name', 'category', 'parent', 'locale'],
  workshop: ['locale', 'startsAt', 'visibility', 'skillsTaught', 'issueAreas', 'publishedAt'],
};

/** The content-type uid of `type`. */
export const uidOf = (strapi: Core.Strapi, type: AppType) => getConfig(strapi).contentTypes[type];

/**
 * Checks that every configured content type exists and has the attributes the plugin reads, so a
 * mistake in config/plugins.ts stops start-up with a message naming the key, not a query at run time.
 */
export const checkContentTypes = (strapi: Core.Strapi) => {
  const problems = (Object.keys(READ_ATTRIBUTES) as AppType[]).flatMap((type) => {
    const uid = uidOf(strapi, type);
    const model = strapi.contentTypes[uid];
    if (!model) return [`skills-mapping.contentTypes.${type}: no content type "${uid}"`];
    const missing = READ_ATTRIBUTES[type].filter((attribute) => !(attribute in model.attributes));
    return missing.length ? [`skills-mapping.contentTypes.${type}: "${uid}" has no attribute ${missing.map((name) => `"${name}"`).join(', ')}`] : [];
  });
  if (problems.length) throw new Error(problems.join('; '));
};

/** The skill categories: the values of the skill type's `category` enumeration. */
export const skillCategories = (strapi: Core.Strapi): readonly string[] => {
  const category = strapi.contentTypes[uidOf(strapi, 'skill')].attributes.category;
  return category.type === 'enumeration' ? category.enum : [];
};
