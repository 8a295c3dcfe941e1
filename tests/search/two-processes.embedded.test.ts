import type supertest from 'supertest';
import { startAppProcess, type AppProcess } from '../helpers/app-process';
import { usesPostgres } from '../helpers/databases';
import { searchSettled } from '../helpers/search';
import { useApp } from '../helpers/strapi';

/**
 * Two app processes on one PostgreSQL with the embedded engine, whose indexes live in each process:
 * a change made through either process is answered by the search of both. (SQLite runs one process.)
 */
const app = useApp();
const onPostgres = usesPostgres() ? describe : describe.skip;

type Hit = { locale: string; title: string; otherLanguage: boolean };

onPostgres('two processes with the embedded engine', () => {
  let other: AppProcess;
  beforeAll(async () => {
    other = await startAppProcess();
  }, 120_000);
  afterAll(async () => {
    await other?.stop();
  }, 60_000);

  const resources = () => app().strapi.documents('api::resource.resource');

  /** What `q` finds among resources for a searcher of `locale`, in this process and in the other, once both have applied every change. */
  const foundInBoth = async (q: string, locale: string) => {
    await searchSettled(app());
    await other.settle();
    const hits = async (http: supertest.Agent) => {
      const response = await http.get(`/api/multilingual-search/search?q=${q}&locale=${locale}&types=resource`);
      expect(response.status).toBe(200);
      return (response.body.data as Hit[]).map((hit) => [hit.locale, hit.title, hit.otherLanguage]);
    };
    return { here: await hits(app().http()), there: await hits(other.http()) };
  };
  const bothFind = async (q: string, locale: string, expected: Array<[string, string, boolean]>) => {
    expect(await foundInBoth(q, locale)).toEqual({ here: expected, there: expected });
  };

  test('publish, update, unpublish and delete, in two locales, are answered by both processes', async () => {
    const { documentId } = (await resources().create({
      locale: 'en',
      data: { title: 'Quokka tenancy guide', slug: 'quokka-tenancy-guide', kind: 'guide', visibility: 'public' },
    } as never)) as { documentId: string };
    await resources().update({ documentId, locale: 'fr', data: { title: 'Guide quokka du bail', slug: 'quokka-tenancy-guide' } } as never);
    await resources().publish({ documentId, locale: '*' } as never);
    await bothFind('quokka', 'en', [['en', 'Quokka tenancy guide', false]]);
    await bothFind('quokka', 'fr', [['fr', 'Guide quokka du bail', false]]);

    await resources().update({ documentId, locale: 'en', status: 'published', data: { title: 'Quokka eviction guide' } } as never);
    await bothFind('quokka', 'en', [['en', 'Quokka eviction guide', false]]);
    await bothFind('quokka', 'fr', [['fr', 'Guide quokka du bail', false]]);

    await resources().unpublish({ documentId, locale: 'fr' } as never);
    await bothFind('quokka', 'fr', [['en', 'Quokka eviction guide', true]]);

    await resources().delete({ documentId, locale: '*' } as never);
    await bothFind('quokka', 'en', []);
    await bothFind('quokka', 'fr', []);
  });

  test('a process that starts takes no change away from those already running', async () => {
    // This process's worker is held, so that its change is still unapplied when a third process starts.
    const resume = await app().strapi.plugin('multilingual-search').service('sync').pause();
    await resources().create({
      locale: 'en',
      status: 'published',
      data: { title: 'Wombat housing brief', slug: 'wombat-housing-brief', kind: 'guide', visibility: 'public' },
    } as never);
    const third = await startAppProcess();
    try {
      resume();
      await third.settle();
      await bothFind('wombat', 'en', [['en', 'Wombat housing brief', false]]);
      const inThird = await third.http().get('/api/multilingual-search/search?q=wombat&locale=en&types=resource');
      expect((inThird.body.data as Hit[]).map((hit) => hit.title)).toEqual(['Wombat housing brief']);
    } finally {
      await third.stop();
    }
  }, 120_000);
});
