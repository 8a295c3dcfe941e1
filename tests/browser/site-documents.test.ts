import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seriousAccessibilityViolations } from '../helpers/accessibility';
import { checkPageState, DESKTOP, useBrowser, watchPage } from '../helpers/browser';
import { useApp } from '../helpers/strapi';

/**
 * The pages of single documents on the members' site (resources, organisations, member profiles),
 * walked in Debian's Chromium as the public and as a member, against the seeded demo data.
 */
const app = useApp('seeded');
const DEMO_PASSWORD = 'Demo-member-2026';

/** A public resource in English and German (src/seed/data/resources/de.json), written by Klimarecht Kollektiv. */
const CLIMATE = {
  slug: 'de-klimaklage-verfassungsbeschwerde-leitfaden',
  en: 'Climate protection before the Federal Constitutional Court: a guide to constitutional complaints against inadequate climate legislation',
  de: 'Klimaschutz vor dem Bundesverfassungsgericht: Leitfaden zur Verfassungsbeschwerde gegen unzureichende Klimaschutzgesetze',
  url: 'https://klimarecht-kollektiv.example.org/leitfaden/verfassungsbeschwerde-klima',
};
/** A members-only resource with no address of its own: the test gives it a file to download. */
const MEMBERS_ONLY = { slug: 'en-trauma-informed-intake-asylum-malta', title: 'Trauma-informed intake for people seeking international protection in Malta' };
const MEMBER = { email: 'siobhan.ni-bhriain@marram-chambers.example.org', name: 'Siobhán Ní Bhriain' };
const PUBLIC_PROFILE = 'Jonas Achterberg';
const HIDDEN_PROFILE = 'Aurore Lemaire';
const FILE_TEXT = 'Intake checklist\n';

const web = useBrowser(app);

const documentIdOf = async (uid: string, filters: Record<string, unknown>) => {
  const found = (await app()
    .strapi.documents(uid as never)
    .findFirst({ filters, status: 'published' } as never)) as { documentId: string } | null;
  if (!found) throw new Error(`no published ${uid} matching ${JSON.stringify(filters)}`);
  return found.documentId;
};

/** Uploads a small text file and attaches it to the members-only resource (every locale: the field is not localized). */
const attachFile = async () => {
  const filepath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cop-upload-')), 'intake-checklist.txt');
  fs.writeFileSync(filepath, FILE_TEXT);
  const [file] = (await app()
    .strapi.plugin('upload')
    .service('upload')
    .upload({ data: {}, files: { filepath, originalFilename: 'intake-checklist.txt', mimetype: 'text/plain', size: FILE_TEXT.length } })) as Array<{
    id: number;
  }>;
  const documentId = await documentIdOf('api::resource.resource', { slug: MEMBERS_ONLY.slug });
  await app()
    .strapi.documents('api::resource.resource')
    .update({ documentId, locale: 'en', data: { file: file.id }, status: 'published' } as never);
  return { documentId, file };
};

const openPage = async (options: BrowserContextOptions = {}) => {
  const context = await web.browser.newContext({ locale: 'en-GB', viewport: DESKTOP, acceptDownloads: true, ...options });
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

const heading = (page: Page) => page.locator('h1').textContent();
const waitForHeading = (page: Page, text: string) => page.locator('h1', { hasText: text }).waitFor();

const signIn = async (page: Page, email: string) => {
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.locator('#signed-in-as').waitFor();
};

describe('document pages of the members’ site', () => {
  test.each([
    ['the public', null],
    ['a member', MEMBER.email],
  ])('%s walks from search to a resource, its German version, its organisation and a member', async (_who, email) => {
    const { page, errors, failures, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/?q=${encodeURIComponent('constitutional complaints climate legislation')}`);
    if (email) await signIn(page, email);
    await page.locator('#results a', { hasText: CLIMATE.en }).click();

    await waitForHeading(page, CLIMATE.en);
    expect(new URL(page.url()).pathname).toMatch(/^\/search\/resources\/\w+$/);
    expect(await page.locator('h1').getAttribute('lang')).toBe('en');
    const facts = page.locator('#resource .facts');
    await facts.locator('dd', { hasText: 'Guide' }).waitFor();
    await facts.locator('dd', { hasText: 'Germany' }).waitFor();
    expect(await facts.textContent()).toContain('Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)');
    expect(await facts.textContent()).toContain('Bundesverfassungsgericht');
    expect(await facts.locator('time').textContent()).toBe('2 September 2024');
    expect(await page.locator('#resource-url').getAttribute('href')).toBe(CLIMATE.url);
    expect(await page.locator('#resource .rich-text strong').first().textContent()).toBe('Standing and choosing complainants.');
    expect(await page.locator('#related-resources li').count()).toBeGreaterThan(0);
    const name = (file: string) => (email ? `${file}-signed-in` : file);
    await checkPageState(page, name('resource-en'));

    // The German version, from the language switch; the interface stays English.
    await page.locator('.document-languages a[hreflang="de"]').click();
    await waitForHeading(page, CLIMATE.de);
    expect(new URL(page.url()).searchParams.get('locale')).toBe('de');
    expect(await page.locator('h1').getAttribute('lang')).toBe('de');
    expect(await page.locator('.document-languages a[aria-current="true"]').getAttribute('hreflang')).toBe('de');

    // The authoring organisation, then one of its members with a public profile.
    await page.locator('#resource .facts a', { hasText: 'Klimarecht Kollektiv' }).click();
    await waitForHeading(page, 'Klimarecht Kollektiv');
    await page.locator('#organisation .facts dd', { hasText: /^NGO$/ }).waitFor();
    expect(await page.locator('#organisation-website').getAttribute('href')).toBe('https://klimarecht-kollektiv.example.org');
    await page.locator('#organisation-resources a', { hasText: CLIMATE.de }).waitFor();
    await checkPageState(page, name('organisation-en'));

    await page.locator('#organisation .facts a', { hasText: PUBLIC_PROFILE }).click();
    await waitForHeading(page, PUBLIC_PROFILE);
    expect(await page.locator('#member .facts').textContent()).toContain('Germany');
    await checkPageState(page, name('member-en'));

    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    await close();
  });

  test('the pages in German: names of vocabularies, dates and plurals in the interface language', async () => {
    const { page, errors, close } = await openPage({ locale: 'de-DE' });
    const resource = await documentIdOf('api::resource.resource', { slug: CLIMATE.slug });
    await page.goto(`${web.baseUrl}/search/resources/${resource}?locale=de`);
    await waitForHeading(page, CLIMATE.de);
    const facts = page.locator('#resource .facts');
    await facts.locator('dd', { hasText: 'Leitfaden' }).waitFor();
    await facts.locator('dd', { hasText: 'Deutschland' }).waitFor();
    expect(await facts.locator('time').textContent()).toBe('2. September 2024');
    expect(await page.locator('#resource-url').textContent()).toBe('Ressource öffnen');
    await checkPageState(page, 'resource-de');

    await page.locator('#resource .facts a', { hasText: 'Klimarecht Kollektiv' }).click();
    await waitForHeading(page, 'Klimarecht Kollektiv');
    expect(await page.locator('#organisation-resources-title').textContent()).toMatch(/^\d+ Ressource(n)?$/);
    await checkPageState(page, 'organisation-de');

    await page.locator('#organisation .facts a', { hasText: PUBLIC_PROFILE }).click();
    await waitForHeading(page, PUBLIC_PROFILE);
    expect(await page.locator('#member .facts').textContent()).toContain('Deutschland');
    await checkPageState(page, 'member-de');
    expect(errors).toEqual([]);
    await close();
  });

  test('a hidden profile has no page; a members’ profile is for members', async () => {
    const hidden = await documentIdOf('api::member.member', { displayName: HIDDEN_PROFILE });
    const membersOnly = await documentIdOf('api::member.member', { displayName: MEMBER.name });
    expect((await app().http().get(`/api/members/${hidden}`)).status).toBe(404);

    const { page, errors, failures, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/members/${hidden}`);
    await page.locator('[role=alert]', { hasText: 'This page does not exist, or it is for members only' }).waitFor();
    expect(await heading(page)).toBe('Member profile');
    expect(await page.textContent('main')).not.toContain(HIDDEN_PROFILE);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${web.baseUrl}/search/members/${membersOnly}`);
    await page.locator('[role=alert]', { hasText: 'sign in' }).waitFor();
    await signIn(page, MEMBER.email);
    await waitForHeading(page, MEMBER.name);

    // Signed in, a hidden profile still has no page.
    await page.goto(`${web.baseUrl}/search/members/${hidden}`);
    await page.locator('[role=alert]', { hasText: 'This page does not exist, or it is not visible to you.' }).waitFor();
    expect(await page.textContent('main')).not.toContain(HIDDEN_PROFILE);
    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    await close();
  });

  test('a members-only resource asks the public to sign in, then shows the resource and its file', async () => {
    const { documentId: resource, file } = await attachFile();
    const { page, errors, failures, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/resources/${resource}?locale=en`);
    const prompt = page.locator('.notice[role=alert]');
    await prompt.waitFor();
    expect(await page.textContent('main')).not.toContain(MEMBERS_ONLY.title);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The prompt's button leads to the sign-in form in the header.
    await prompt.locator('button').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-email');
    await signIn(page, MEMBER.email);
    await waitForHeading(page, MEMBERS_ONLY.title);

    const link = page.locator('#resource-file');
    expect(await link.textContent()).toBe('Download intake-checklist.txt');
    const href = (await link.getAttribute('href'))!;
    const answer = await app().http().get(href);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(FILE_TEXT);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('intake-checklist.txt');
    expect(fs.readFileSync((await download.path())!, 'utf8')).toBe(FILE_TEXT);
    await checkPageState(page, 'resource-members-only-en');
    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    await close();
    // The file goes from public/uploads with its record (the database goes with the app).
    await app().strapi.plugin('upload').service('upload').remove(file);
  });
});
