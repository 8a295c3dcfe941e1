import { createEmbeddedEngine } from '../../src/plugins/multilingual-search/server/src/engines/embedded';
import { createMeilisearchEngine } from '../../src/plugins/multilingual-search/server/src/engines/meilisearch';
import type { IndexSettings, SearchDocument, SearchEngine, SearchRequest } from '../../src/plugins/multilingual-search/server/src/engines/types';
import { startContractServer, type ContractServer } from '../helpers/meilisearch/contract-server';

/**
 * Property: whatever sequence of inserts, updates and deletes an index has seen (emptying it and
 * filling it again included), it answers exactly like an index built fresh from the documents it
 * ends with: the same hits, the same scores (within 1e-9), totals and facets. Several seeds, both
 * engines (Meilisearch through the contract server, which checks every request against the
 * official OpenAPI document).
 */

const SEEDS = [1, 7, 42, 2026, 31337];
const LOCALES = ['en', 'fr'] as const;

/** A small pseudo-random generator, so that a failing seed can be replayed. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], max: number) => Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(items));
  return { next, pick, some };
};

/** Inflected forms that the stemmers conflate, and words close enough for typos and prefixes. */
const WORDS = {
  en: [
    'discrimination',
    'discriminatory',
    'eviction',
    'evictions',
    'housing',
    'court',
    'courts',
    'rights',
    'right',
    'refugee',
    'refugees',
    'climate',
    'litigation',
    'strategic',
    'complaint',
    'judgment',
    'police',
    'profiling',
    'Roma',
    'school',
  ],
  fr: [
    'discrimination',
    'discriminations',
    'expulsion',
    'expulsions',
    'logement',
    'tribunal',
    'tribunaux',
    'droits',
    'droit',
    'réfugié',
    'réfugiés',
    'climat',
    'contentieux',
    'stratégique',
    'plainte',
    'jugement',
    'police',
    'contrôle',
    'Roms',
    'école',
  ],
} as const;
const AREAS = ['Equality', 'Migration', 'Housing rights', 'Digital rights', 'Environment and climate'];
const KINDS = ['judgment', 'guide', 'template'];
const COUNTRIES = ['DE', 'FR', 'PL', 'HU'];

const FIELDS: IndexSettings['fields'] = {
  type: 'keyword',
  documentId: 'keyword',
  locale: 'keyword',
  language: 'keyword',
  visibility: 'keyword',
  locales: 'keywords',
  title: 'text',
  summary: 'text',
  issueAreaName: 'texts',
  kind: 'keyword',
  country: 'keywords',
  date: 'number',
  ecli: 'text',
};
const settingsFor = (locale: string): IndexSettings => ({
  locale,
  fields: FIELDS,
  searchable: ['title', 'summary', 'issueAreaName', 'ecli'],
  filterable: ['type', 'documentId', 'language', 'visibility', 'locales', 'kind', 'country', 'date'],
  sortable: ['date'],
  exact: ['ecli'],
});

const makeDocument = (random: ReturnType<typeof generator>, locale: (typeof LOCALES)[number], key: number): SearchDocument => {
  const words = WORDS[locale];
  const document: SearchDocument = {
    id: `resource-doc${key}-${locale}`,
    type: 'resource',
    documentId: `doc${key}`,
    locale,
    language: locale,
    visibility: random.next() < 0.7 ? 'public' : 'members',
    locales: random.next() < 0.5 ? [locale] : [...LOCALES],
    title: random.some(words, 5).join(' ') || random.pick(words),
    summary: random.some(words, 12).join(' '),
    issueAreaName: random.some(AREAS, 3),
    kind: random.pick(KINDS),
    country: random.some(COUNTRIES, 2),
    date: Date.UTC(2000 + Math.floor(random.next() * 25), 0, 1),
  };
  if (random.next() < 0.2) document.ecli = `ECLI:${random.pick(COUNTRIES)}:BVerfG:${2000 + key}:${key}`;
  return document;
};

type Operation = { kind: 'upsert'; locale: string; documents: SearchDocument[] } | { kind: 'delete'; locale: string; ids: string[] };

/** A random history of writes, and the documents each index holds at its end. */
const history = (seed: number, length: number) => {
  const random = generator(seed);
  const state = new Map<string, Map<string, SearchDocument>>(LOCALES.map((locale) => [locale, new Map()]));
  const operations: Operation[] = [];
  for (let i = 0; i < length; i += 1) {
    const locale = random.pick(LOCALES);
    const held = state.get(locale)!;
    const roll = random.next();
    if (roll < 0.02 && held.size > 0) {
      // Emptying an index: its last document goes too.
      operations.push({ kind: 'delete', locale, ids: [...held.keys()] });
      held.clear();
    } else if (roll < 0.3 && held.size > 0) {
      const ids = random.some([...held.keys()], 3);
      // Deleting what is not there is harmless, and happens (a change applied twice).
      if (random.next() < 0.2) ids.push(`resource-missing${i}-${locale}`);
      operations.push({ kind: 'delete', locale, ids });
      for (const id of ids) held.delete(id);
    } else {
      // A new document or a new version of one already there (an editor's update), in batches.
      const documents = Array.from({ length: 1 + Math.floor(random.next() * 4) }, () => makeDocument(random, locale, Math.floor(random.next() * 60)));
      const batch = [...new Map(documents.map((document) => [document.id, document])).values()];
      operations.push({ kind: 'upsert', locale, documents: batch });
      for (const document of batch) held.set(document.id, document);
    }
  }
  return { operations, state, random };
};

const QUERIES = [
  'discrimination',
  'discriminatory evictions',
  'tribunaux droit',
  'housing rights',
  'discriminaton',
  'réfugie',
  'evic',
  'clim',
  'roma school',
  'ecli',
  'migration equality',
  '',
];

const requestsFor = (prefix: string): SearchRequest[] =>
  QUERIES.flatMap((q) =>
    (['en', 'fr'] as const).map((searcher) => ({
      q,
      queries: LOCALES.map((locale) => ({
        index: `${prefix}_resource_${locale}`,
        locale,
        weight: locale === searcher ? 1 : 0.01,
        filter: q === '' ? { field: 'visibility', op: 'eq', value: 'public' } : undefined,
        facets: ['kind', 'country', 'language'],
        sortable: ['date'],
      })),
      limit: 1000,
      offset: 0,
      window: 1000,
      facets: ['kind', 'country', 'language'],
      highlight: ['title'],
    })),
  );

/**
 * What a search answers. Hits of equal score are put in id order: Meilisearch orders them by its
 * internal ids, which follow the order documents arrived in (the embedded engine already uses ids).
 */
const answer = async (engine: SearchEngine, request: SearchRequest) => {
  const result = await engine.search(request);
  return {
    total: result.total,
    facets: result.facets,
    hits: result.hits
      .map((hit) => ({ id: hit.document.id, score: hit.score, title: hit.highlighted.title }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)),
  };
};

const expectSameAnswers = async (engine: SearchEngine, livePrefix: string, fresh: SearchEngine, freshPrefix: string) => {
  const live = requestsFor(livePrefix);
  const built = requestsFor(freshPrefix);
  let compared = 0;
  for (let i = 0; i < live.length; i += 1) {
    const [a, b] = [await answer(engine, live[i]), await answer(fresh, built[i])];
    expect({ q: live[i].q, total: a.total, facets: a.facets, ids: a.hits.map((hit) => hit.id), titles: a.hits.map((hit) => hit.title) }).toEqual({
      q: live[i].q,
      total: b.total,
      facets: b.facets,
      ids: b.hits.map((hit) => hit.id),
      titles: b.hits.map((hit) => hit.title),
    });
    a.hits.forEach((hit, at) => {
      expect(Number.isFinite(hit.score)).toBe(true);
      expect(Math.abs(hit.score - b.hits[at].score)).toBeLessThan(1e-9);
    });
    compared += a.hits.length;
  }
  return compared;
};

const replay = async (engine: SearchEngine, prefix: string, operations: Operation[]) => {
  for (const locale of LOCALES) await engine.ensureIndex(`${prefix}_resource_${locale}`, settingsFor(locale));
  for (const operation of operations) {
    const index = `${prefix}_resource_${operation.locale}`;
    if (operation.kind === 'upsert') await engine.upsert(index, operation.documents);
    else await engine.delete(index, operation.ids);
  }
};

/** The final documents written again, in another order, into new indexes. */
const buildFresh = async (engine: SearchEngine, prefix: string, state: Map<string, Map<string, SearchDocument>>, random: ReturnType<typeof generator>) => {
  for (const locale of LOCALES) {
    await engine.ensureIndex(`${prefix}_resource_${locale}`, settingsFor(locale));
    const documents = [...state.get(locale)!.values()].sort(() => random.next() - 0.5);
    if (documents.length) await engine.upsert(`${prefix}_resource_${locale}`, documents);
  }
};

describe('embedded engine', () => {
  test.each(SEEDS)('seed %i: after random writes it answers like an index built fresh', async (seed) => {
    const { operations, state, random } = history(seed, 400);
    const live = createEmbeddedEngine();
    await replay(live, 'live', operations);
    const fresh = createEmbeddedEngine();
    await buildFresh(fresh, 'fresh', state, random);
    const compared = await expectSameAnswers(live, 'live', fresh, 'fresh');
    expect(compared).toBeGreaterThan(100);
  });

  test('an index emptied and filled again scores like a fresh one (no NaN from an empty average)', async () => {
    const random = generator(3);
    const engine = createEmbeddedEngine();
    await engine.ensureIndex('cycle_resource_en', settingsFor('en'));
    const first = Array.from({ length: 5 }, (_, key) => makeDocument(random, 'en', key));
    await engine.upsert('cycle_resource_en', first);
    await engine.delete(
      'cycle_resource_en',
      first.map((document) => document.id),
    );
    const second = Array.from({ length: 5 }, (_, key) => ({
      ...makeDocument(random, 'en', key + 10),
      title: 'discrimination in housing',
      issueAreaName: ['Equality', 'Housing rights'],
    }));
    await engine.upsert('cycle_resource_en', second);
    // Updating a document whose list field has several values used to make the average length NaN.
    await engine.upsert('cycle_resource_en', second.slice(0, 2));
    const fresh = createEmbeddedEngine();
    await fresh.ensureIndex('once_resource_en', settingsFor('en'));
    await fresh.upsert('once_resource_en', second);
    const request = (index: string) => ({ ...requestsFor('x')[0], q: 'discrimination housing', queries: [{ ...requestsFor('x')[0].queries[0], index }] });
    const [a, b] = [await answer(engine, request('cycle_resource_en')), await answer(fresh, request('once_resource_en'))];
    expect(a.hits).toHaveLength(5);
    a.hits.forEach((hit, at) => {
      expect(Number.isFinite(hit.score)).toBe(true);
      expect(hit.score).toBeGreaterThan(0);
      expect(Math.abs(hit.score - b.hits[at].score)).toBeLessThan(1e-9);
    });
  });
});

describe('Meilisearch engine (contract server)', () => {
  let server: ContractServer;
  beforeAll(async () => {
    server = await startContractServer();
  });
  afterAll(() => server.close());

  const meilisearchEngine = () => {
    const hashes = new Map<string, string>();
    return createMeilisearchEngine({
      host: server.url,
      apiKey: server.masterKey,
      timeoutMs: 10_000,
      taskTimeoutMs: 10_000,
      synonyms: {},
      settingsStore: {
        get: async (index) => hashes.get(index),
        set: async (index, hash) => void (hash === undefined ? hashes.delete(index) : hashes.set(index, hash)),
      },
    });
  };

  test.each(SEEDS.slice(0, 3))('seed %i: after random writes it answers like an index built fresh', async (seed) => {
    // Every write waits for its task: a shorter history keeps this under a few seconds.
    const { operations, state, random } = history(seed, 120);
    const engine = meilisearchEngine();
    await replay(engine, `live${seed}`, operations);
    await buildFresh(engine, `fresh${seed}`, state, random);
    const compared = await expectSameAnswers(engine, `live${seed}`, engine, `fresh${seed}`);
    expect(compared).toBeGreaterThan(50);
    expect(server.violations).toEqual([]);
  });
});
