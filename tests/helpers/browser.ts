import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seriousAccessibilityViolations } from './accessibility';
import { launchChromium } from './chromium';
import { APP_DIR } from './paths';
import type { TestApp } from './strapi';

/**
 * What every browser test starts with: `app` served on a free local port, and Debian's Chromium
 * (driven by playwright-core; launch() gives every browser a new, empty profile of its own).
 */
export const startBrowser = async (app: TestApp) => {
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // jest.config.js sets CHROMIUM_PATH, and skips the browser tests without Chromium unless REQUIRE_BROWSER_TESTS=1.
  const browser = await launchChromium();
  return { browser, baseUrl };
};

/** Signs in to the admin panel through its login form, as a person would, and waits to leave it. */
export const signInToAdmin = async (page: Page, baseUrl: string, { email, password }: { email: string; password: string }) => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.getByRole('textbox', { name: /^Email/ }).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
};

/**
 * The browser of a test file: Chromium on `app` served locally, started before the file's tests
 * and closed after them. Read `browser` and `baseUrl` from the returned object once tests run.
 */
export const useBrowser = (app: () => TestApp) => {
  const started = {} as { browser: Browser; baseUrl: string };
  beforeAll(async () => {
    Object.assign(started, await startBrowser(app()));
  }, 60_000);
  afterAll(async () => {
    await started.browser?.close();
  });
  return started;
};

/** What went wrong on `page` while a test used it: its script errors and every 5xx answer it got. */
export const watchPage = (page: Page) => {
  const errors: string[] = [];
  const failures: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  return { errors, failures };
};

/** The members' site is checked on a phone and on a desktop; pages are opened at the desktop size. */
export const SITE_VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;
export const DESKTOP = SITE_VIEWPORTS[1];
const SITE_ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts', 'site');

/**
 * The page as it is now, on a phone and on a desktop: no serious accessibility violation, no
 * horizontal scrolling, and a screenshot of each (tests/artifacts/site/, not committed); then back
 * to the desktop size.
 */
export const checkPageState = async (page: Page, name: string) => {
  fs.mkdirSync(SITE_ARTIFACTS, { recursive: true });
  for (const viewport of SITE_VIEWPORTS) {
    await page.setViewportSize(viewport);
    expect({ name, viewport, violations: await seriousAccessibilityViolations(page) }).toEqual({ name, viewport, violations: [] });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ name, viewport, overflow }).toEqual({ name, viewport, overflow: 0 });
    await page.screenshot({ path: path.join(SITE_ARTIFACTS, `${name}-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
};

/** Waits (up to 5 s) for the element with `id` to have the focus: pages move it after rendering, in an animation frame. */
export const expectFocusOn = async (page: Page, id: string) => {
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  await page.waitForFunction((expected) => document.activeElement?.id === expected, id, { timeout: 5_000 }).catch(() => undefined);
  expect(await focused()).toBe(id);
};
