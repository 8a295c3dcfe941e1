import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Core } from '@strapi/strapi';

const USER_UID = 'plugin::users-permissions.user';
const MAX_DELAY_MS = 1000;

type Account = { id: number; email: string; confirmed: boolean | null; blocked: boolean | null };
type Template = { from: { name?: string; email?: string }; response_email?: string; object: string; message: string };
type UserService = { edit: (id: number, data: object) => Promise<unknown>; sendConfirmationEmail: (account: Account) => Promise<void> };
type TemplateService = { template: (layout: string, data: object) => Promise<string> };

/**
 * The e-mails that a request names an address for (password reset, confirmation), sent after the
 * answer: the account is looked up only then, so the answer is the same, in the same time, whether
 * an account has the address or not. Nothing is thrown to anyone: a failure is logged.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = strapi.plugin('users-permissions');
  const user = plugin.service('user') as UserService;
  const templates = plugin.service('users-permissions') as TemplateService;
  const findAccount = (email: string) => strapi.db.query(USER_UID).findOne({ where: { email: email.toLowerCase() } }) as Promise<Account | null>;

  const inFlight = new Set<Promise<void>>();
  const inBackground = (what: string, send: () => Promise<void>) => {
    // After a random delay as well: the lookup and sending take the server a few milliseconds for a
    // member's address only, which a request sent right after the answer could otherwise time.
    const task: Promise<void> = sleep(randomInt(MAX_DELAY_MS))
      .then(send)
      .catch((error: unknown) => {
        strapi.log.error(`[users-permissions] ${what} not sent: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  /** What the core's forgotPassword does for an active account: a new reset code, then the e-mail with it. */
  const sendPasswordReset = async (email: string) => {
    const account = await findAccount(email);
    if (!account || account.blocked) return;
    const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
    const {
      reset_password: { options },
    } = (await store.get({ key: 'email' })) as { reset_password: { options: Template } };
    const { email_reset_password: resetPage } = (await store.get({ key: 'advanced' })) as { email_reset_password: string | null };
    const code = randomBytes(64).toString('hex');
    const USER = await strapi.contentAPI.sanitize.output(account, strapi.getModel(USER_UID), {});
    const message = await templates.template(options.message, {
      URL: resetPage,
      SERVER_URL: strapi.config.get('server.absoluteUrl'),
      ADMIN_URL: strapi.config.get('admin.absoluteUrl'),
      USER,
      TOKEN: code,
    });
    const subject = await templates.template(options.object, { USER });
    // Saved before sending, as the core does, so that an administrator can still make the link if the e-mail fails.
    await user.edit(account.id, { resetPasswordToken: code });
    await strapi
      .plugin('email')
      .service('email')
      .send({
        to: account.email,
        from: options.from.email || options.from.name ? `${options.from.name} <${options.from.email}>` : undefined,
        replyTo: options.response_email,
        subject,
        text: message,
        html: message,
      });
  };

  /** The core's confirmation e-mail, for an account that still needs it. */
  const sendConfirmation = async (email: string) => {
    const account = await findAccount(email);
    if (!account || account.confirmed || account.blocked) return;
    await user.sendConfirmationEmail(account);
  };

  return {
    schedulePasswordReset: (email: string) => inBackground('password reset e-mail', () => sendPasswordReset(email)),
    scheduleConfirmation: (email: string) => inBackground('confirmation e-mail', () => sendConfirmation(email)),
    /** Resolves once every e-mail started so far is sent or has failed. */
    settled: async () => {
      await Promise.all(inFlight);
    },
  };
};
