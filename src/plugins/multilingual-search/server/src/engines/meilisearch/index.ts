import { createHash } from 'node:crypto';
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, type EnqueuedTask, type Task } from 'meilisearch';
import {
  EngineUnavailableError,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type Filter,
  type IndexSettings,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchRequest,
} from '../types';
import { stopWordsOf } from '../embedded/languages';
import { toFilterExpression } from './filter';
import { meilisearchLocale } from './locales';

/** Remembers which settings each index has, so that unchanged settings are never sent again. */
export type SettingsStore = {
  get(index: string): Promise<string | undefined>;
  set(index: string, hash: string | undefined): Promise<void>;
};

export type MeilisearchEngineOptions = {
  host: string;
  /** Admin key: stays on the server, never logged. */
  apiKey: string;
  timeoutMs: number;
  taskTimeoutMs: number;
  /** Per locale: word → equivalents (e.g. en: { ECHR: ['European Court of Human Rights'] }). */
  synonyms: Record<string, Record<string, string[]>>;
  settingsStore: SettingsStore;
};

const TASK_POLL_MS = 25;

/** The settings of an index as Meilisearch takes them, derived from the engine-neutral ones. */
export const meilisearchSettings = (settings: IndexSettings, synonyms: Record<string, string[]> | undefined) => {
  const locale = meilisearchLocale(settings.locale);
  return {
    searchableAttributes: settings.searchable,
    filterableAttributes: settings.filterable,
    sortableAttributes: settings.sortable,
    displayedAttributes: ['*'],
    // Identifiers (ECLI, case numbers) and numbers match exactly or not at all.
    typoTolerance: { enabled: true, disableOnAttributes: settings.exact, disableOnNumbers: true },
    synonyms: synonyms ?? {},
    // The same stop words as the embedded engine's, so that "w sądzie" or "της" does not match everything.
    stopWords: stopWordsOf(settings.locale),
    localizedAttributes: locale ? [{ attributePatterns: ['*'], locales: [locale] }] : [],
  };
};

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** A write whose task Meilisearch did not finish within taskTimeoutMs. */
class TaskTimeoutError extends Error {}

/**
 * Meilisearch unreachable, too slow, or failing on its side (5xx, a task not finished in time) is the
 * engine unavailable; what it refuses (4xx) is a fault in the request, and stays what it is.
 */
const asEngineError = (error: unknown) =>
  error instanceof MeilisearchRequestError ||
  error instanceof MeilisearchRequestTimeOutError ||
  error instanceof TaskTimeoutError ||
  (error instanceof MeilisearchApiError && error.response.status >= 500)
    ? new EngineUnavailableError((error as Error).message, { cause: error })
    : error;

/** `call` with the engine's own failures thrown as EngineUnavailableError. */
const guarded =
  <Args extends unknown[], Result>(call: (...args: Args) => Promise<Result>) =>
  (...args: Args) =>
    call(...args).catch((error: unknown) => {
      throw asEngineError(error);
    });

const asText = (value: unknown) => (Array.isArray(value) ? value.join(' · ') : value === undefined || value === null ? '' : String(value));

/**
 * The Meilisearch engine, through the official client. Every write waits for its task (one poll
 * of GET /tasks for all the tasks in flight); a failed task is an error, so the outbox retries it.
 */
export const createMeilisearchEngine = (options: MeilisearchEngineOptions): SearchEngine => {
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.timeoutMs });
  const waiting = new Map<number, { resolve: (task: Task) => void; reject: (error: Error) => void; deadline: number }>();
  let polling = false;
  let existing: Set<string> | undefined;

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      while (waiting.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, TASK_POLL_MS));
        const uids = [...waiting.keys()];
        const { results } = await client.tasks.getTasks({ uids, limit: uids.length });
        for (const task of results) {
          const waiter = waiting.get(task.uid);
          if (!waiter || task.status === 'enqueued' || task.status === 'processing') continue;
          waiting.delete(task.uid);
          if (task.status === 'succeeded') waiter.resolve(task);
          else
            waiter.reject(
              Object.assign(new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`), {
                code: task.error?.code,
              }),
            );
        }
        for (const [uid, waiter] of waiting) {
          if (Date.now() > waiter.deadline) {
            waiting.delete(uid);
            waiter.reject(new TaskTimeoutError(`Meilisearch task ${uid} not finished after ${options.taskTimeoutMs} ms`));
          }
        }
      }
    } catch (error) {
      for (const [uid, waiter] of waiting) {
        waiting.delete(uid);
        waiter.reject(error as Error);
      }
    } finally {
      polling = false;
    }
  };

  const done = async (enqueued: Promise<EnqueuedTask>) => {
    const { taskUid } = await enqueued;
    return new Promise<Task>((resolve, reject) => {
      waiting.set(taskUid, { resolve, reject, deadline: Date.now() + options.taskTimeoutMs });
      void poll();
    });
  };

  const indexNames = async () => {
    existing ??= new Set(Object.keys((await client.getStats()).indexes));
    return existing;
  };

  const ignoreMissing = (error: unknown) => {
    if ((error as { code?: string }).code !== 'index_not_found') throw error;
  };

  const engine: SearchEngine = {
    name: 'meilisearch',

    async ensureIndex(name, settings) {
      const wanted = meilisearchSettings(settings, options.synonyms[settings.locale]);
      const hash = hashOf(wanted);
      const names = await indexNames();
      if (names.has(name) && (await options.settingsStore.get(name)) === hash) return;
      if (!names.has(name)) {
        await done(client.createIndex(name, { primaryKey: 'id' })).catch((error) => {
          if ((error as { code?: string }).code !== 'index_already_exists') throw error;
        });
        names.add(name);
      }
      // Settings before documents: documents are indexed with them rather than re-indexed after.
      await done(client.index(name).updateSettings(wanted as never));
      await options.settingsStore.set(name, hash);
    },

    async upsert(name, documents) {
      if (documents.length === 0) return;
      await done(client.index(name).addDocuments(documents, { primaryKey: 'id' }));
      (await indexNames()).add(name);
    },

    async delete(name, ids) {
      if (ids.length > 0) await done(client.index(name).deleteDocuments(ids));
    },

    async search(request: SearchRequest) {
      type Hit = Record<string, unknown> & { _federation?: { indexUid: string; weightedRankingScore: number }; _formatted?: Record<string, unknown> };
      type Result = { hits: Hit[]; estimatedTotalHits?: number; totalHits?: number; facetDistribution?: Record<string, Record<string, number>> };
      const facetsByIndex = Object.fromEntries(request.queries.map((query) => [query.index, query.facets]));
      const queryOf = (query: SearchRequest['queries'][number], filter: Filter | undefined, extra: Record<string, unknown>) => ({
        indexUid: query.index,
        q: request.q,
        ...(filter ? { filter: toFilterExpression(filter) } : {}),
        ...(meilisearchLocale(query.locale) ? { locales: [meilisearchLocale(query.locale)!] } : {}),
        ...(request.sort && query.sortable.includes(request.sort.field) ? { sort: [`${request.sort.field}:${request.sort.direction}`] } : {}),
        federationOptions: { weight: query.weight },
        ...extra,
      });
      // Meilisearch merges the indexes but cannot keep one hit per document across them: the window
      // of hits is fetched (identifiers only) whatever the page, so that the duplicates it holds,
      // and the total, do not depend on the page.
      const ranked = (await client.multiSearch({
        federation: { limit: request.window, offset: 0, ...(request.facets.length ? { facetsByIndex, mergeFacets: {} } : {}) },
        queries: request.queries.map((query) => queryOf(query, query.filter, { attributesToRetrieve: ['id', 'type', 'documentId'], showRankingScore: true })),
      } as never)) as unknown as Result;
      const seen = new Set<string>();
      const distinct = ranked.hits.filter((hit) => {
        const key = `${hit.type}:${hit.documentId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const page = distinct.slice(request.offset, request.offset + request.limit);
      const matched = ranked.estimatedTotalHits ?? ranked.totalHits ?? ranked.hits.length;
      const total = Math.max(distinct.length, matched - (ranked.hits.length - distinct.length));

      // Then the page's documents with their highlights, in the order ranked above.
      const pageIn = (index: string) => page.filter((hit) => hit._federation?.indexUid === index).map((hit) => String(hit.documentId));
      const shown = request.queries.filter((query) => pageIn(query.index).length > 0);
      const full = shown.length
        ? ((await client.multiSearch({
            federation: { limit: page.length, offset: 0 },
            queries: shown.map((query) => {
              const onPage: Filter = { field: 'documentId', op: 'in', values: pageIn(query.index) };
              return queryOf(query, query.filter ? { and: [query.filter, onPage] } : onPage, {
                attributesToHighlight: request.highlight,
                highlightPreTag: HIGHLIGHT_START,
                highlightPostTag: HIGHLIGHT_END,
              });
            }),
          } as never)) as unknown as Result)
        : { hits: [] };
      const byId = new Map(full.hits.map((hit) => [String(hit.id), hit]));
      const hits: SearchHit[] = page.flatMap((rankedHit) => {
        const hit = byId.get(String(rankedHit.id));
        if (!hit) return [];
        // Meilisearch adds its own `_…` fields (federation, formatting, ranking score) to the document.
        const document = Object.fromEntries(Object.entries(hit).filter(([key]) => !key.startsWith('_'))) as SearchDocument;
        return [
          {
            index: rankedHit._federation?.indexUid ?? '',
            score: rankedHit._federation?.weightedRankingScore ?? 0,
            document,
            highlighted: Object.fromEntries(request.highlight.map((field) => [field, asText(hit._formatted?.[field] ?? document[field])])),
          },
        ];
      });
      return { hits, total, facets: ranked.facetDistribution ?? {} };
    },

    async swap(pairs) {
      if (pairs.length === 0) return;
      await done(client.swapIndexes(pairs.map(([a, b]) => ({ indexes: [a, b], rename: false }))));
      // The settings travel with the indexes.
      for (const [a, b] of pairs) {
        const [hashA, hashB] = [await options.settingsStore.get(a), await options.settingsStore.get(b)];
        await options.settingsStore.set(a, hashB);
        await options.settingsStore.set(b, hashA);
      }
    },

    async dropIndex(name) {
      await done(client.deleteIndex(name)).catch(ignoreMissing);
      (await indexNames()).delete(name);
      await options.settingsStore.set(name, undefined);
    },

    async listIndexes() {
      const { indexes } = await client.getStats();
      existing = new Set(Object.keys(indexes));
      return Object.entries(indexes).map(([name, stats]) => ({ name, documents: stats.numberOfDocuments }));
    },

    async health() {
      try {
        const [{ status }, { pkgVersion }] = await Promise.all([client.health(), client.getVersion()]);
        return { ok: status === 'available', message: `Meilisearch ${pkgVersion} at ${options.host}: ${status}` };
      } catch (error) {
        return { ok: false, message: `Meilisearch at ${options.host} unreachable: ${(error as Error).message}` };
      }
    },
  };
  return {
    ...engine,
    ensureIndex: guarded(engine.ensureIndex),
    upsert: guarded(engine.upsert),
    delete: guarded(engine.delete),
    search: guarded(engine.search),
    swap: guarded(engine.swap),
    dropIndex: guarded(engine.dropIndex),
    listIndexes: guarded(engine.listIndexes),
  };
};
