import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { APP_DIR } from '../helpers/paths';
import { startBrowser } from '../helpers/browser';
import { useApp } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * The search page (/search/) in Debian's Chromium, driven by playwright-core, against the app
 * booted on the seeded demo data. No browser is downloaded: CI installs the `chromium` package.
 */
const app = useApp('seeded');
const ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts');

/** A German resource (public) and a German members-only one, from src/seed/data/resources/de.json. */
const GERMAN_TITLE = 'Podiumsgespräch: Kirchenasyl zwischen Gewissensfreiheit';
const MEMBERS_ONLY_TITLE = 'Muster: Widerspruch gegen eine Leistungsminderung beim Bürgergeld';

let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  ({ browser, baseUrl } = await startBrowser(app()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** A fresh browser context (no storage shared between tests) and a page recording what it does. */
const openPage = async (options: BrowserContextOptions = {}) => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, requests, dialogs, errors, close: () => context.close() };
};

const resultTitles = (page: Page) => page.locator('#results .result h3').allTextContents();

/** Waits for the result count to read `text` exactly, or to match a pattern. */
const waitForCount = (page: Page, text: string | RegExp) =>
  page.locator('#result-count', { hasText: typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text }).waitFor();

const signIn = async (page: Page, email: string, password: string) => {
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.locator('#signed-in-as').waitFor();
};

/** Tabs forward until `selector` has the focus; fails after `limit` presses. */
const tabTo = async (page: Page, selector: string, limit = 40) => {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} never got the focus`);
};

describe('search page', () => {
  test('is served by the app with its script and styles', async () => {
    const response = await app().http().get('/search/');
    expect(response.status).toBe(200);
    expect(response.text).toContain('/search/search.js');
    expect((await app().http().get('/search/search.js')).status).toBe(200);
  });

  test('German interface: a misspelt German word finds the German document', async () => {
    const { page, requests, errors, close } = await openPage({ locale: 'de-DE' });
    await page.goto(`${baseUrl}/search/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('#ui-language').inputValue()).toBe('de');

    await page.locator('#search-input').fill('Kirchenasil'); // Kirchenasyl, one letter off
    await page.locator('#results .result h3', { hasText: GERMAN_TITLE }).waitFor();
    expect(await page.locator('#results .result').first().locator('.badge.language').textContent()).toBe('Deutsch');
    expect(await page.locator('#results mark').first().textContent()).toBe('Kirchenasyl');
    expect(page.url()).toContain('q=Kirchenasil');
    expect(requests.some((url) => url.includes('/api/multilingual-search/search?') && url.includes('locale=de'))).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  test('ticking a facet narrows the results and puts the filter in the URL', async () => {
    const { page, close } = await openPage();
    await page.goto(`${baseUrl}/search/`);
    await waitForCount(page, /Results: \d+/);
    const before = Number((await page.locator('#result-count').textContent())!.replace(/\D/g, ''));

    const germanFacet = 'input[data-facet="language"][value="de"]';
    const german = page.locator(`#facets ${germanFacet}`);
    const germanCount = Number(
      await page
        .locator('#facets label', { has: page.locator(germanFacet) })
        .locator('.facet-count')
        .textContent(),
    );
    expect(germanCount).toBeGreaterThan(0);
    expect(germanCount).toBeLessThan(before);
    await german.check();
    await waitForCount(page, `Results: ${germanCount}`);
    expect(new URL(page.url()).searchParams.getAll('language')).toEqual(['de']);
    const languages = await page.locator('#results .result h3').evaluateAll((titles) => titles.map((title) => title.getAttribute('lang')));
    expect(new Set(languages)).toEqual(new Set(['de']));
    expect(await german.isChecked()).toBe(true);

    // Back restores the unfiltered results; the URL drives the page.
    await page.goBack();
    await waitForCount(page, `Results: ${before}`);
    expect(await german.isChecked()).toBe(false);
    await close();
  });

  test('each facet is one vocabulary, its values named in the interface language', async () => {
    const { page, errors, close } = await openPage({ locale: 'de-DE' });
    await page.goto(`${baseUrl}/search/`);
    await waitForCount(page, /Ergebnisse: \d+/);
    const legends = await page.locator('#facets legend').allTextContents();
    expect(legends).toEqual(
      expect.arrayContaining(['Themenfeld', 'Art der Ressource', 'Rechtsordnung', 'Art der Organisation', 'Land', 'Veranstaltungsformat', 'Kompetenzbereich']),
    );
    const values = (facet: string) =>
      page.locator(`#facets input[data-facet="${facet}"]`).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const names = (facet: string) => page.locator(`#facets label:has(input[data-facet="${facet}"]) span:not(.facet-count)`).allTextContents();
    expect(await names('jurisdiction')).toEqual(
      expect.arrayContaining(['Europarat (EGMR)', 'Europäische Union (EuGH)', 'Vereinte Nationen (Vertragsorgane)', 'Deutschland']),
    );
    expect((await values('country')).filter((code) => ['EU', 'CoE', 'UN'].includes(code))).toEqual([]);
    expect(await names('country')).toContain('Deutschland');
    expect(await names('resourceKind')).toContain('Urteil');
    expect(await names('resourceKind')).not.toContain('NGO');
    expect(await names('organisationKind')).toEqual(expect.arrayContaining(['NGO', 'Kanzlei']));
    expect(await names('issueArea')).toContain('Umwelt & Klima');
    expect(await names('type')).toContain('Ressource');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'search-page-facets-de.png'), fullPage: true });

    // Ticking a jurisdiction keeps to resources of it, and puts it in the URL under its own name.
    await page.locator('#facets input[data-facet="jurisdiction"][value="CoE"]').check();
    await page.waitForURL((url) => url.searchParams.getAll('jurisdiction').join() === 'CoE');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLInputElement>('#facets input[data-facet="type"]')).every((input) => input.value === 'resource'),
    );
    expect(await values('jurisdiction')).toEqual(['CoE']);
    expect(new Set(await page.locator('#results .badge.type').allTextContents())).toEqual(new Set(['Ressource']));

    // Skills alone: their categories, and none of the other vocabularies.
    await page.goto(`${baseUrl}/search/?type=skill`);
    await waitForCount(page, /Ergebnisse: [1-9]/);
    expect(await page.locator('#facets legend').allTextContents()).toEqual(['Art des Inhalts', 'Sprache', 'Kompetenzbereich']);
    expect(await names('skillCategory')).toContain('Rechtsgebiet');
    expect(errors).toEqual([]);
    await close();
  });

  test('a signed-in member finds a members-only document that the public does not', async () => {
    const member = await createUser(app());
    const { page, requests, close } = await openPage();
    await page.goto(`${baseUrl}/search/?q=Leistungsminderung&lang=de`);
    await waitForCount(page, /Ergebnisse: \d+/);
    expect(await resultTitles(page)).not.toContainEqual(expect.stringContaining(MEMBERS_ONLY_TITLE));

    await signIn(page, member.email, 'Test-password-1');
    await page.locator('#results .result h3', { hasText: MEMBERS_ONLY_TITLE }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('cop-search.session'))).toContain('"jwt"');
    expect(await page.evaluate(() => localStorage.length)).toBe(0); // the JWT never outlives the tab

    await page.locator('#sign-out').click();
    await page.locator('#sign-in-form').waitFor();
    // The public's results replace the member's once the page has searched again.
    await page.locator('#results .result h3', { hasText: MEMBERS_ONLY_TITLE }).waitFor({ state: 'detached' });
    await waitForCount(page, /Ergebnisse: \d+/);
    expect(await resultTitles(page)).not.toContainEqual(expect.stringContaining(MEMBERS_ONLY_TITLE));
    expect(requests.filter((url) => url.endsWith('/api/auth/local'))).toHaveLength(1);
    await close();
  });

  test('works with the keyboard alone: search box, facet, pagination', async () => {
    const { page, close } = await openPage();
    await page.goto(`${baseUrl}/search/`);
    await waitForCount(page, /Results: \d+/);

    await tabTo(page, '#search-input');
    await page.keyboard.type('court');
    await waitForCount(page, /Results: \d+/);
    await page.waitForURL(/q=court/);

    await tabTo(page, '#facets input[type=checkbox]');
    const facet = await page.evaluate(() => {
      const input = document.activeElement as HTMLInputElement;
      return { name: input.dataset.facet!, value: input.value };
    });
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.getAll(facet.name).includes(facet.value));
    // The facet keeps the focus after the results are redrawn, visibly outlined.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');

    await tabTo(page, '#pagination a[data-page="2"]', 80);
    await page.keyboard.press('Enter');
    await page.waitForURL(/page=2/);
    await page.locator('#pagination a[aria-current="page"]', { hasText: '2' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    await close();
  });

  test('screenshots at desktop and phone width, with nothing wider than the phone', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const { page, close } = await openPage({ viewport });
      await page.goto(`${baseUrl}/search/?q=eviction`);
      await waitForCount(page, /Results: [1-9]/);
      const file = path.join(ARTIFACTS, `search-page-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await close();
    }
  });

  test('makes no request to any host but the app', async () => {
    const member = await createUser(app());
    const { page, requests, close } = await openPage();
    await page.goto(`${baseUrl}/search/?q=eviction`);
    await waitForCount(page, /Results: \d+/);
    await signIn(page, member.email, 'Test-password-1');
    await page.locator('#views a[data-view="matrix"]').click();
    await page.locator('table.matrix').waitFor();
    expect(requests.length).toBeGreaterThan(4);
    expect(requests.filter((url) => new URL(url).origin !== baseUrl)).toEqual([]);
    await close();
  });

  test('bad input in the URL gives a sensible page and runs no script', async () => {
    const { page, dialogs, errors, close } = await openPage();
    const attack = '<script>window.__xss = 1; alert(1)</script>';
    const xss = () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
    await page.goto(`${baseUrl}/search/?${new URLSearchParams({ q: attack, colour: 'red', page: '99999' })}`);
    await waitForCount(page, /Results: \d+/);
    expect(await page.locator('#search-input').inputValue()).toBe(attack);
    expect(await page.locator('#pagination a[aria-current="page"]').textContent()).toBe('1');

    // An unknown facet value and a broken one: nothing found, said in words, with other languages to try.
    const unknown = new URLSearchParams({ q: attack, resourceKind: 'no-such-kind' });
    unknown.append('resourceKind', '<img src=x onerror="window.__xss=2">');
    await page.goto(`${baseUrl}/search/?${unknown}`);
    await waitForCount(page, 'Results: 0');
    expect(await page.locator('#results .empty').textContent()).toContain(attack); // shown as text
    expect(await page.locator('#results .empty a[data-locale]').count()).toBe(7);
    expect(new URL(page.url()).searchParams.getAll('resourceKind')).toEqual(['no-such-kind']);
    await page.locator('#results .empty a[data-locale="de"]').click();
    await page.waitForURL(/locale=de/);
    await page.locator('#result-count', { hasText: 'Searching in German' }).waitFor();
    expect(await xss()).toBeUndefined();
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('#results img').count()).toBe(0);

    // A page number that is no page number: the first page.
    for (const pageParameter of ['-3', 'abc']) {
      await page.goto(`${baseUrl}/search/?q=court&page=${pageParameter}`);
      await waitForCount(page, /Results: [1-9]/);
      await page.locator('#pagination a[aria-current="page"]', { hasText: '1' }).waitFor();
    }
    // A filter the API refuses (skills have no country): dropped, with a word why.
    await page.goto(`${baseUrl}/search/?q=court&type=skill&country=DE`);
    await page.locator('#search-notice', { hasText: 'Country' }).waitFor();
    await waitForCount(page, /Results: [1-9]/);
    expect(new URL(page.url()).searchParams.get('country')).toBeNull();
    expect(new URL(page.url()).searchParams.get('type')).toBe('skill');

    // A page past the end (the API allows 100 pages of 10): the first page, with a word why.
    await page.goto(`${baseUrl}/search/?q=court&page=500`);
    await page.locator('#search-notice', { hasText: 'first page' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('who to ask and the skills map: members get experts and a heatmap with a text status in every cell', async () => {
    const member = await createUser(app());
    // A skill someone is open to questions about, from the API the page uses.
    const matrix = await app().http().get('/api/skills-mapping/matrix?dimension=issueArea&locale=en').set('Authorization', `Bearer ${member.jwt}`);
    let skill: { slug: string; name: string } | undefined;
    for (const row of matrix.body.data.rows as Array<{ skill: { slug: string; name: string } }>) {
      const experts = await app().http().get(`/api/skills-mapping/experts?skill=${row.skill.slug}`).set('Authorization', `Bearer ${member.jwt}`);
      if (experts.body.data.length > 0) {
        skill = row.skill;
        break;
      }
    }
    expect(skill).toBeDefined();

    const { page, errors, close } = await openPage();
    await page.goto(`${baseUrl}/search/?view=experts`);
    await page.locator('#experts', { hasText: 'please sign in' }).waitFor();
    expect(await page.locator('#experts-skill').count()).toBe(0);
    await page.goto(`${baseUrl}/search/?view=matrix`);
    await page.locator('table.matrix').waitFor();
    // The public: small counts are withheld, and say so in words.
    expect(await page.locator('td[data-status="withheld"]', { hasText: 'Not shown' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.legend').textContent()).toContain('Not shown');

    await signIn(page, member.email, 'Test-password-1');
    await page.locator('#views a[data-view="experts"]').click();
    await page.locator('#experts-skill').selectOption(skill!.slug);
    await page.locator('#experts-list li').first().waitFor();
    expect(new URL(page.url()).searchParams.get('skill')).toBe(skill!.slug);
    expect(await page.locator('#experts .result-count').textContent()).toMatch(/^People to ask: [1-9]/);

    await page.locator('#views a[data-view="matrix"]').click();
    await page.locator('table.matrix td').first().waitFor();
    const cells = await page
      .locator('table.matrix td')
      .evaluateAll((tds) => tds.map((td) => ({ status: td.getAttribute('data-status'), text: td.textContent ?? '' })));
    expect(cells.length).toBeGreaterThan(9);
    const words: Record<string, string> = { good: '✓ Good', risk: '! Risk', gap: '✗ Gap' };
    for (const cell of cells) expect(cell.text).toContain(words[cell.status!]); // members see every count: nothing withheld
    expect(await page.locator('.legend').textContent()).toContain('✓ Good');
    expect(await page.locator('.legend').textContent()).not.toContain('Not shown');
    expect(errors).toEqual([]);
    await close();
  });
});
