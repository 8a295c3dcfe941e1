import { api } from '../helpers/api';
import { checkPageState, DESKTOP, expectFocusOn, useBrowser, watchPage } from '../helpers/browser';
import { startSignedIn } from '../helpers/site-session';
import { useApp } from '../helpers/strapi';
import { createMembers, type TestUser } from '../helpers/users';
import { createReadingGroup } from '../participation/reading-groups';
import { createWorkshop } from '../participation/workshops';

/**
 * "My commitments" (/search/me/commitments) in Debian's Chromium: a member's workshop
 * registrations (cancelled there), the reading groups they take part in (left there), and their
 * personal calendar feed (created, copied, rotated, revoked); each state checked for accessibility
 * on a phone and a desktop.
 */
const app = useApp('seeded');
const web = useBrowser(app);

const openPage = async (who: TestUser) => {
  const context = await web.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris', viewport: DESKTOP });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.baseUrl });
  await startSignedIn(context, { jwt: who.jwt, name: who.email });
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

const titleOf = async (workshop: string) =>
  (await app()
    .strapi.documents('api::workshop.workshop')
    .findOne({ documentId: workshop, locale: 'en', fields: ['title', 'startsAt'] } as never)) as unknown as {
    title: string;
    startsAt: string;
  };

/** The calendar feed at `url`, fetched from the test server (the URL names the app's configured address). */
const fetchFeed = (url: string) => {
  const { pathname, search } = new URL(url);
  return fetch(`${web.baseUrl}${pathname}${search}`);
};

test('the public is asked to sign in', async () => {
  const context = await web.browser.newContext({ locale: 'en-GB', viewport: DESKTOP });
  const page = await context.newPage();
  const { errors, failures } = watchPage(page);
  await page.goto(`${web.baseUrl}/search/me/commitments`);
  await page.locator('#sign-in-prompt', { hasText: 'Please sign in to see your commitments.' }).waitFor();
  await page.locator('#sign-in-prompt button').click();
  await expectFocusOn(page, 'sign-in-email');
  await checkPageState(page, 'my-commitments-public');
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await context.close();
});

test('a member finds their registrations, upcoming first, and cancels one there', async () => {
  const [member] = await createMembers(app(), 1);
  const later = await createWorkshop(app(), { startsInDays: 40 });
  const sooner = await createWorkshop(app(), { startsInDays: 10 });
  const dropped = await createWorkshop(app(), { startsInDays: 20 });
  for (const workshop of [later, sooner, dropped]) await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);
  await api(app(), member).delete(`/api/workshops/${dropped}/registrations`).expect(200);

  const { page, errors, failures, close } = await openPage(member);
  await page.goto(`${web.baseUrl}/search/me/commitments`);
  await page.locator('#upcoming-registrations').waitFor();
  expect(await page.locator('#my-space-nav a[aria-current="page"]').textContent()).toBe('My commitments');
  const items = page.locator('#upcoming-registrations > li');
  expect(await items.count()).toBe(2);
  const [soonerWorkshop, laterWorkshop, droppedWorkshop] = await Promise.all([titleOf(sooner), titleOf(later), titleOf(dropped)]);
  // Upcoming first: the sooner one on top, each linking to its page, with its time in the member's zone and its state.
  expect(await items.nth(0).locator('h4 a').textContent()).toBe(soonerWorkshop.title);
  expect(await items.nth(0).locator('h4 a').getAttribute('href')).toBe(`/search/workshops/${sooner}`);
  expect(await items.nth(1).locator('h4 a').textContent()).toBe(laterWorkshop.title);
  const expectedDate = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone: 'Europe/Paris' }).format(new Date(soonerWorkshop.startsAt));
  expect(await items.nth(0).locator('.when').textContent()).toContain(expectedDate);
  expect(await items.nth(0).locator('.state').textContent()).toBe('Registered: your place is confirmed.');
  expect(await page.locator('.my-commitments').textContent()).toContain('Times are shown in your time zone (Europe/Paris).');
  // The cancelled registration is apart, in a closed group that says how many it holds.
  expect(await page.locator('#cancelled-group > summary').textContent()).toBe('Cancelled registrations (1)');
  expect(await page.locator('#cancelled-registrations h4').textContent()).toBe(droppedWorkshop.title);
  await checkPageState(page, 'my-commitments-registrations');

  // Cancelling: the result is announced and takes the focus; the registration moves to the cancelled ones.
  await items.nth(0).locator('button', { hasText: 'Cancel my registration' }).click();
  await page.locator('#workshops-result', { hasText: 'Your registration is cancelled.' }).waitFor();
  await expectFocusOn(page, 'workshops-result');
  await page.locator('#cancelled-group > summary', { hasText: 'Cancelled registrations (2)' }).waitFor();
  expect(await items.count()).toBe(1);
  await page.locator('#cancelled-group > summary').click();
  expect(await page.locator('#cancelled-registrations .state').allTextContents()).toEqual(['Cancelled.', 'Cancelled.']);
  expect(await page.locator('#cancelled-registrations button').count()).toBe(0);
  const own = (await api(app(), member).get(`/api/registrations?filters[workshop][documentId][$eq]=${sooner}&fields[0]=state`).expect(200)).body.data;
  expect(own.map((registration: { state: string }) => registration.state)).toEqual(['cancelled']);
  await checkPageState(page, 'my-commitments-cancelled');
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});

test('a member finds the reading group they joined and leaves it there', async () => {
  const [member] = await createMembers(app(), 1);
  const group = await createReadingGroup(app());
  await api(app(), member).post(`/api/reading-groups/${group.documentId}/participants`).expect(201);

  const { page, errors, failures, close } = await openPage(member);
  await page.goto(`${web.baseUrl}/search/me/commitments`);
  const item = page.locator(`#group-${group.documentId}`);
  await item.waitFor();
  expect(await item.locator('h3 a').textContent()).toBe(group.name);
  expect(await item.locator('h3 a').getAttribute('href')).toBe(`/search/reading-groups/${group.documentId}?locale=en`);
  expect(await item.locator('.when').textContent()).toMatch(/^Next session: /);
  await checkPageState(page, 'my-commitments-group');

  await item.locator('button', { hasText: 'Leave the group' }).click();
  await page.locator('#groups-result', { hasText: 'You left the reading group.' }).waitFor();
  await page.locator('#no-groups').waitFor();
  expect((await api(app(), member).get(`/api/reading-groups/${group.documentId}/participants`)).status).toBe(403);
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});

test('a member creates their calendar feed, copies it, rotates it (the old address stops working) and revokes it', async () => {
  const [member] = await createMembers(app(), 1);
  const workshop = await createWorkshop(app(), { startsInDays: 15 });
  await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);
  const { title } = await titleOf(workshop);

  const { page, errors, failures, close } = await openPage(member);
  await page.goto(`${web.baseUrl}/search/me/commitments`);
  await page.locator('#feed-state', { hasText: 'You have no calendar feed.' }).waitFor();
  await checkPageState(page, 'my-commitments-feed-none');

  await page.locator('#create-feed').click();
  await page.locator('#feed-outcome', { hasText: 'Your calendar feed is created' }).waitFor();
  const first = await page.locator('#feed-url').inputValue();
  expect(first).toMatch(/\/api\/workshops\/calendar\.ics\?token=/);
  await expectFocusOn(page, 'feed-url');
  expect(await page.locator('#feed-url').getAttribute('readonly')).not.toBeNull();
  expect(await page.locator('#feed-once').textContent()).toContain('This address is shown only now');
  expect(await page.locator('#webcal-link').getAttribute('href')).toBe(first.replace(/^https?:\/\//, 'webcal://'));
  expect(await page.locator('#feed-state').textContent()).toMatch(/^You have a calendar feed, created on /);
  const feed = await fetchFeed(first);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
  expect(await feed.text()).toContain(title.slice(0, 30));

  await page.locator('#copy-feed').click();
  await page.locator('#copy-outcome', { hasText: 'The address is copied.' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await checkPageState(page, 'my-commitments-feed-created');

  // After a reload the address cannot be shown again; the feed's date is.
  await page.reload();
  await page.locator('#feed-state', { hasText: 'You have a calendar feed, created on' }).waitFor();
  expect(await page.locator('#feed-url').count()).toBe(0);
  expect(await page.locator('#rotate-note').textContent()).toContain('the current address stops working at once');

  await page.locator('#rotate-feed').click();
  await page.locator('#feed-outcome', { hasText: 'A new address is issued; the previous one no longer works.' }).waitFor();
  const second = await page.locator('#feed-url').inputValue();
  expect(second).not.toBe(first);
  expect([404, 410]).toContain((await fetchFeed(first)).status);
  expect((await fetchFeed(second)).status).toBe(200);
  await checkPageState(page, 'my-commitments-feed-rotated');

  // Revoking asks first; "No" keeps it, "Yes" revokes it.
  await page.locator('#revoke-feed').click();
  await expectFocusOn(page, 'revoke-no');
  await checkPageState(page, 'my-commitments-feed-confirm');
  await page.locator('#revoke-no').click();
  await expectFocusOn(page, 'revoke-feed');
  expect((await fetchFeed(second)).status).toBe(200);
  await page.locator('#revoke-feed').click();
  await page.locator('#revoke-yes').click();
  await page.locator('#feed-outcome', { hasText: 'Your calendar feed is revoked' }).waitFor();
  expect(await page.locator('#feed-state').textContent()).toBe('You have no calendar feed.');
  expect(await page.locator('#feed-url').count()).toBe(0);
  expect([404, 410]).toContain((await fetchFeed(second)).status);
  await expectFocusOn(page, 'create-feed');
  await checkPageState(page, 'my-commitments-feed-revoked');
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});
