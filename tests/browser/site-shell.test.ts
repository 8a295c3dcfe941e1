import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../helpers/accessibility';
import { useBrowser, watchPage } from '../helpers/browser';
import { APP_DIR } from '../helpers/paths';
import { startSignedIn } from '../helpers/site-session';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * The members' site's shell (skip link, header, sign-in, navigation, page routing) and the search
 * page's views, in Debian's Chromium against the app on the demo data: accessibility (axe, WCAG
 * 2.1 AA) at phone and desktop width, public and signed in; no sideways scrolling on a small phone;
 * the keyboard alone; focus on moves between pages; deep links; and screenshots for review.
 */
const app = useApp('seeded');
const ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts', 'site');

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const SMALL_PHONE = { width: 360, height: 740 };

type Audience = 'public' | 'member';
/** A state of the search page: its URL, what shows it is ready as the public and as a member, and whether to unfold the facets. */
type View = { name: string; url: string; ready: Record<Audience, string>; unfoldFacets?: boolean };

const VIEWS: View[] = [
  { name: 'results', url: '/search/?q=eviction', ready: { public: '#results .result', member: '#results .result' } },
  // On a phone the facets start folded: unfolded here, so that axe and the width check see them.
  { name: 'facets', url: '/search/?q=court&language=en', ready: { public: '#results .result', member: '#results .result' }, unfoldFacets: true },
  { name: 'empty result', url: '/search/?q=qqxxzzyy', ready: { public: '#results .empty', member: '#results .empty' } },
  { name: 'who to ask', url: '/search/?view=experts', ready: { public: '#experts button', member: '#experts-list' } },
  { name: 'skills map', url: '/search/?view=matrix', ready: { public: 'table.matrix td', member: 'table.matrix td' } },
];

const web = useBrowser(app);
let member: TestUser;

beforeAll(async () => {
  member = await createUser(app());
});

/** A fresh context (nothing shared between tests), signed in as `member` for the member audience. */
const openPage = async (audience: Audience = 'public', options: BrowserContextOptions = {}) => {
  const context = await web.browser.newContext({ locale: 'en-GB', viewport: DESKTOP, ...options });
  if (audience === 'member') await startSignedIn(context, { jwt: member.jwt, name: member.email });
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

const show = async (page: Page, view: View, audience: Audience) => {
  await page.goto(`${web.baseUrl}${view.url}`);
  await page.locator(view.ready[audience]).first().waitFor();
  if (!view.unfoldFacets) return;
  if (!(await page.locator('#facets-panel').evaluate((details) => (details as HTMLDetailsElement).open))) await page.locator('#facets-title').click();
  await page.locator('#facets input:checked').waitFor();
};

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element ? { id: element.id, tag: element.tagName.toLowerCase(), text: element.textContent?.trim() ?? '' } : null;
  });

/** Whether the focused element is outlined, as keyboard users need to see where they are. */
const focusOutlined = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });

/** Tabs forward until `selector` has the focus, checking on the way that every stop is outlined. */
const tabTo = async (page: Page, selector: string, limit = 100) => {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    expect({ stop, outlined: await focusOutlined(page) }).toEqual({ stop, outlined: true });
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`${selector} never got the focus`);
};

describe('members site: shell and search page', () => {
  describe.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)('no serious accessibility violation at %s width', (_device, viewport) => {
    test.each(['public', 'member'] as const)('as %s: results, facets, empty result, who to ask, skills map', async (audience) => {
      const { page, errors, close } = await openPage(audience, { viewport });
      const found: Record<string, unknown> = {};
      for (const view of VIEWS) {
        await show(page, view, audience);
        found[view.name] = await seriousAccessibilityViolations(page);
      }
      expect(found).toEqual(Object.fromEntries(VIEWS.map((view) => [view.name, []])));
      expect(errors).toEqual([]);
      await close();
    });
  });

  test('nothing scrolls sideways on a 360 px wide phone', async () => {
    const tooWide: Array<{ view: string; audience: Audience; scrollWidth: number }> = [];
    for (const audience of ['public', 'member'] as const) {
      const { page, close } = await openPage(audience, { viewport: SMALL_PHONE });
      for (const view of VIEWS) {
        await show(page, view, audience);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > SMALL_PHONE.width) tooWide.push({ view: view.name, audience, scrollWidth });
      }
      await close();
    }
    expect(tooWide).toEqual([]);
  });

  test('keyboard alone: the skip link goes to the content; Tab reaches the language picker, sign-in and navigation, visibly', async () => {
    const { page, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/?q=eviction`);
    await page.locator('#results .result').first().waitFor();

    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Skip to content' });
    expect(await focusOutlined(page)).toBe(true);
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    const url = page.url();
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'content' });
    expect(page.url()).toBe(url); // the skip link is no navigation: the search stays as it was
    // The next Tab goes on from the content, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.getElementById('content')!.contains(document.activeElement))).toBe(true);

    await page.goto(`${web.baseUrl}/search/?q=eviction`);
    await page.locator('#results .result').first().waitFor();
    await tabTo(page, '#ui-language');
    await tabTo(page, '#sign-in-email');
    await tabTo(page, '#views a');
    await tabTo(page, '#search-input');
    await tabTo(page, '#results .result a');
    await close();
  });

  test('following a result moves the focus to the new page’s h1; Back returns to the results', async () => {
    const { page, errors, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/?q=eviction`);
    await page.locator('#results .result a').first().waitFor();
    const results = await page.locator('#results .result h3').allTextContents();
    const searchUrl = page.url();

    await tabTo(page, '#results .result a');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/search/');
    await page.waitForFunction(() => document.activeElement?.matches('main h1') ?? false);
    expect((await page.locator('main h1').textContent())!.trim()).not.toBe('');

    await page.goBack();
    await page.waitForURL(searchUrl);
    await page.locator('#results .result').first().waitFor();
    expect(await page.locator('#results .result h3').allTextContents()).toEqual(results);
    expect(errors).toEqual([]);
    await close();
  });

  test('a deep link to a page that does not exist shows a not-found page with a way back', async () => {
    const { page, errors, close } = await openPage();
    const response = await page.goto(`${web.baseUrl}/search/no-such-page/123`);
    expect(response?.status()).toBe(200);
    await page.locator('main h1', { hasText: 'This page does not exist' }).waitFor();
    expect(await page.title()).toContain('This page does not exist');
    await page.locator('main a', { hasText: 'Back to search' }).click();
    await page.waitForURL(`${web.baseUrl}/search/`);
    await page.locator('#search-input').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  test('the server gives the site’s page for every page path below /search/, and 404 for a missing file', async () => {
    const index = fs.readFileSync(path.join(APP_DIR, 'public', 'search', 'index.html'), 'utf8');
    for (const pagePath of ['/search/resources/abc', '/search/members/xyz', '/search/agreement']) {
      const response = await app().http().get(pagePath);
      expect({ pagePath, status: response.status, type: response.type }).toEqual({ pagePath, status: 200, type: 'text/html' });
      expect(response.text).toBe(index);
    }
    for (const filePath of ['/search/nothing.js', '/search/chunks/nothing.js']) expect((await app().http().get(filePath)).status).toBe(404);
  });

  test('screenshots of search, who to ask and the skills map, in English and German, phone and desktop', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shown = VIEWS.filter((view) => ['results', 'who to ask', 'skills map'].includes(view.name));
    for (const [language, locale] of [
      ['en', 'en-GB'],
      ['de', 'de-DE'],
    ] as const) {
      for (const [device, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const { page, close } = await openPage('member', { viewport, locale });
        for (const view of shown) {
          await show(page, view, 'member');
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          const file = path.join(ARTIFACTS, `${view.name.replace(/ /g, '-')}-${language}-${device}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(fs.statSync(file).size).toBeGreaterThan(10_000);
        }
        await close();
      }
    }
  });
});
