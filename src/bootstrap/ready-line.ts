import type { Core } from '@strapi/strapi';

/** Strapi's own line once it listens: the ready line says the same, with where to go. */
const STRAPI_STARTED = 'Strapi started successfully';

type LogFormat = { transform: (info: { message?: unknown }, options?: unknown) => unknown };

/**
 * One line when the server answers, in place of Strapi's start-up banner (`server.logger.startup`
 * is off in config/server.ts: its "Welcome back!" greeted even the very first start, whose demo admin
 * the bootstrap creates). Printed on the server's `listening` event, when requests are served: under
 * `strapi develop` that comes after the TypeScript build that follows the bootstrap.
 */
export const announceWhenReady = (strapi: Core.Strapi, line: string) => {
  const logger = strapi.log as unknown as { format: LogFormat };
  const format = logger.format;
  logger.format = Object.assign(Object.create(format) as LogFormat, {
    transform: (info: { message?: unknown }, options?: unknown) => (info.message === STRAPI_STARTED ? false : format.transform(info, options)),
  });
  strapi.server.httpServer.once('listening', () => strapi.log.info(line));
};
