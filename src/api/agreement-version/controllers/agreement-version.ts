import type { Context } from 'koa';
import { z } from 'zod';
import { createScopedController } from '../../access/scoped-controller';
import { signedInUserId, viewerFromContext } from '../../access/viewer';
import { parse } from '../../../utils/parse';
import { endorsementInput, suggestionInput } from '../services/agreement';

type Agreement = ReturnType<typeof import('../services/agreement').default>;

export const localeQuery = z.object({ locale: z.string().max(20).optional() }).strict();
export const versionNumber = z.coerce
  .number({ message: 'must be a version number' })
  .int('must be a version number')
  .min(1, 'must be a version number')
  .max(1_000_000);

const body = (ctx: Context) => (ctx.request.body as { data?: unknown } | undefined)?.data ?? {};

/** The agreement's routes besides find/findOne: current version, history, diff, text, suggestions, endorsements. */
export default createScopedController('api::agreement-version.agreement-version', ({ strapi }) => {
  const agreement = () => strapi.service('api::agreement-version.agreement') as unknown as Agreement;
  const numberParam = (ctx: Context, name: string) => parse(versionNumber, ctx.params[name], 'parameter', [name]) as number;
  const locale = (ctx: Context) => parse(localeQuery, ctx.query).locale;

  return {
    async current(ctx: Context) {
      ctx.body = { data: await agreement().current(locale(ctx), viewerFromContext(ctx)) };
    },

    async history(ctx: Context) {
      parse(z.object({}).strict(), ctx.query);
      ctx.body = { data: await agreement().history() };
    },

    async byNumber(ctx: Context) {
      ctx.body = { data: await agreement().one(numberParam(ctx, 'number'), locale(ctx), viewerFromContext(ctx)) };
    },

    async diff(ctx: Context) {
      ctx.body = { data: await agreement().diff(numberParam(ctx, 'a'), numberParam(ctx, 'b'), locale(ctx)) };
    },

    async text(ctx: Context) {
      const number = numberParam(ctx, 'number');
      const { text, locale: written } = await agreement().plainText(number, locale(ctx));
      ctx.set('Content-Type', 'text/plain; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="community-agreement-v${number}-${written}.txt"`);
      ctx.body = text;
    },

    async suggest(ctx: Context) {
      const input = parse(suggestionInput, body(ctx), 'field');
      ctx.status = 201;
      ctx.body = { data: await agreement().suggest(signedInUserId(ctx, 'to make suggestions'), numberParam(ctx, 'number'), input) };
    },

    async endorse(ctx: Context) {
      const input = parse(endorsementInput, body(ctx), 'field');
      ctx.status = 201;
      ctx.body = { data: await agreement().endorse(signedInUserId(ctx, 'to endorse on behalf of your organisation'), numberParam(ctx, 'number'), input) };
    },
  };
});
