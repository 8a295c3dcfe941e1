import type { Core } from '@strapi/strapi';
import { SingleBar } from 'cli-progress';

/** Tells how far the seeding is, one step (resources, members…) after the other. */
export type SeedProgress = {
  start(step: string, total: number): void;
  advance(count?: number): void;
  finish(): void;
};

const LABEL = 'Seeding demo data:';

/** A bar per step on a terminal (`Seeding demo data: resources ==========---- 40/120`), left on screen with its duration. */
const terminalProgress = (): SeedProgress => {
  let bar: SingleBar | undefined;
  let started = 0;
  return {
    start(step, total) {
      started = Date.now();
      bar = new SingleBar({ format: `${LABEL} ${step} {bar} {value}/{total}{took}`, hideCursor: true, clearOnComplete: false, barsize: 30 });
      bar.start(total, 0, { took: '' });
    },
    advance(count = 1) {
      bar?.increment(count);
    },
    finish() {
      bar?.update({ took: ` in ${((Date.now() - started) / 1000).toFixed(1)} s` });
      bar?.stop();
      bar = undefined;
    },
  };
};

/** One log line per finished step, where no terminal shows a bar (logs, CI, tests). */
const logProgress = (strapi: Core.Strapi): SeedProgress => {
  let current = { step: '', total: 0, done: 0, started: 0 };
  return {
    start(step, total) {
      current = { step, total, done: 0, started: Date.now() };
    },
    advance(count = 1) {
      current.done += count;
    },
    finish() {
      strapi.log.info(`${LABEL} ${current.step} ${current.done}/${current.total} in ${((Date.now() - current.started) / 1000).toFixed(1)} s`);
    },
  };
};

export const createSeedProgress = (strapi: Core.Strapi): SeedProgress => (process.stderr.isTTY ? terminalProgress() : logProgress(strapi));
