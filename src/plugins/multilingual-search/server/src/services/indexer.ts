import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Core } from '@strapi/strapi';
import type { SearchDocument } from '../engines/types';
import { getConfig, getService } from '../utils/get-service';
import type { SearchType } from './types';

export type ReindexProgress = { type: string; locale: string; indexed: number; total: number };

/**
 * Whether this process's search answers: `ready` once the embedded engine's indexes are built at
 * start-up (with Meilisearch, whose indexes outlive the process, once it is known that they exist,
 * or once they are built); `failed` when the embedded build failed (the log says why). While a
 * Meilisearch first build is tried again, `lastError` says why the last attempt failed.
 */
export type Readiness = { state: 'building' | 'ready' | 'failed'; indexed: number; total: number; lastError?: string };

/** Thrown into a build when the app stops meanwhile. */
class BuildStopped extends Error {}

const CHUNK = 200;

/** Delay before retrying a Meilisearch start-up that failed: doubling from one second, at most 30 s. */
const retryDelayMs = (attempt: number) => Math.min(1_000 * 2 ** attempt, 30_000);

/**
 * Full rebuilds. `reindex` builds every index of the chosen types under a temporary name while the
 * live indexes keep answering searches, then swaps all of them at once and drops the old ones.
 * Meanwhile no change is applied to them: the changes made during the rebuild wait in the outbox
 * and are applied to the new indexes right after the swap. With Meilisearch, whose indexes every
 * process shares, the reindex lock (index-lock) holds the workers of every process, and the rebuild
 * starts once the batches in flight are done. The embedded engine's indexes are this process's
 * own: only its worker is held, and the other processes go on with theirs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const types = () => getService(strapi, 'types');
  const documents = () => getService(strapi, 'documents');
  const engine = () => getService(strapi, 'engine').get();
  let current: { startedAt: number; progress: ReindexProgress[] } | undefined;
  let readiness: Readiness = { state: 'building', indexed: 0, total: 0 };
  let built: Promise<void> | undefined;
  const stopping = new AbortController();
  // Settles once the start-up build is over (ready, failed or stopped); with Meilisearch down
  // at start-up, the process is ready while its start-up is tried again in the background.
  let startUpOver!: () => void;
  const startUp = new Promise<void>((resolve) => (startUpOver = resolve));
  const settle = (state: 'ready' | 'failed') => {
    readiness = state === 'ready' ? { state, indexed: readiness.indexed, total: readiness.total } : { ...readiness, state };
    startUpOver();
  };

  /** Waits until no process is applying a batch. */
  const waitForBatchesInFlight = async () => {
    const deadline = Date.now() + 120_000;
    while ((await getService(strapi, 'outbox').claimedCount()) > 0) {
      if (Date.now() > deadline) throw new Error('batches in flight did not finish within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** Expected documents per locale, for progress bars. */
  const totals = async (type: SearchType) => {
    const rows = (await strapi.db.query(type.uid).findMany({
      select: ['documentId', ...(type.localized ? ['locale'] : [])],
      where: type.draftAndPublish ? { publishedAt: { $notNull: true } } : {},
    })) as Array<{ locale?: string }>;
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.locale ?? 'en', (counts.get(row.locale ?? 'en') ?? 0) + 1);
    return counts;
  };

  /** Writes every document of `type` into its indexes (those a reindex builds when `rebuild`); returns the locales written. */
  const build = async (type: SearchType, rebuild: boolean, onProgress: (progress: ReindexProgress) => void) => {
    const expected = await totals(type);
    const indexed = new Map<string, number>();
    const created = new Set<string>();
    const report = (locale: string) =>
      onProgress({ type: type.name, locale, indexed: indexed.get(locale) ?? 0, total: Math.max(expected.get(locale) ?? 0, indexed.get(locale) ?? 0) });
    for (const locale of expected.keys()) report(locale);

    const ids = await documents().allDocumentIds(type);
    for (let i = 0; i < ids.length; i += CHUNK) {
      // Between chunks, the requests that arrived meanwhile are served: with SQLite every query
      // resolves without waiting on I/O, and a build that never yields would hold every route.
      await nextTurn();
      if (stopping.signal.aborted) throw new BuildStopped('the app is stopping');
      const loaded = await documents().load(type, ids.slice(i, i + CHUNK));
      const byLocale = new Map<string, SearchDocument[]>();
      for (const group of loaded.values()) for (const document of group) byLocale.set(document.locale, [...(byLocale.get(document.locale) ?? []), document]);
      for (const [locale, batch] of byLocale) {
        const name = types().indexName(type.name, locale, { rebuild });
        if (!created.has(locale)) {
          await engine().dropIndex(name);
          await engine().ensureIndex(name, types().settings(type, locale));
          created.add(locale);
        }
        await engine().upsert(name, batch);
        indexed.set(locale, (indexed.get(locale) ?? 0) + batch.length);
        report(locale);
      }
    }
    return created;
  };

  /** Reports the progress of a start-up build as this process's readiness. */
  const reportReadiness = () => {
    const indexed = new Map<string, number>();
    const totals = new Map<string, number>();
    const sum = (values: Map<string, number>) => [...values.values()].reduce((a, b) => a + b, 0);
    readiness = { ...readiness, state: 'building', indexed: 0, total: 0 };
    return (progress: ReindexProgress) => {
      const key = `${progress.type} ${progress.locale}`;
      indexed.set(key, progress.indexed);
      totals.set(key, progress.total);
      readiness = { ...readiness, indexed: sum(indexed), total: sum(totals) };
    };
  };

  /** Applies the index settings where they changed (nothing is sent for an unchanged configuration); returns how many of this app's indexes exist. */
  const prepareRemote = async () => {
    const existing = (await engine().listIndexes()).map((index) => index.name);
    let live = 0;
    for (const type of types().all()) {
      for (const locale of types().liveLocales(type.name, existing)) {
        await engine().ensureIndex(types().indexName(type.name, locale), types().settings(type, locale));
        live += 1;
      }
    }
    return { live };
  };

  const liveLocales = async (type: SearchType) =>
    types().liveLocales(
      type.name,
      (await engine().listIndexes()).map((index) => index.name),
    );

  /**
   * Rebuilds the indexes of `chosen` without downtime. After a rebuild of every index from the
   * database, `movesLog` makes this process read the outbox log on from where the rebuild stands.
   */
  const rebuild = async (
    chosen: SearchType[],
    onProgress: (progress: ReindexProgress) => void,
    { movesLog, atStartUp = false }: { movesLog: boolean; atStartUp?: boolean },
  ) => {
    if (current) throw new Error('a reindex is already running');
    if (readiness.state !== 'ready' && !atStartUp) throw new Error('the indexes are still being built after start-up');
    current = { startedAt: Date.now(), progress: [] };
    const track = (progress: ReindexProgress) => {
      current!.progress = [...current!.progress.filter((p) => p.type !== progress.type || p.locale !== progress.locale), progress];
      onProgress(progress);
    };
    const shared = getService(strapi, 'engine').isShared();
    let releaseLock: (() => Promise<void>) | undefined;
    let resume: (() => void) | undefined;
    try {
      // First, so that this process's worker counts as held from the moment the rebuild starts (sync.settled waits for it).
      resume = await getService(strapi, 'sync').pause();
      if (shared) releaseLock = await getService(strapi, 'indexLock').acquire();
      if (shared) await waitForBatchesInFlight();
      const reflected = movesLog ? await getService(strapi, 'outboxLog').head() : undefined;
      const rebuilt: Array<{ type: SearchType; locale: string }> = [];
      for (const type of chosen) {
        const built = await build(type, true, track);
        // Live indexes of locales that no longer have any document are emptied by the swap too.
        for (const locale of await liveLocales(type)) {
          if (!built.has(locale)) await engine().ensureIndex(types().indexName(type.name, locale, { rebuild: true }), types().settings(type, locale));
          built.add(locale);
        }
        for (const locale of built) rebuilt.push({ type, locale });
      }
      // Both sides of a swap must exist: a locale indexed for the first time gets an empty live index.
      for (const { type, locale } of rebuilt) await engine().ensureIndex(types().indexName(type.name, locale), types().settings(type, locale));
      await engine().swap(rebuilt.map(({ type, locale }) => [types().indexName(type.name, locale), types().indexName(type.name, locale, { rebuild: true })]));
      for (const { type, locale } of rebuilt) await engine().dropIndex(types().indexName(type.name, locale, { rebuild: true }));
      getService(strapi, 'sync').forgetIndexes();
      await getService(strapi, 'syncTimes').record(rebuilt.map(({ type, locale }) => types().indexName(type.name, locale)));
      if (reflected) getService(strapi, 'outboxLog').moveTo(reflected);
      return {
        types: chosen.map((type) => type.name),
        indexes: rebuilt.length,
        documents: current.progress.reduce((sum, p) => sum + p.indexed, 0),
        ms: Date.now() - current.startedAt,
      };
    } finally {
      current = undefined;
      await releaseLock?.();
      resume?.();
    }
  };

  return {
    status: () => current ?? null,

    /**
     * Rebuilds the indexes of `typeNames` (all types when empty) without downtime. Searches answer
     * from the old indexes until every new one is complete. With the embedded engine, the indexes
     * of this process.
     */
    reindex: (typeNames: string[] = [], onProgress: (progress: ReindexProgress) => void = () => {}) =>
      rebuild(typeNames.length ? typeNames.map((name) => types().get(name)!) : types().all(), onProgress, { movesLog: false }),

    /**
     * Rebuilds every index from the database. With the embedded engine this process then reads the
     * outbox log on from where the rebuild stands: the rows it had still to read (pruned before it
     * read them, or a bulk load) are in the rebuild.
     */
    rebuildAll: () => rebuild(types().all(), () => {}, { movesLog: !getService(strapi, 'engine').isShared() }),

    prepareRemote,

    /**
     * Start-up with Meilisearch, whose indexes outlive the app: settings are applied where they
     * changed, and when none of this app's indexes exists yet, every index is built, during which
     * this process is not ready (its searches would answer from partial indexes). When Meilisearch
     * is down or the build fails, both are retried, with a growing delay, until they succeed or the
     * app stops; the changes made meanwhile wait in the outbox. While Meilisearch is down with its
     * indexes built, the process counts as ready: its searches answer 503 as in any outage.
     */
    startRemote(): Promise<void> {
      built ??= (async () => {
        // Once known to be needed, a first build is retried as such: changes applied meanwhile may have created some indexes.
        let firstBuild = false;
        for (let attempt = 0; !stopping.signal.aborted; attempt += 1) {
          try {
            if (!firstBuild) firstBuild = (await prepareRemote()).live === 0;
            if (firstBuild) {
              strapi.log.info('[multilingual-search] no index in Meilisearch yet: building them');
              await rebuild(types().all(), reportReadiness(), { movesLog: false, atStartUp: true });
            }
            settle('ready');
            return;
          } catch (error) {
            if (firstBuild) readiness = { ...readiness, lastError: (error as Error).message };
            else settle('ready');
            if (stopping.signal.aborted) return;
            strapi.log.warn(`[multilingual-search] Meilisearch start-up failed, retrying in ${retryDelayMs(attempt) / 1000} s: ${(error as Error).message}`);
            await sleep(retryDelayMs(attempt), undefined, { signal: stopping.signal }).catch(() => {});
          }
        }
      })();
      return built;
    },

    /**
     * Start-up of the embedded engine, which lives in this process: the indexes are built straight
     * from the database while the server already answers (liveness), and searches answer once they
     * are complete (readiness). This process then reads the outbox log on from where the build
     * stands (the rows stay: the other processes may still have to read them).
     */
    buildAll(): Promise<void> {
      built ??= (async () => {
        const started = Date.now();
        const reflected = await getService(strapi, 'outboxLog').head();
        const names: string[] = [];
        const count = reportReadiness();
        try {
          for (const type of types().all()) for (const locale of await build(type, false, count)) names.push(types().indexName(type.name, locale));
          await getService(strapi, 'syncTimes').record(names);
          getService(strapi, 'outboxLog').moveTo(reflected);
          settle('ready');
          strapi.log.info(`[multilingual-search] embedded indexes built: ${readiness.indexed} documents in ${Date.now() - started} ms`);
          const { recommendedMaxDocuments } = getConfig(strapi).embedded;
          if (readiness.indexed > recommendedMaxDocuments)
            strapi.log.warn(
              `[multilingual-search] the embedded search engine holds ${readiness.indexed} documents, more than the ${recommendedMaxDocuments} it suits (memory and start-up grow with every document, in every server process): configure Meilisearch (MEILISEARCH_HOST, see the README's "Search")`,
            );
        } catch (error) {
          if (error instanceof BuildStopped) return;
          settle('failed');
          strapi.log.error(`[multilingual-search] building the embedded indexes failed: searches answer 503 until a restart: ${(error as Error).stack}`);
        }
      })();
      return built;
    },

    readiness: () => readiness,

    /**
     * Resolves once the start-up build is over (at once when there is none): the indexes are
     * ready, or the app stops; with Meilisearch down at start-up, at once, while its start-up is
     * tried again in the background. Throws if the embedded build failed.
     */
    async whenReady() {
      await Promise.race([startUp, built]);
      if (readiness.state === 'failed') throw new Error('building the embedded search indexes failed (see the log)');
    },

    /** Ends a start-up build still running (the app is stopping): it stops at its next chunk. */
    async stop() {
      stopping.abort();
      await built?.catch(() => {});
    },
  };
};
