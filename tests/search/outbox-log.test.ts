import { usesPostgres } from '../helpers/databases';
import { indexedEntries, outboxStats, searchConverged, searchSettled } from '../helpers/search';
import { useApp } from '../helpers/strapi';

/**
 * With the embedded engine every process applies every change, so the outbox is read as a log:
 * rows stay after they are applied (other processes still read them) until they are pruned, a
 * process that fell behind the pruning rebuilds its indexes, and a change committed after a later
 * one is not skipped.
 */
const app = useApp();
const onPostgres = usesPostgres() ? test : test.skip;

const search = () => app().strapi.plugin('multilingual-search');
const resources = () => app().strapi.documents('api::resource.resource');
const publish = (slug: string) =>
  resources().create({ locale: 'en', status: 'published', data: { title: `Log ${slug}`, slug, kind: 'guide', visibility: 'public' } } as never) as Promise<{
    documentId: string;
  }>;
const indexedTitle = async (documentId: string) => (await indexedEntries(app(), 'resource', documentId)).en?.title;
/** Rows are pruned when recorded before now: this lets the clock move past the latest one. */
const aMomentLater = () => new Promise((resolve) => setTimeout(resolve, 5));

test('applied changes stay in the log for the other processes, and the backlog is this process’s own', async () => {
  const resume = await search().service('sync').pause();
  const { documentId } = await publish('kept-in-the-log');
  expect(await outboxStats(app())).toMatchObject({ mode: 'log', pending: 1 });
  resume();
  await searchSettled(app());
  expect(await indexedTitle(documentId)).toBe('Log kept-in-the-log');
  expect(await outboxStats(app())).toMatchObject({ mode: 'log', pending: 0, retrying: 0, failed: 0 });
  expect(await search().service('outbox').countAfter(0)).toBeGreaterThan(0);
});

test('rows are pruned after the retention period; a process still reading on is not disturbed', async () => {
  await publish('before-pruning');
  await searchSettled(app());
  const rebuildAll = jest.spyOn(search().service('indexer'), 'rebuildAll');
  await aMomentLater();
  await search().service('outbox').prune(0);
  expect(await search().service('outbox').countAfter(0)).toBe(0);
  expect(await search().service('outbox').prunedUpTo()).toBeGreaterThan(0);

  const { documentId } = await publish('after-pruning');
  await searchSettled(app());
  expect(await indexedTitle(documentId)).toBe('Log after-pruning');
  expect(rebuildAll).not.toHaveBeenCalled();
  rebuildAll.mockRestore();
});

test('a process that fell behind the pruning rebuilds its indexes from the database, then reads on', async () => {
  const resume = await search().service('sync').pause();
  const { documentId } = await publish('pruned-before-read');
  await aMomentLater();
  await search().service('outbox').prune(0);
  const rebuildAll = jest.spyOn(search().service('indexer'), 'rebuildAll');
  resume();
  await searchConverged(app());
  expect(rebuildAll).toHaveBeenCalledTimes(1);
  rebuildAll.mockRestore();
  expect(await indexedTitle(documentId)).toBe('Log pruned-before-read');

  const next = await publish('after-the-rebuild');
  await searchSettled(app());
  expect(await indexedTitle(next.documentId)).toBe('Log after-the-rebuild');
});

onPostgres('a change whose transaction commits after a later change is applied, not skipped', async () => {
  let inserted!: () => void;
  const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
  let commit!: () => void;
  const committing = new Promise<void>((resolve) => (commit = resolve));
  // The first change takes its outbox id, then its transaction stays open…
  const late = app().strapi.db.transaction(async () => {
    const created = await publish('committed-late');
    inserted();
    await committing;
    return created;
  });
  await insertedYet;
  // …while a second change, with a higher id, commits and is applied.
  const early = await publish('committed-early');
  await searchSettled(app());
  expect(await indexedTitle(early.documentId)).toBe('Log committed-early');

  commit();
  const { documentId } = await late;
  await searchSettled(app());
  expect(await indexedTitle(documentId)).toBe('Log committed-late');
});
