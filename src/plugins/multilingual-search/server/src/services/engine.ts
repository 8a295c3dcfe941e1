import { createEmbeddedEngine } from '../engines/embedded';
import type { SearchEngine } from '../engines/types';

/** The search engine in use: the embedded one unless Meilisearch is configured. */
export default () => {
  let engine: SearchEngine | undefined;
  return {
    get(): SearchEngine {
      engine ??= createEmbeddedEngine();
      return engine;
    },
  };
};
