import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { z } from 'zod';
import { parse } from '../../../utils/parse';
import { getService } from '../get-service';

type Action = (ctx: Context, next: Next) => unknown;

const emailBody = z.object({ email: z.string().email('must be an e-mail address') });

/**
 * users-permissions' auth controller, with the actions that are given an e-mail address or identifier
 * answering the same, in the same time, whether an account has it or not. The other actions are the core's.
 */
export default ({ strapi, core }: { strapi: Core.Strapi; core: Record<string, Action> }) => ({
  ...core,

  /** Sign-in: an unknown identifier is made to cost what a known one does, then the core signs in. */
  async callback(ctx: Context, next: Next) {
    if ((ctx.params.provider ?? 'local') === 'local') {
      await getService(strapi, 'sign-in-timing').checkStandInIfUnknown(ctx.request.body);
    }
    return core.callback(ctx, next);
  },

  /** Always `{ ok: true }`; the reset e-mail, if an active account has the address, is sent after the answer. */
  async forgotPassword(ctx: Context) {
    const { email } = parse(emailBody, ctx.request.body, 'field');
    ctx.res.once('close', () => getService(strapi, 'account-emails').schedulePasswordReset(email));
    ctx.body = { ok: true };
  },

  /**
   * Always `{ email, sent: true }` with the address as given (the core answered "Already confirmed"
   * for a member); the e-mail, if an unconfirmed account has the address, is sent after the answer.
   */
  async sendEmailConfirmation(ctx: Context) {
    const { email } = parse(emailBody, ctx.request.body, 'field');
    ctx.res.once('close', () => getService(strapi, 'account-emails').scheduleConfirmation(email));
    ctx.body = { email, sent: true };
  },
});
