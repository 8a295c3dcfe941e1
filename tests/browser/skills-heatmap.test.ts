import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { APP_DIR } from '../helpers/paths';
import { signInToAdmin, startBrowser } from '../helpers/browser';
import { useApp } from '../helpers/strapi';

/**
 * The admin panel's skills map (src/plugins/skills-mapping/admin) in Debian's Chromium, signed in as
 * an Editor, on the seeded demo data: the table scrolls within its box, which stays inside the page,
 * and its header row and skills column stay in view while it scrolls.
 */
const ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts');
const EMAIL = 'editor-heatmap@test.example.org';
const PASSWORD = 'Editor-password-1';

const app = useApp('seeded', { serveAdminPanel: true });

let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  const { strapi } = app();
  const editor = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  await strapi
    .service('admin::user')
    .create({ email: EMAIL, firstname: 'Heatmap', lastname: 'Editor', password: PASSWORD, isActive: true, registrationToken: null, roles: [editor.id] });
  ({ browser, baseUrl } = await startBrowser(app()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

test('the heatmap scrolls within the page, its header row and skills column staying in view', async () => {
  // Narrower than the table, so it scrolls both ways.
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  await signInToAdmin(page, baseUrl, { email: EMAIL, password: PASSWORD });
  await page.goto(`${baseUrl}/admin/plugins/skills-mapping`);
  const box = page.locator('[data-heatmap-scroll]');
  await box.locator('tbody td').first().waitFor();

  expect(await box.locator('tbody td').first().textContent()).toMatch(/^[✓!✗] (Good|Risk|Gap) \d+\/\d+$/);
  const layout = await box.evaluate((element) => ({
    right: element.getBoundingClientRect().right,
    viewport: window.innerWidth,
    scrollsAcross: element.scrollWidth > element.clientWidth,
    scrollsDown: element.scrollHeight > element.clientHeight,
  }));
  expect(layout.right).toBeLessThanOrEqual(layout.viewport);
  expect(layout.scrollsAcross).toBe(true);
  expect(layout.scrollsDown).toBe(true);

  // To the far corner: the last column comes fully into view, the headers stay at the box's edges.
  const scrolled = await box.evaluate((element) => {
    element.scrollTo({ top: element.scrollHeight, left: element.scrollWidth });
    const edge = element.getBoundingClientRect();
    const rect = (selector: string) => element.querySelector(selector)!.getBoundingClientRect();
    const borderTop = edge.top + element.clientTop;
    const borderLeft = edge.left + element.clientLeft;
    return {
      scrolled: element.scrollTop > 0 && element.scrollLeft > 0,
      cornerTop: rect('thead th:first-child').top - borderTop,
      cornerLeft: rect('thead th:first-child').left - borderLeft,
      columnHeaderTop: rect('thead th:last-child').top - borderTop,
      lastColumnRight: rect('thead th:last-child').right - (borderLeft + element.clientWidth),
      rowHeaderLeft: rect('tbody tr:last-child th').left - borderLeft,
    };
  });
  expect(scrolled.scrolled).toBe(true);
  expect(Math.abs(scrolled.cornerTop)).toBeLessThanOrEqual(1);
  expect(Math.abs(scrolled.cornerLeft)).toBeLessThanOrEqual(1);
  expect(Math.abs(scrolled.columnHeaderTop)).toBeLessThanOrEqual(1);
  expect(scrolled.lastColumnRight).toBeLessThanOrEqual(1);
  expect(Math.abs(scrolled.rowHeaderLeft)).toBeLessThanOrEqual(1);
  // The corner cell is what the eye finds there, not a cell passing under it.
  const topLeft = await box.evaluate((element) => {
    const edge = element.getBoundingClientRect();
    return document.elementFromPoint(edge.left + element.clientLeft + 5, edge.top + element.clientTop + 5)?.closest('th')?.textContent;
  });
  expect(topLeft).toBe('Skill');

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-skills-heatmap-scrolled.png') });

  // The legend and the category filter say what the server configures: the advanced level, the skill type's categories.
  await page.getByText('Numbers: holders at level 3+ / all holders').waitFor();
  await page.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'area of law' }).click();
  await box.locator('tbody td').first().waitFor();
  await context.close();
}, 120_000);
