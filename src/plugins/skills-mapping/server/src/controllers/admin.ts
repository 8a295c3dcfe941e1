import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { skillCategories } from '../utils/content-types';
import { getConfig } from '../utils/get-service';
import matrix from './matrix';

/**
 * The admin panel's matrix and CSV: exact counts, behind the plugin's admin permission. The matrix
 * also tells the heatmap what it offers and says: the skill categories and the advanced level.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { find, csv } = matrix({ strapi });
  return {
    async find(ctx: Context) {
      await find(ctx);
      const body = ctx.body as { meta: Record<string, unknown> };
      body.meta = { ...body.meta, categories: skillCategories(strapi), advancedLevel: getConfig(strapi).advancedLevel };
    },
    csv,
  };
};
