import fs from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { api } from '../helpers/api';
import { checkPageState, DESKTOP, expectFocusOn, useBrowser, watchPage } from '../helpers/browser';
import { startSignedIn } from '../helpers/site-session';
import { useApp } from '../helpers/strapi';
import { createUser, TEST_PASSWORD, type TestUser } from '../helpers/users';

/**
 * "My space" of the members' site in Debian's Chromium: the own profile (/search/me) created,
 * saved and read back, its errors, the member's name in the header, downloading one's data and
 * deleting one's account; who-to-ask and member pages with each person's contact. Every state is
 * checked for accessibility on a phone and a desktop.
 */
const app = useApp('seeded');
const web = useBrowser(app);
/** A skill of the demo data (src/seed/data/skills.json). */
const SKILL = 'echr-litigation';

const openPage = async (options: BrowserContextOptions = {}, member?: { jwt: string; name: string }) => {
  const context = await web.browser.newContext({ locale: 'en-GB', viewport: DESKTOP, acceptDownloads: true, ...options });
  if (member) await startSignedIn(context, member);
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

const signIn = async (page: Page, email: string, password = TEST_PASSWORD) => {
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-form button[type=submit]').click();
};

const tick = async (page: Page, field: 'countries' | 'languages', filter: string, code: string) => {
  await page.locator(`#profile-${field}-filter`).fill(filter);
  await page.locator(`#profile-${field} input[type=checkbox][value="${code}"]`).check();
};

const checkedCodes = (page: Page, field: 'countries' | 'languages') =>
  page.locator(`#profile-${field} input[type=checkbox]:checked`).evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value).sort());

describe('My profile', () => {
  let member: TestUser;
  beforeAll(async () => {
    member = await createUser(app(), 'authenticated', false);
  });

  test('the public is asked to sign in, and sees no "My space"', async () => {
    const { page, errors, failures, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/me`);
    await page.getByText('This page is for members: please sign in to see it.').waitFor();
    expect(await page.locator('#views a[href="/search/me"]').count()).toBe(0);
    expect(await page.locator('#profile-form').count()).toBe(0);
    await checkPageState(page, 'my-profile-public');
    expect({ errors, failures }).toEqual({ errors: [], failures: [] });
    await close();
  });

  test('a member without a profile signs in, creates it, sees their name in the header, reloads and finds everything', async () => {
    const { page, errors, failures, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/me`);
    await signIn(page, member.email);
    // No profile yet: the header names the account, and the form is empty, hidden by default.
    await page.locator('#signed-in-as', { hasText: /Signed in as member-/ }).waitFor();
    await page.locator('#profile-new').waitFor();
    expect(await page.locator('#my-space-nav a[aria-current="page"]').textContent()).toBe('My profile');
    expect(await page.locator('#views a[href="/search/me"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('#profile-displayName').inputValue()).toBe('');
    expect(await page.locator('#profile-visibility-hidden').isChecked()).toBe(true);
    expect(await page.locator('#profile-contactRoute-none').isChecked()).toBe(true);
    await checkPageState(page, 'my-profile-new');

    await page.locator('#profile-displayName').fill('Maria Kowalska');
    await tick(page, 'countries', 'Poland', 'PL');
    await tick(page, 'countries', 'germ', 'DE');
    await tick(page, 'languages', 'Polish', 'pl');
    await tick(page, 'languages', 'English', 'en');
    expect(await page.locator('#profile-countries-chosen').textContent()).toBe('Chosen: Germany and Poland.');
    await page.locator('#profile-bio').fill('Strategic litigation on housing rights.');
    await page.locator('#profile-bio-locale').selectOption('pl');
    await page.locator('#profile-bio[lang="pl"]').waitFor();
    expect(await page.locator('#profile-bio').inputValue()).toBe('');
    await page.locator('#profile-bio').fill('Spory strategiczne o prawo do mieszkania.');
    await page.locator('#profile-visibility-members').check();
    await page.locator('#profile-openToQuestions').check();
    await page.locator('#profile-contactRoute-message').check();
    await page.locator('#profile-save').click();
    await page.locator('#profile-saved', { hasText: 'Your profile is saved.' }).waitFor();
    await page.locator('#signed-in-as', { hasText: 'Signed in as Maria Kowalska.' }).waitFor();
    await checkPageState(page, 'my-profile-saved');

    await page.reload();
    await page.locator('#profile-form').waitFor();
    expect(await page.locator('#profile-new').count()).toBe(0);
    expect(await page.locator('#signed-in-as').textContent()).toContain('Maria Kowalska');
    expect(await page.locator('#profile-displayName').inputValue()).toBe('Maria Kowalska');
    expect(await checkedCodes(page, 'countries')).toEqual(['DE', 'PL']);
    expect(await checkedCodes(page, 'languages')).toEqual(['en', 'pl']);
    expect(await page.locator('#profile-bio').inputValue()).toBe('Strategic litigation on housing rights.');
    expect(await page.locator('#profile-visibility-members').isChecked()).toBe(true);
    expect(await page.locator('#profile-openToQuestions').isChecked()).toBe(true);
    expect(await page.locator('#profile-canMentor').isChecked()).toBe(false);
    expect(await page.locator('#profile-contactRoute-message').isChecked()).toBe(true);
    await page.locator('#profile-bio-locale').selectOption('pl');
    await page.locator('#profile-bio[lang="pl"]:not([readonly])').waitFor();
    expect(await page.locator('#profile-bio').inputValue()).toBe('Spory strategiczne o prawo do mieszkania.');

    // The API holds the same: the shared fields once, each bio in its locale.
    const en = (await api(app(), member).get('/api/members/me?locale=en')).body.data;
    expect(en).toMatchObject({ displayName: 'Maria Kowalska', visibility: 'members', openToQuestions: true, contactRoute: 'message' });
    expect((await api(app(), member).get('/api/members/me?locale=pl')).body.data.bio).toBe('Spory strategiczne o prawo do mieszkania.');
    expect({ errors, failures }).toEqual({ errors: [], failures: [] });
    await close();
  });

  test('an empty display name is not saved: the error is next to the field, which gets the focus', async () => {
    const { page, errors, failures, close } = await openPage({}, { jwt: member.jwt, name: 'someone' });
    await page.goto(`${web.baseUrl}/search/me`);
    await page.locator('#profile-displayName').fill('  ');
    await page.locator('#profile-save').click();
    await page.locator('#profile-displayName-error', { hasText: 'Enter a display name.' }).waitFor();
    expect(await page.locator('#profile-displayName').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#profile-displayName').getAttribute('aria-describedby')).toContain('profile-displayName-error');
    await expectFocusOn(page, 'profile-displayName');
    expect(await page.locator('#profile-failure').textContent()).toContain('was not saved');
    await checkPageState(page, 'my-profile-error');
    // What the API refuses shows next to the field it names too: a right-to-left override would
    // reorder the name wherever it is listed, and only the server knows that rule.
    await page.locator('#profile-displayName').fill('Maria \u202EKowalska');
    await page.locator('#profile-save').click();
    await page.locator('#profile-displayName-error', { hasText: 'This was not accepted' }).waitFor();
    expect(await page.locator('#profile-displayName').getAttribute('aria-invalid')).toBe('true');
    await expectFocusOn(page, 'profile-displayName');
    // Nothing was written.
    expect((await api(app(), member).get('/api/members/me')).body.data.displayName).toBe('Maria Kowalska');
    expect({ errors, failures }).toEqual({ errors: [], failures: [] });
    await close();
  });

  test('the member downloads their data as JSON, then deletes their account after confirming, and can no longer sign in', async () => {
    const { page, errors, failures, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/me`);
    // Signing in with a profile: the header names the member by their display name, not their e-mail.
    await signIn(page, member.email);
    await page.locator('#signed-in-as', { hasText: 'Signed in as Maria Kowalska.' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-data').click()]);
    expect(download.suggestedFilename()).toBe('my-community-of-practice-data.json');
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(JSON.stringify(exported)).toContain('Maria Kowalska');
    await page.locator('#export-outcome', { hasText: 'my-community-of-practice-data.json' }).waitFor();

    await page.locator('#delete-account').click();
    await page.locator('#delete-confirm').waitFor();
    await expectFocusOn(page, 'delete-confirm-title');
    const explained = await page.locator('#delete-confirm').textContent();
    for (const words of ['waitlist', 'without your name', 'cannot be undone', 'can no longer sign in']) expect(explained).toContain(words);
    await checkPageState(page, 'my-profile-delete-confirm');
    // Not without ticking the box.
    await page.locator('#delete-confirm-button').click();
    await page.locator('#delete-understood-error', { hasText: 'Tick the box' }).waitFor();
    expect(await page.locator('#delete-understood').getAttribute('aria-invalid')).toBe('true');
    expect((await api(app(), member).get('/api/members/me')).status).toBe(200);

    await page.locator('#delete-understood').check();
    await page.locator('#delete-confirm-button').click();
    await page.locator('#account-deleted').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Account deleted');
    await page.locator('#sign-in-form').waitFor();
    await checkPageState(page, 'my-profile-deleted');

    await signIn(page, member.email);
    await page.locator('#sign-in-error', { hasText: /./ }).waitFor();
    expect(await page.locator('#signed-in-as').count()).toBe(0);
    expect({ errors, failures }).toEqual({ errors: [], failures: [] });
    await close();
  });
});

describe('contacting members', () => {
  let writer: TestUser;
  let byMessage: TestUser;
  let byEmail: TestUser;
  let silent: TestUser;
  beforeAll(async () => {
    const expert = (displayName: string) =>
      createUser(app(), 'authenticated', { displayName, visibility: 'members', openToQuestions: true, languages: ['en'] });
    [writer, byMessage, byEmail, silent] = await Promise.all([expert('Writing Member'), expert('Ada Message'), expert('Bea Email'), expert('Cy Silent')]);
    for (const [member, contactRoute] of [
      [writer, 'message'],
      [byMessage, 'message'],
      [byEmail, 'email'],
      [silent, 'none'],
    ] as const) {
      expect((await api(app(), member).put('/api/members/me', { data: { contactRoute } })).status).toBe(200);
      expect((await api(app(), member).put('/api/skills-mapping/me/claims', { data: [{ skill: SKILL, level: 4, openToQuestions: true }] })).status).toBe(200);
    }
  });

  test('who to ask links each person to their profile, shows how to contact them, and never lists the caller', async () => {
    const { page, errors, failures, close } = await openPage({}, { jwt: writer.jwt, name: 'Writing Member' });
    await page.goto(`${web.baseUrl}/search/?view=experts&skill=${SKILL}`);
    const item = (name: string) => page.locator('#experts-list li', { hasText: name });
    await item('Ada Message').waitFor();
    expect(await page.locator('#experts-list').textContent()).not.toContain('Writing Member');
    expect(await item('Ada Message').locator(`a[href="/search/members/${byMessage.memberId}"]`).textContent()).toBe('Ada Message');
    expect(await item('Bea Email').locator('a[href^="mailto:"]').getAttribute('href')).toBe(`mailto:${byEmail.email}`);
    expect(await item('Cy Silent').locator('a[href^="mailto:"], button').count()).toBe(0);

    // Writing through the platform: the form opens, checks its fields, sends.
    const toggle = item('Ada Message').getByRole('button', { name: 'Write to Ada Message' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const subject = page.locator(`#write-${byMessage.memberId}-subject`);
    await expectFocusOn(page, `write-${byMessage.memberId}-subject`);
    await item('Ada Message').getByRole('button', { name: 'Send' }).click();
    await page.locator(`#write-${byMessage.memberId}-subject-error`, { hasText: 'Enter a subject.' }).waitFor();
    expect(await subject.getAttribute('aria-invalid')).toBe('true');
    await checkPageState(page, 'who-to-ask-write');
    await subject.fill('A question on Article 8');
    await page.locator(`#write-${byMessage.memberId}-message`).fill('Could we talk about an eviction case next week?');
    await item('Ada Message').getByRole('button', { name: 'Send' }).click();
    await item('Ada Message').getByText('Your message to Ada Message was sent.').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await checkPageState(page, 'who-to-ask-sent');
    // More than 10 messages a day: the API's 429 is said in words (nine more sent, as the database counts them).
    const sentAt = new Date();
    for (let sent = 1; sent < 10; sent += 1)
      await app()
        .strapi.db.query('api::member.message')
        .create({ data: { sender: writer.id, recipient: byMessage.id, sentAt } });
    await toggle.click();
    await subject.fill('Another question');
    await page.locator(`#write-${byMessage.memberId}-message`).fill('And one more thing.');
    await item('Ada Message').getByRole('button', { name: 'Send' }).click();
    await item('Ada Message').getByText('You have sent the most messages allowed in a day (10)').waitFor();
    expect({ errors, failures }).toEqual({ errors: [], failures: [] });
    await close();
  });

  test("a member's page shows how to contact them to members", async () => {
    const { page, errors, failures, close } = await openPage({}, { jwt: writer.jwt, name: 'Writing Member' });
    await page.goto(`${web.baseUrl}/search/members/${byEmail.memberId}`);
    await page.locator('.member-contact a[href^="mailto:"]').waitFor();
    expect(await page.locator('.member-contact a').textContent()).toBe(byEmail.email);
    await page.goto(`${web.baseUrl}/search/members/${byMessage.memberId}`);
    await page.getByRole('button', { name: 'Write to Ada Message' }).waitFor();
    await checkPageState(page, 'member-contact');
    expect({ errors, failures }).toEqual({ errors: [], failures: [] });
    await close();
  });
});
