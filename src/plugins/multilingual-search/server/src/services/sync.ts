import type { Core } from '@strapi/strapi';
import type { SearchDocument } from '../engines/types';
import { getConfig, getService } from '../utils/get-service';
import type { ChangeReader, OutboxChange } from './outbox';

type IndexWrites = Map<string, { type: string; locale: string; upserts: SearchDocument[]; deletes: string[] }>;

/**
 * The sync worker: applies the outbox's changes in batches. Each change names a document; the worker
 * reads that document's published state now and makes every index agree with it (upsert what is
 * published, delete what is not), so applying a change twice or out of order does no harm.
 * Changes to embedded records (an organisation renamed) queue the documents that embed them.
 * With Meilisearch the outbox is read as a queue (each change applied once, to the shared indexes);
 * with the embedded engine as a log (each process applies every change to its own indexes).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const types = () => getService(strapi, 'types');
  const documents = () => getService(strapi, 'documents');
  const engine = () => getService(strapi, 'engine').get();
  const changes = (): ChangeReader => getService(strapi, getService(strapi, 'engine').isShared() ? 'outboxQueue' : 'outboxLog');

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let paused = 0;
  let wakeRequested = false;
  const knownIndexes = new Set<string>();

  const ensureIndex = async (typeName: string, locale: string) => {
    const name = types().indexName(typeName, locale);
    if (!knownIndexes.has(name)) {
      await engine().ensureIndex(name, types().settings(types().get(typeName)!, locale));
      knownIndexes.add(name);
    }
    return name;
  };

  /** Turns a batch of changes into index writes, and the follow-up changes of embedding documents. */
  const plan = async (items: OutboxChange[]) => {
    const writes: IndexWrites = new Map();
    const followUps: OutboxChange[] = [];
    const existing = (await engine().listIndexes()).map((index) => index.name);
    const writeTo = (name: string, typeName: string, locale: string) => {
      if (!writes.has(name)) writes.set(name, { type: typeName, locale, upserts: [], deletes: [] });
      return writes.get(name)!;
    };
    const upsert = async (typeName: string, document: SearchDocument) =>
      writeTo(await ensureIndex(typeName, document.locale), typeName, document.locale).upserts.push(document);
    // A delete never creates an index: there is nothing to delete from one that does not exist.
    const remove = (typeName: string, locale: string, id: string) => {
      const name = types().indexName(typeName, locale);
      if (existing.includes(name) || knownIndexes.has(name)) writeTo(name, typeName, locale).deletes.push(id);
    };
    const indexedLocales = (typeName: string) => types().liveLocales(typeName, existing);

    const byUid = new Map<string, Map<string, OutboxChange['locales']>>();
    for (const item of items) {
      const changes = byUid.get(item.uid) ?? new Map<string, OutboxChange['locales']>();
      const before = changes.get(item.documentId) ?? [];
      changes.set(item.documentId, before === '*' || item.locales === '*' ? '*' : [...new Set([...before, ...item.locales])]);
      byUid.set(item.uid, changes);
    }

    for (const [uid, changes] of byUid) {
      const documentIds = [...changes.keys()];
      const type = types().byUid(uid);
      if (type) {
        const current = await documents().load(type, documentIds);
        const rows = await documents().localesWithRows(type, documentIds);
        const everyLocale = [...changes.values()].includes('*') ? indexedLocales(type.name) : [];
        for (const documentId of documentIds) {
          const published = current.get(documentId) ?? [];
          for (const document of published) await upsert(type.name, document);
          const affected = changes.get(documentId)!;
          const candidates = new Set([...(rows.get(documentId) ?? []), ...(affected === '*' ? everyLocale : affected)]);
          for (const locale of candidates) {
            if (!published.some((document) => document.locale === locale)) remove(type.name, locale, types().documentId(type.name, documentId, locale));
          }
        }
      }
      for (const embedding of types().embedding(uid)) {
        for (const { relation } of embedding.embeds.filter((embed) => embed.target === uid)) {
          for (const documentId of await documents().linking(embedding, relation, documentIds)) {
            followUps.push({ uid: embedding.uid, documentId, locales: [] });
          }
        }
      }
    }
    return { writes, followUps };
  };

  const apply = async (writes: IndexWrites) => {
    for (const [name, write] of writes) {
      if (write.upserts.length) await engine().upsert(name, write.upserts);
      const deletes = write.deletes.filter((id) => !write.upserts.some((document) => document.id === id));
      if (deletes.length) await engine().delete(name, deletes);
    }
    await getService(strapi, 'syncTimes').record([...writes.keys()]);
  };

  /** One batch: take, plan, apply; on failure the whole batch is retried later. Returns how many were handled. */
  const runBatch = async () => {
    const batch = await changes().take(getConfig(strapi).sync.batchSize);
    if (!batch) return 0;
    try {
      const { writes, followUps } = await plan(batch.changes);
      await apply(writes);
      await batch.applied(followUps);
    } catch (error) {
      strapi.log.warn(`[multilingual-search] ${batch.changes.length} changes not applied, will retry: ${error instanceof Error ? error.message : error}`);
      await batch.failed(error);
    }
    return batch.changes.length;
  };

  const drainOnce = async () => {
    while (!stopped && paused === 0 && (await runBatch()) > 0);
  };

  const tick = () => {
    if (stopped || running) {
      wakeRequested = true;
      return;
    }
    wakeRequested = false;
    running = drainOnce()
      .catch((error) => {
        strapi.log.error(`[multilingual-search] sync worker: ${error instanceof Error ? error.stack : error}`);
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, wakeRequested ? 0 : getConfig(strapi).sync.pollIntervalMs);
      });
  };

  return {
    start() {
      stopped = false;
      tick();
    },
    /** Stops the worker; resolves when the current batch is done. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** Runs a drain soon (called after a change commits). */
    wake() {
      if (stopped) return;
      clearTimeout(timer);
      tick();
    },
    /**
     * Resolves once this process has applied every change that is due (changes that wait for a
     * retry are not waited for): with the embedded engine, every change in the log. A rebuild of the
     * indexes in this process holds the changes until it is done (and, after this process fell
     * behind the pruning of the log, stands for those it could no longer read).
     */
    async settled(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        this.wake();
        await running;
        const { pending, retrying } = await changes().backlog();
        if (pending - retrying === 0 && !running && paused === 0) return;
        if (Date.now() > deadline) throw new Error(`search sync not settled after ${timeoutMs} ms (${pending} pending)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    /**
     * Holds the worker (a rebuild of the indexes): it counts as held as soon as this is called, and
     * the promise resolves when the current batch is done; call the returned function to resume.
     */
    async pause() {
      paused += 1;
      await running;
      return () => {
        paused -= 1;
        if (paused === 0) this.wake();
      };
    },
    /** Forgets which indexes exist (after a swap or a drop). */
    forgetIndexes() {
      knownIndexes.clear();
    },
    /** Changes not applied yet and failures: shared by every process (Meilisearch), or this process's (embedded engine). */
    backlog: () => changes().backlog(),
    /** Failed changes, and those waiting for their next attempt, are tried again now. */
    async retryNow() {
      await changes().retryNow();
      this.wake();
    },
  };
};
