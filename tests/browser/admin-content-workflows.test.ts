import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createWorkshop } from '../participation/workshops';
import { createAdminUser } from '../helpers/admin';
import { api } from '../helpers/api';
import { signInToAdmin, startBrowser } from '../helpers/browser';
import { APP_DIR } from '../helpers/paths';
import { searchConverged } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createMembers } from '../helpers/users';

/**
 * Issue 15's acceptance: what editors and community managers do in the admin panel, done in
 * Debian's Chromium as a person would (clicks and typing), on the production build of the panel
 * served by the app booted on the seeded demo data. The Document Service only prepares data and
 * checks the database afterwards.
 */
/** Not committed (.tmp is in .gitignore): for a person to look at. */
const SCREENSHOTS = path.join(APP_DIR, '.tmp', 'admin-screenshots');
const RESOURCES = 'api::resource.resource';
const REGISTRATIONS = 'api::registration.registration';
const USERS = 'plugin::users-permissions.user';
const MEMBERS = 'api::member.member';
/** For one step of the UI: a page to load, a list to fetch, a document to save. */
const STEP = 30_000;

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

/** A new admin user of the given role, signed in through the login form of a fresh browser context. */
const signIn = async (roleCode: string) => {
  const { email, password } = await createAdminUser(app(), roleCode);
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(STEP);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signInToAdmin(page, baseUrl, { email, password });
  return { page, errors, close: () => context.close() };
};

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Opens the content manager from the main menu. */
const openContentManager = async (page: Page) => {
  await page.getByRole('link', { name: 'Content Manager' }).first().click();
  await page.waitForURL(/\/admin\/content-manager\//);
  await page.getByRole('navigation', { name: 'Content Manager' }).waitFor();
};

/** The names of the types in the content manager's own menu. */
const contentManagerMenu = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Content Manager' }).getByRole('link').allInnerTexts()).map((text) => text.trim());

/** Picks `option` in the design system's select labelled `label`. */
const choose = async (page: Page, label: string, option: string | RegExp) => {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
};

test('an Editor creates a German resource, publishes it, and members find it on the search page', async () => {
  const { page, errors, close } = await signIn('strapi-editor');
  const word = `Prozessfuehrung${randomBytes(3).toString('hex')}`;
  const title = `Leitfaden ${word} zur strategischen Klage`;
  const slug = `leitfaden-${word.toLowerCase()}`;

  await openContentManager(page);
  await page.getByRole('navigation', { name: 'Content Manager' }).getByRole('link', { name: 'Resource', exact: true }).click();
  await page.locator('table tbody tr').first().waitFor();
  // The list's locale menu: German entries, and a new entry created from here is German.
  await choose(page, 'Select a locale', /German \(de\)/);
  await page.waitForURL((url) => url.searchParams.get('plugins[i18n][locale]') === 'de');
  await page
    .getByRole('link', { name: /Create new entry/ })
    .first()
    .click();
  await page.waitForURL(/\/api::resource\.resource\/create/);
  expect(new URL(page.url()).searchParams.get('plugins[i18n][locale]')).toBe('de');
  await page.getByLabel('Title').waitFor();
  await screenshot(page, 'editor-resource-list-de');

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Web address (slug)').fill(slug);
  await choose(page, 'Kind of resource', 'guide');
  await choose(page, 'Who can see it', 'public');
  await page.getByLabel('Summary').fill(`Wie man eine strategische Klage vorbereitet: ${word}.`);
  await screenshot(page, 'editor-resource-create-de');

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/api::resource\.resource\/[a-z0-9]{24}/);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published document').first().waitFor();
  await screenshot(page, 'editor-resource-published-de');

  const documentId = /\/api::resource\.resource\/([a-z0-9]{24})/.exec(page.url())![1];
  const published = await app()
    .strapi.documents(RESOURCES)
    .findOne({ documentId, locale: 'de', status: 'published' } as never);
  expect(published).toMatchObject({ title, slug, kind: 'guide', visibility: 'public', locale: 'de' });
  expect(
    await app()
      .strapi.documents(RESOURCES)
      .findOne({ documentId, locale: 'en', status: 'published' } as never),
  ).toBeNull();
  expect(errors).toEqual([]);

  // The search page, in German, finds it by its unique word, once the index has caught up.
  await searchConverged(app());
  await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(word)}&lang=de`);
  await page.locator('#results .result h3', { hasText: title }).waitFor();
  expect(await page.locator('#results .result h3').allTextContents()).toEqual([title]);
  await screenshot(page, 'search-page-finds-new-resource');
  await close();
}, 180_000);

test("a community manager sees a workshop's registrations, with the members' names and the workshop's title", async () => {
  const workshop = await createWorkshop(app(), { capacity: 1 });
  const { title } = (await app()
    .strapi.documents('api::workshop.workshop')
    .findOne({ documentId: workshop, locale: 'en' } as never)) as unknown as { title: string };
  const members = await createMembers(app(), 2);
  for (const member of members) expect((await api(app(), member).post(`/api/workshops/${workshop}/registrations`)).status).toBe(201);
  const names = await Promise.all(
    members.map(
      async (member) =>
        (
          (await app()
            .strapi.documents(MEMBERS)
            .findOne({ documentId: member.memberId!, locale: 'en' } as never)) as unknown as { displayName: string }
        ).displayName,
    ),
  );

  const { page, errors, close } = await signIn('community-manager');
  await openContentManager(page);
  await page.getByRole('navigation', { name: 'Content Manager' }).getByRole('link', { name: 'Registration', exact: true }).click();
  await page.waitForURL(new RegExp(`/collection-types/${REGISTRATIONS.replace(/\./g, '\\.')}`));
  const rows = page.locator('table tbody tr', { hasText: title });
  await rows.first().waitFor();
  await screenshot(page, 'community-manager-registrations');

  const shown = await rows.allInnerTexts();
  expect(shown).toHaveLength(2);
  for (const [index, name] of names.entries()) {
    const row = shown.find((text) => text.includes(name));
    expect({ name, row }).toEqual({ name, row: expect.stringContaining(index === 0 ? 'confirmed' : 'waitlisted') });
  }
  expect(errors).toEqual([]);
  await close();
}, 120_000);

test("an Editor sees no member's e-mail address: not in the menu, not at the users list's address, not on a member", async () => {
  const [member] = await createMembers(app(), 1);
  const { page, errors, close } = await signIn('strapi-editor');

  await openContentManager(page);
  const menu = await contentManagerMenu(page);
  expect(menu).toEqual(expect.arrayContaining(['Resource', 'Workshop', 'Member']));
  for (const hidden of ['User', 'Registration']) expect({ hidden, shown: menu.includes(hidden) }).toEqual({ hidden, shown: false });
  await screenshot(page, 'editor-content-manager-menu');

  // The users list's address, typed in: no permission, no address.
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/${USERS}`);
  await page
    .getByText(/don't have the permissions|no permission/i)
    .first()
    .waitFor();
  expect(await page.locator('body').innerText()).not.toMatch(/@test\.example\.org|@[a-z0-9-]+\.[a-z]{2,}/i);
  await screenshot(page, 'editor-users-list-refused');

  // The member's edit view: its display name, and no account nor address.
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/${MEMBERS}/${member.memberId}?plugins[i18n][locale]=en`);
  await page.getByLabel('Display name').waitFor();
  // The relation inputs load their entries after the form.
  await page.waitForLoadState('networkidle');
  expect(await page.getByLabel('Display name').inputValue()).toMatch(/^Bulk member /);
  const view = await page.locator('main').innerText();
  expect(view).not.toContain(member.email);
  expect(view).not.toMatch(/@/);
  await screenshot(page, 'editor-member-edit');
  expect(errors).toEqual([]);
  await close();
}, 120_000);
