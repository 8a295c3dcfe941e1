import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createAdminUser } from '../helpers/admin';
import { APP_DIR } from '../helpers/paths';
import { signInToAdmin, startBrowser } from '../helpers/browser';
import { useApp } from '../helpers/strapi';

/**
 * The admin panel in Debian's Chromium (playwright-core), as an editor sees it: the production
 * build of the panel (built by the global setup), served by the app booted on the seeded demo data.
 */
/** Not committed (.tmp is in .gitignore): for a person to look at. */
const SCREENSHOTS = path.join(APP_DIR, '.tmp', 'admin-screenshots');
const RESOURCES = 'api::resource.resource';

const app = useApp('seeded', { serveAdminPanel: true });

let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ browser, baseUrl } = await startBrowser(app()));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const signedInPage = async () => {
  const { email, password } = await createAdminUser(app());
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signInToAdmin(page, baseUrl, { email, password });
  return { page, errors, close: () => context.close() };
};

/** The list's column names, lower-cased: the panel shows them in capitals, and writes Strapi's own in lower case. */
const columnHeaders = async (page: Page) =>
  (await page.locator('table thead th').allTextContents()).map((header) => header.trim().toLowerCase()).filter(Boolean);

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

test('the home page has no guided tour, no Strapi Cloud promotion, and names recent entries by their titles', async () => {
  const { page, errors, close } = await signedInPage();
  await page.goto(`${baseUrl}/admin`);
  await page.getByText('Last edited entries').waitFor();
  // The widgets load their entries after the page: wait for the first of them.
  await page.locator('main table tbody tr').first().waitFor();
  await screenshot(page, 'home');
  const text = await page.locator('body').innerText();
  for (const unwanted of ['% completed', 'Create your schema', 'Deploy to Strapi Cloud', 'Deploy your application', 'Strapi Cloud']) {
    expect({ unwanted, shown: text.includes(unwanted) }).toEqual({ unwanted, shown: false });
  }
  // The seeded agreement versions, resources and workshops appear under their titles, not as ids.
  const titles = await page.locator('main table tbody tr td:first-child').allInnerTexts();
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) expect(title).not.toMatch(/^[a-z0-9]{24}$/);
  expect(errors).toEqual([]);
  await close();
});

test('the resources list shows the configured columns, and the edit view labels its fields in plain English', async () => {
  const { page, errors, close } = await signedInPage();
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/${RESOURCES}?plugins[i18n][locale]=en`);
  await page.locator('table tbody tr').first().waitFor();
  const headers = await columnHeaders(page);
  expect(headers).toEqual(expect.arrayContaining(['title', 'kind of resource', 'who can see it', 'date', 'available in', 'status']));
  for (const raw of ['id', 'slug', 'summary']) expect(headers).not.toContain(raw);
  await screenshot(page, 'resources-list');

  await page.locator('table tbody tr').first().locator('td').nth(1).click();
  await page.waitForURL(/\/collection-types\/api::resource\.resource\/[a-z0-9]{24}/);
  await page.locator('label', { hasText: 'Case number' }).waitFor();
  const form = await page.locator('main').innerText();
  for (const label of ['Title', 'Web address (slug)', 'Summary', 'Issue areas', 'Author organisations', 'Case number', 'ECLI', 'Who can see it']) {
    expect({ label, shown: form.includes(label) }).toEqual({ label, shown: true });
  }
  for (const raw of ['caseNumber', 'issueAreas', 'authorOrganisations']) expect({ raw, shown: form.includes(raw) }).toEqual({ raw, shown: false });
  expect(form).toContain('European Case Law Identifier');
  await screenshot(page, 'resource-edit');
  expect(errors).toEqual([]);
  await close();
});

test('the workshops and agreement versions lists show their configured columns', async () => {
  const { page, close } = await signedInPage();
  for (const [uid, name, columns] of [
    ['api::workshop.workshop', 'workshops-list', ['title', 'format', 'starts', 'places', 'who can see it']],
    ['api::agreement-version.agreement-version', 'agreement-versions-list', ['version number', 'title', 'stage', 'consultation opens', 'consultation closes']],
  ] as const) {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/${uid}?plugins[i18n][locale]=en`);
    await page.locator('table tbody tr').first().waitFor();
    const headers = await columnHeaders(page);
    expect(headers).toEqual(expect.arrayContaining([...columns]));
    expect(headers).not.toContain('id');
    await screenshot(page, name);
  }
  await close();
});
