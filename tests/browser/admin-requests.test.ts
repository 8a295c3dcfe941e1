import type { Browser } from 'playwright-core';
import { createAdminUser } from '../helpers/admin';
import { signInToAdmin, startBrowser } from '../helpers/browser';
import { useApp } from '../helpers/strapi';

/**
 * The admin panel asks for nothing the server does not have: Strapi 5.54's panel requests its AI
 * features and content preview whether or not they are on, and each such 404 shows in the browser's
 * console. Here every request of the home page and of an entry's edit view must be answered.
 */
const app = useApp('seeded', { serveAdminPanel: true });

let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ browser, baseUrl } = await startBrowser(app()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

test('the home page and an edit view get no 404 from the server', async () => {
  const { email, password } = await createAdminUser(app());
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const notFound: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(`${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  await signInToAdmin(page, baseUrl, { email, password });

  await page.goto(`${baseUrl}/admin`);
  await page.locator('main table tbody tr').first().waitFor();
  await page.waitForLoadState('networkidle');

  // Opened by its address, so that waiting for the network to be idle covers the edit view's requests.
  const resource = (await app()
    .strapi.db.query('api::resource.resource')
    .findOne({ where: { locale: 'en' } })) as { documentId: string };
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::resource.resource/${resource.documentId}?plugins[i18n][locale]=en`);
  await page.locator('label', { hasText: 'Case number' }).waitFor();
  await page.waitForLoadState('networkidle');

  expect(notFound).toEqual([]);
  await context.close();
});
