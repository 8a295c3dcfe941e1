import type { Context } from 'koa';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { contentLocales, isEnabledLocale } from '../../../content/locales';
import { invalidParameter } from '../../../utils/errors';
import { parse } from '../../../utils/parse';
import type createIssueAreas from '../services/issue-areas';

/** `GET /skills/issue-areas` takes the locale of the issue areas' names only. */
export const skillIssueAreasQuery = z.object({ locale: z.string().optional() }).strict();

/** Skills: find/findOne (scoped), and the skills used in each issue area (members, for their self-assessment). */
export default createScopedController('api::skill.skill', ({ strapi }) => ({
  async issueAreas(ctx: Context) {
    const { locale = contentLocales(strapi).default } = parse(skillIssueAreasQuery, ctx.query);
    if (!isEnabledLocale(strapi, locale)) throw invalidParameter('locale', `unknown locale '${locale.slice(0, 20)}'`);
    const service = strapi.service('api::skill.issue-areas') as unknown as ReturnType<typeof createIssueAreas>;
    ctx.body = { data: await service.skillsByIssueArea(locale) };
  },
}));
