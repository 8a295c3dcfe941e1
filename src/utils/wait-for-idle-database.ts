import type { Core } from '@strapi/strapi';

type Pool = { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number };

/**
 * Waits until no query has used the database for `quietMs`. The Document Service emits its
 * `entry.*` events after each commit without awaiting them (each reloads the entry), so after a burst
 * of writes such as seeding, queries are still running when the writes have returned. Call this
 * before `strapi.destroy()`, or those queries fail on a closed pool.
 */
export const waitForIdleDatabase = async (strapi: Core.Strapi, { quietMs = 250, timeoutMs = 120_000 } = {}) => {
  const pool = (strapi.db.connection.client as { pool?: Pool }).pool;
  if (!pool) return;
  const started = Date.now();
  let quietSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the database was still busy after ${timeoutMs} ms`);
};
