import type { Core } from '@strapi/strapi';
import { createEmbeddedEngine } from '../engines/embedded';
import { createMeilisearchEngine, type SettingsStore } from '../engines/meilisearch';
import type { SearchEngine } from '../engines/types';
import { getConfig, PLUGIN_ID } from '../utils/get-service';

/** Index settings hashes live in Strapi's store: every process sees which settings an index has. */
const settingsStore = (strapi: Core.Strapi): SettingsStore => {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'meilisearch-settings' });
  const read = async () => ((await store.get()) ?? {}) as Record<string, string>;
  return {
    get: async (index) => (await read())[index],
    async set(index, hash) {
      const hashes = await read();
      if (hash === undefined) delete hashes[index];
      else hashes[index] = hash;
      await store.set({ value: hashes });
    },
  };
};

/** The search engine in use: Meilisearch when MEILISEARCH_HOST is set, else the embedded one. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let engine: SearchEngine | undefined;
  return {
    get(): SearchEngine {
      if (!engine) {
        const { meilisearch } = getConfig(strapi);
        engine = meilisearch.host
          ? createMeilisearchEngine({
              host: meilisearch.host,
              apiKey: meilisearch.adminKey,
              timeoutMs: meilisearch.timeoutMs,
              taskTimeoutMs: meilisearch.taskTimeoutMs,
              synonyms: meilisearch.synonyms,
              settingsStore: settingsStore(strapi),
            })
          : createEmbeddedEngine();
      }
      return engine;
    },
    /**
     * Whether every process writes to the same indexes (Meilisearch), so that each change is applied
     * once; rather than each process to its own (the embedded engine), each change by every process.
     */
    isShared: () => Boolean(getConfig(strapi).meilisearch.host),
  };
};
