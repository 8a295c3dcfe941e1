import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { api } from '../helpers/api';
import { checkPageState, DESKTOP, useBrowser, watchPage } from '../helpers/browser';
import { useApp } from '../helpers/strapi';
import { createMembers, createUser, TEST_PASSWORD, type TestUser } from '../helpers/users';
import { createReadingGroup } from '../participation/reading-groups';
import { createWorkshop } from '../participation/workshops';

/**
 * The workshop and reading-group pages of the members' site (/search/workshops/:id,
 * /search/reading-groups/:id) in Debian's Chromium, as the public and as members, on the seeded
 * demo data: places, registering and cancelling, the waitlist, refusals, the calendar file,
 * joining and leaving; each page state checked for accessibility on a phone and a desktop.
 */
const app = useApp('seeded');

/** A public upcoming workshop of the demo data (src/seed/data/events.json). */
const SEEDED_WORKSHOP = 'Climate litigation after KlimaSeniorinnen';

const web = useBrowser(app);

const openPage = async (options: BrowserContextOptions = {}) => {
  const context = await web.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: DESKTOP, acceptDownloads: true, ...options });
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

const signIn = async (page: Page, email: string, password = TEST_PASSWORD) => {
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.locator('#signed-in-as').waitFor();
};

/** Tabs forward until `selector` has the focus; fails after `limit` presses. */
const tabTo = async (page: Page, selector: string, limit = 60) => {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} never got the focus`);
};

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The same page state in German, checked and photographed too, then back to English. */
const checkInGerman = async (page: Page, name: string, germanText: string) => {
  await page.locator('#ui-language').selectOption('de');
  await page.getByText(germanText).first().waitFor();
  await checkPageState(page, `${name}-de`);
  await page.locator('#ui-language').selectOption('en');
};

const statusText = (page: Page) => page.locator('#action-outcome').textContent();

const createResource = async (title: string) => {
  const suffix = randomBytes(4).toString('hex');
  const created = await app()
    .strapi.documents('api::resource.resource')
    .create({
      locale: 'en',
      data: { title, slug: `reading-${suffix}`, kind: 'guide', licence: 'CC-BY-4.0', visibility: 'public' },
      status: 'published',
    } as never);
  return created.documentId as string;
};

const createGroup = (options: { capacity: number; readings?: string[] }) =>
  createReadingGroup(app(), { ...options, visibility: 'public', description: 'We read one judgment a month.\nEveryone brings one question.' });

/** A member who signs in through the site's form (a profile, a password). */
const memberWithPassword = () => createUser(app(), 'authenticated', { visibility: 'members' });

describe('workshop page', () => {
  test('the public opens a workshop from the search results: its details and places, and a sign-in prompt instead of Register', async () => {
    const { page, errors, close } = await openPage({ timezoneId: 'America/New_York' });
    await page.goto(`${web.baseUrl}/search/?q=KlimaSeniorinnen`);
    // A recording of the same name is a resource: the workshop's result links to a workshop page.
    await page.locator('#results .result h3 a[href^="/search/workshops/"]', { hasText: SEEDED_WORKSHOP }).click();
    await page.waitForURL(/\/search\/workshops\/[a-z0-9]+\?locale=en$/);
    await page.locator('h1', { hasText: SEEDED_WORKSHOP }).waitFor();
    // The focus moves to the new page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const workshop = (await api(app()).get(`/api/workshops/${new URL(page.url()).pathname.split('/').pop()}`)).body.data;
    expect(await page.locator('#places').textContent()).toBe(`${workshop.places.left} places left of ${workshop.places.capacity}.`);
    // Both time zones: the visitor's (New York) and the workshop's own.
    expect(await page.locator('#time-yours').textContent()).toMatch(/Eastern/);
    expect(await page.locator('#time-theirs').textContent()).toBeTruthy();
    expect(await page.locator('#sign-in-prompt').textContent()).toContain('Members register for workshops: please sign in.');
    expect(await page.locator('#registration-action').count()).toBe(0);
    await checkPageState(page, 'workshop-public');
    await checkInGerman(page, 'workshop-public', 'Mitglieder melden sich für Workshops an');
    expect(await page.locator('#places').textContent()).toBe(`${workshop.places.left} places left of ${workshop.places.capacity}.`);

    // The sign-in prompt's button takes the visitor to the sign-in form.
    await page.locator('#sign-in-prompt button').click();
    expect(await focusedId(page)).toBe('sign-in-email');
    expect(errors).toEqual([]);
    await close();
  });

  test('a member registers by keyboard only, sees their state and the places change, keeps it after a reload, and cancels', async () => {
    const workshop = await createWorkshop(app(), { capacity: 20, visibility: 'members' });
    const member = await memberWithPassword();
    const { page, errors, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/workshops/${workshop}`);
    // Members-only: the public cannot tell it from a missing page, and is asked to sign in.
    await page.getByText('This page does not exist, or it is for members only').waitFor();
    await checkPageState(page, 'workshop-members-only-public');

    // Keyboard only: sign in, then register.
    await tabTo(page, '#sign-in-email');
    await page.keyboard.type(member.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#member-state', { hasText: 'You are not registered.' }).waitFor();
    expect(await page.locator('#places').textContent()).toBe('20 places left of 20.');
    await checkPageState(page, 'workshop-member');
    await tabTo(page, '#registration-action');
    expect(await page.locator('#registration-action').textContent()).toBe('Register');
    await page.keyboard.press('Enter');
    await page.locator('#action-outcome', { hasText: 'You are registered' }).waitFor();
    expect(await statusText(page)).toBe('You are registered: your place is confirmed. 19 places left of 20.');
    expect(await page.locator('#places').textContent()).toBe('19 places left of 20.');
    expect(await page.locator('#member-state').textContent()).toBe('You are registered: your place is confirmed.');
    // The focus stays on the control, which now undoes what was just done.
    expect(await focusedId(page)).toBe('registration-action');
    expect(await page.locator('#registration-action').textContent()).toBe('Cancel my registration');
    await checkPageState(page, 'workshop-registered');
    await checkInGerman(page, 'workshop-registered', 'Ihr Platz ist bestätigt');

    // The state is the API's: a reload reads it back.
    await page.reload();
    await page.locator('#member-state', { hasText: 'You are registered: your place is confirmed.' }).waitFor();

    // Add to calendar: the members-only workshop's file, asked for with the member's sign-in.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#add-to-calendar').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^Strategic litigation clinic [0-9a-f]+\.ics$/);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    expect(events[0].getFirstPropertyValue('summary')).toMatch(/^Strategic litigation clinic /);
    expect(events[0].getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events[0].getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    await page.locator('#calendar-outcome', { hasText: 'Calendar file saved' }).waitFor();

    await tabTo(page, '#registration-action');
    await page.keyboard.press('Enter');
    await page.locator('#action-outcome', { hasText: 'Your registration is cancelled.' }).waitFor();
    expect(await page.locator('#places').textContent()).toBe('20 places left of 20.');
    expect(await page.locator('#member-state').textContent()).toBe('You are not registered.');
    expect(await page.locator('#registration-action').textContent()).toBe('Register');
    expect(await focusedId(page)).toBe('registration-action');
    await checkPageState(page, 'workshop-cancelled');
    expect(errors).toEqual([]);
    await close();
  });

  test('a full workshop puts the member on the waitlist with their position', async () => {
    const workshop = await createWorkshop(app(), { capacity: 1, visibility: 'public' });
    const [holder] = await createMembers(app(), 1);
    await api(app(), holder).post(`/api/workshops/${workshop}/registrations`).expect(201);
    const member = await memberWithPassword();
    const { page, errors, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/workshops/${workshop}?locale=en`);
    await signIn(page, member.email);
    await page.locator('#registration-action', { hasText: 'Join the waitlist' }).click();
    await page.locator('#action-outcome', { hasText: 'waitlist' }).waitFor();
    expect(await statusText(page)).toBe('You are on the waitlist, position 1. No places left. 1 person on the waitlist.');
    expect(await page.locator('#member-state').textContent()).toBe('You are on the waitlist, position 1.');
    expect(await page.locator('#registration-action').textContent()).toBe('Leave the waitlist');
    await checkPageState(page, 'workshop-waitlisted');
    await checkInGerman(page, 'workshop-waitlisted', 'Warteliste, Position 1');

    // The place frees up: the next reading shows the member confirmed.
    await api(app(), holder).delete(`/api/workshops/${workshop}/registrations`).expect(200);
    await page.reload();
    await page.locator('#member-state', { hasText: 'You are registered: your place is confirmed.' }).waitFor();
    expect(await page.locator('#places').textContent()).toBe('No places left.');
    expect(errors).toEqual([]);
    await close();
  });

  test('a closed workshop and one not open yet refuse with the reason; nothing changes', async () => {
    const closed = await createWorkshop(app(), { visibility: 'public', opensInDays: -5, closesInDays: -1 });
    const notYet = await createWorkshop(app(), { visibility: 'public', opensInDays: 3 });
    const member = await memberWithPassword();
    const { page, errors, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/workshops/${closed}`);
    await signIn(page, member.email);
    await page.getByText('Registration is closed.').waitFor();
    await page.locator('#registration-action', { hasText: 'Register' }).click();
    await page.locator('#action-refusal', { hasText: 'Registration closed on' }).waitFor();
    expect(await page.locator('#member-state').textContent()).toBe('You are not registered.');
    expect(await page.locator('#places').textContent()).toBe('20 places left of 20.');
    expect(await focusedId(page)).toBe('registration-action');
    await checkPageState(page, 'workshop-closed');
    await checkInGerman(page, 'workshop-closed', 'Die Anmeldung ist geschlossen.');

    await page.goto(`${web.baseUrl}/search/workshops/${notYet}`);
    await page.locator('#registration-action', { hasText: 'Register' }).click();
    await page.locator('#action-refusal', { hasText: 'Registration is not open yet: it opens on' }).waitFor();
    await checkPageState(page, 'workshop-not-open-yet');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('reading group page', () => {
  let resource: string;
  let member: TestUser;

  beforeAll(async () => {
    resource = await createResource('Guide to reading Strasbourg judgments');
    member = await memberWithPassword();
  });

  test('the public sees the sessions, their readings linked to resource pages, the places, and a sign-in prompt', async () => {
    const group = await createGroup({ capacity: 2, readings: [resource] });
    const { page, errors, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/reading-groups/${group.documentId}`);
    await page.locator('h1', { hasText: group.name }).waitFor();
    expect(await page.locator('#places').textContent()).toBe('2 places left of 2.');
    const reading = page.locator('.session a', { hasText: 'Guide to reading Strasbourg judgments' });
    expect(await reading.getAttribute('href')).toBe(`/search/resources/${resource}?locale=en`);
    expect(await page.locator('#sign-in-prompt').textContent()).toContain('Members join reading groups: please sign in.');
    await checkPageState(page, 'reading-group-public');
    await checkInGerman(page, 'reading-group-public', 'Lektüre');
    expect(errors).toEqual([]);
    await close();
  });

  test('a member joins and leaves, seeing their state and the places; a full group refuses with the reason', async () => {
    const group = await createGroup({ capacity: 2, readings: [resource] });
    const { page, errors, close } = await openPage();
    await page.goto(`${web.baseUrl}/search/reading-groups/${group.documentId}`);
    await signIn(page, member.email);
    await page.locator('#member-state', { hasText: 'You do not take part in this reading group.' }).waitFor();
    await tabTo(page, '#participation-action');
    await page.keyboard.press('Enter');
    await page.locator('#action-outcome', { hasText: 'You joined the reading group.' }).waitFor();
    expect(await statusText(page)).toBe('You joined the reading group. 1 place left of 2.');
    expect(await page.locator('#places').textContent()).toBe('1 place left of 2.');
    expect(await page.locator('#participation-action').textContent()).toBe('Leave the group');
    expect(await focusedId(page)).toBe('participation-action');
    await checkPageState(page, 'reading-group-joined');
    await checkInGerman(page, 'reading-group-joined', 'Sie nehmen an dieser Lesegruppe teil.');

    await page.reload();
    await page.locator('#member-state', { hasText: 'You take part in this reading group.' }).waitFor();
    await page.locator('#participation-action').click();
    await page.locator('#action-outcome', { hasText: 'You left the reading group. 2 places left of 2.' }).waitFor();
    expect(await page.locator('#member-state').textContent()).toBe('You do not take part in this reading group.');

    const full = await createGroup({ capacity: 1 });
    const [other] = await createMembers(app(), 1);
    await api(app(), other).post(`/api/reading-groups/${full.documentId}/participants`).expect(201);
    await page.goto(`${web.baseUrl}/search/reading-groups/${full.documentId}`);
    await page.locator('#participation-action', { hasText: 'Join the group' }).click();
    await page.locator('#action-refusal', { hasText: 'This reading group is full.' }).waitFor();
    expect(await page.locator('#places').textContent()).toBe('No places left.');
    await checkPageState(page, 'reading-group-full');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('plural forms', () => {
  test('places and waitlists in Polish follow one, few and many', async () => {
    const workshop = await createWorkshop(app(), { capacity: 25, visibility: 'public' });
    const { page, close } = await openPage({ locale: 'pl-PL' });
    await page.goto(`${web.baseUrl}/search/workshops/${workshop}`);
    await page.locator('#places', { hasText: 'Zostało 25 miejsc z 25.' }).waitFor();
    const members = await createMembers(app(), 3);
    for (const member of members) await api(app(), member).post(`/api/workshops/${workshop}/registrations`).expect(201);
    await page.reload();
    await page.locator('#places', { hasText: 'Zostały 22 miejsca z 25.' }).waitFor();
    await close();
  });
});
