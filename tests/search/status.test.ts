import { adminToken } from '../helpers/admin';
import { searchSettled } from '../helpers/search';
import { useApp } from '../helpers/strapi';

/** The admin status (the "Search index" page of the admin panel) with the embedded engine. */
const app = useApp('seeded');

type IndexStatus = { name: string; type: string; locale: string; documents: number; lastSync: number | null };

const status = async () => {
  const response = await app()
    .http()
    .get('/multilingual-search/status')
    .set('Authorization', `Bearer ${await adminToken(app())}`);
  expect(response.status).toBe(200);
  return response.body as { engine: string; process: string; indexes: IndexStatus[]; outbox: { mode: string; pending: number } };
};

test('indexes are listed by type, then locale, each with its document count and the time it last received a change or was built', async () => {
  const bootedBy = Date.now();
  const before = await status();
  const order = before.indexes.map((index) => [index.type, index.locale]);
  expect(order.length).toBeGreaterThan(10);
  expect(order).toEqual([...order].sort(([typeA, localeA], [typeB, localeB]) => typeA.localeCompare(typeB) || localeA.localeCompare(localeB)));
  for (const index of before.indexes) {
    expect(index.name).toBe(`test_${index.type}_${index.locale}`);
    // Built at start-up.
    expect(index.lastSync).toEqual(expect.any(Number));
    expect(index.lastSync!).toBeLessThanOrEqual(bootedBy);
  }
  expect(before.outbox).toMatchObject({ mode: 'log', pending: 0 });

  const changedAfter = Date.now();
  await app()
    .strapi.documents('api::resource.resource')
    .create({
      locale: 'de',
      status: 'published',
      data: { title: 'Mietrecht Statusseite', slug: 'mietrecht-statusseite', kind: 'guide', visibility: 'public' },
    } as never);
  await searchSettled(app());
  const after = await status();
  const lastSync = (name: string) => after.indexes.find((index) => index.name === name)!.lastSync!;
  expect(lastSync('test_resource_de')).toBeGreaterThanOrEqual(changedAfter);
  expect(lastSync('test_resource_de')).toBeLessThanOrEqual(Date.now());
  expect(after.indexes.find((index) => index.name === 'test_resource_de')!.documents).toBe(
    before.indexes.find((index) => index.name === 'test_resource_de')!.documents + 1,
  );
  expect(lastSync('test_skill_en')).toBeLessThan(changedAfter);
});

test('a reindex sets the last sync of every index it rebuilt', async () => {
  const startedAfter = Date.now();
  await app().strapi.plugin('multilingual-search').service('indexer').reindex(['skill']);
  const { indexes } = await status();
  const skills = indexes.filter((index) => index.type === 'skill');
  expect(skills.length).toBeGreaterThan(0);
  for (const index of skills) expect(index.lastSync).toBeGreaterThanOrEqual(startedAfter);
  expect(indexes.find((index) => index.name === 'test_resource_en')!.lastSync).toBeLessThan(startedAfter);
});
