import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createAdminUser } from '../helpers/admin';
import { api } from '../helpers/api';
import { APP_DIR } from '../helpers/paths';
import { signInToAdmin, startBrowser } from '../helpers/browser';
import { useApp } from '../helpers/strapi';
import { createUser } from '../helpers/users';

/**
 * Issue 15's acceptance, in Debian's Chromium (playwright-core): an Editor takes a Community
 * Agreement version through its lifecycle in the admin panel, by clicking and typing, on the seeded
 * demo data (version 2 adopted, version 3 in consultation): a prepared draft goes to consultation with
 * a window, a member's suggestion on it is accepted, it is adopted and version 2 shows as superseded;
 * a draft moved straight to adopted shows the server's refusal and nothing is written.
 * The Document Service only prepares the drafts and checks the database after each step.
 */
const SCREENSHOTS = path.join(APP_DIR, '.tmp', 'admin-screenshots');
const VERSIONS = 'api::agreement-version.agreement-version';
const SUGGESTIONS = 'api::suggestion.suggestion';
/** Bound on every wait for the panel: generous, as the two cores are shared. */
const UI_TIMEOUT = 20_000;
const MEMBER_NAME = 'Orla Browserton';

const app = useApp('seeded', { serveAdminPanel: true });

let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
const pageErrors: string[] = [];

type VersionRow = {
  documentId: string;
  versionNumber: number;
  stage: string;
  consultationOpensAt: string | null;
  consultationClosesAt: string | null;
  adoptedAt: string | null;
};
const versionRow = async (versionNumber: number) =>
  (await app()
    .strapi.db.query(VERSIONS)
    .findOne({
      select: ['documentId', 'versionNumber', 'stage', 'consultationOpensAt', 'consultationClosesAt', 'adoptedAt', 'updatedAt'],
      where: { versionNumber, locale: 'en' },
    })) as VersionRow & { updatedAt: string };

/** A draft prepared as an editor would have left it: English, with one section. */
const prepareDraft = async (versionNumber: number) => {
  const created = await app()
    .strapi.documents(VERSIONS)
    .create({
      locale: 'en',
      data: {
        versionNumber,
        title: `Community Agreement (browser v${versionNumber})`,
        sections: [{ key: 'purpose', heading: 'Purpose', text: `We litigate together (v${versionNumber}).` }],
      },
    } as never);
  return (created as unknown as { documentId: string }).documentId;
};

const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
const editUrl = (uid: string, documentId: string, locale = true) =>
  `${baseUrl}/admin/content-manager/collection-types/${uid}/${documentId}${locale ? '?plugins[i18n][locale]=en' : ''}`;
const listUrl = (uid: string, locale = true) => `${baseUrl}/admin/content-manager/collection-types/${uid}${locale ? '?plugins[i18n][locale]=en' : ''}`;

/** Picks `option` in the select labelled `label`, as a person would: open it, click the option. */
const choose = async (label: string, option: string) => {
  const select = page.getByRole('combobox', { name: new RegExp(`^${label}`) });
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await seeText(select, option);
};

/**
 * Types a day into the date picker of the field labelled `label`, as the panel writes dates in its
 * language (the picker reads the digits in that order: 12/06/2026 in English, 06/12/2026 in French).
 */
const dateInput = (label: string) => page.getByRole('group', { name: label }).getByRole('combobox', { name: 'Choose date' });
const typeDate = async (label: string, day: Date) => {
  const input = dateInput(label);
  const text = await page.evaluate(
    (time) =>
      new Intl.DateTimeFormat(document.documentElement.lang || 'en', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
        new Date(time),
      ),
    day.getTime(),
  );
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(text);
  await input.press('Enter');
  await seeValue(input, text);
  return text;
};

/** Clicks the edit view's Save button; the caller waits for the notification that answers it. */
const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();

/** Waits (bounded) until the locator shows `text`, or has `value` as an input. */
const seeText = (locator: Locator, text: string | RegExp) =>
  waitUntil(
    async () => matches(await locator.innerText(), text),
    () => `${locator} to show ${text}`,
  );
const seeValue = (locator: Locator, value: string) =>
  waitUntil(
    async () => (await locator.inputValue()) === value,
    () => `${locator} to have the value ${value}`,
  );
const see = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT });

const matches = (actual: string, expected: string | RegExp) => (typeof expected === 'string' ? actual.trim() === expected : expected.test(actual));
const waitUntil = async (condition: () => Promise<boolean>, describe: () => string) => {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Waits for the database to show what the panel said it saved (the save's request has returned by then, but to be safe). */
const eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean, what: string) => {
  let last: T | undefined;
  await waitUntil(
    async () => {
      last = await read();
      return check(last);
    },
    () => `${what} (last seen ${JSON.stringify(last)})`,
  );
  return last as T;
};

beforeAll(async () => {
  ({ browser, baseUrl } = await startBrowser(app()));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const { email, password } = await createAdminUser(app(), 'strapi-editor');
  context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1440, height: 1000 } });
  context.setDefaultTimeout(UI_TIMEOUT);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signInToAdmin(page, baseUrl, { email, password });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const day = 86_400_000;
/** Midnight UTC of the day `offset` days from today (the pickers set a day; the time stays 00:00). */
const midnight = (offset: number) => {
  const date = new Date(Date.now() + offset * day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
};

test('an Editor takes a draft through consultation to adoption, accepting a suggestion; a skipped step is refused', async () => {
  try {
    await workflow();
  } catch (error) {
    // What the page showed when it failed, for a person to look at.
    await screenshot('failure').catch(() => undefined);
    throw error;
  }
}, 240_000);

const workflow = async () => {
  const before = await versionRow(2);
  expect(before.stage).toBe('adopted');
  const draft = await prepareDraft(4);
  const other = await prepareDraft(5);

  // 1. The draft to consultation, with its window typed into the date pickers.
  await page.goto(editUrl(VERSIONS, draft));
  await seeText(page.getByRole('combobox', { name: /^Stage/ }), 'draft');
  await seeValue(page.getByLabel('Title'), 'Community Agreement (browser v4)');
  await choose('Stage', 'consultation');
  const [opens, closes] = [midnight(-1), midnight(10)];
  const opensText = await typeDate('Consultation opens', opens);
  const closesText = await typeDate('Consultation closes', closes);
  await save();
  await see(page.getByText('Saved document'));
  await screenshot('agreement-version-consultation');
  const consulting = await eventually(
    () => versionRow(4),
    (row) => row.stage === 'consultation',
    'version 4 in consultation',
  );
  expect([new Date(consulting.consultationOpensAt!).toISOString(), new Date(consulting.consultationClosesAt!).toISOString()]).toEqual([
    opens.toISOString(),
    closes.toISOString(),
  ]);
  // Reloaded, the panel shows what was saved.
  await page.reload();
  await seeText(page.getByRole('combobox', { name: /^Stage/ }), 'consultation');
  await seeValue(dateInput('Consultation opens'), opensText);
  await seeValue(dateInput('Consultation closes'), closesText);

  // 2. A member suggests a change during the consultation; the editor accepts it.
  const member = await createUser(app(), 'authenticated', { displayName: MEMBER_NAME, visibility: 'public' });
  const suggested = await api(app(), member).post('/api/agreement-versions/number/4/suggestions', {
    data: { sectionKey: 'purpose', kind: 'replace', proposedText: 'We litigate together, and with care.', rationale: 'Care is part of how we work.' },
  });
  expect([suggested.status, suggested.body.data?.status]).toEqual([201, 'open']);
  const suggestion = suggested.body.data.documentId as string;

  await page.goto(listUrl(SUGGESTIONS, false));
  const row = page.getByRole('row').filter({ hasText: MEMBER_NAME });
  await row.waitFor();
  await screenshot('suggestions-list');
  await row.locator('td').filter({ hasText: 'purpose' }).first().click();
  await page.waitForURL(new RegExp(`/collection-types/${SUGGESTIONS.replace(/\./g, '\\.')}/${suggestion}`));
  await seeText(page.getByRole('combobox', { name: /^Decision/ }), 'open');
  await choose('Decision', 'accepted');
  await save();
  await see(page.getByText('Saved document'));
  await screenshot('suggestion-accepted');
  await eventually(
    async () =>
      (await app()
        .strapi.db.query(SUGGESTIONS)
        .findOne({ select: ['decision'], where: { documentId: suggestion } })) as { decision: string },
    (row) => row.decision === 'accepted',
    'the suggestion accepted',
  );

  // 3. The version adopted: version 2, adopted until now, is superseded, in the list too.
  await page.goto(editUrl(VERSIONS, draft));
  await seeText(page.getByRole('combobox', { name: /^Stage/ }), 'consultation');
  await choose('Stage', 'adopted');
  await save();
  await see(page.getByText('Saved document'));
  await eventually(
    () => versionRow(4),
    (row) => row.stage === 'adopted' && row.adoptedAt !== null,
    'version 4 adopted',
  );
  expect((await versionRow(2)).stage).toBe('superseded');
  const adopted = (await app()
    .strapi.db.query(VERSIONS)
    .findMany({ select: ['versionNumber'], where: { stage: 'adopted' } })) as Array<{ versionNumber: number }>;
  expect([...new Set(adopted.map((version) => version.versionNumber))]).toEqual([4]);

  await page.goto(listUrl(VERSIONS));
  await page.locator('table tbody tr').first().waitFor();
  const stageShown = async (versionNumber: number) => {
    const rows = await page
      .locator('table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())));
    return rows.find((cells) => cells.includes(String(versionNumber)))?.find((cell) => ['draft', 'consultation', 'adopted', 'superseded'].includes(cell));
  };
  await waitUntil(
    async () => (await stageShown(2)) === 'superseded',
    () => 'version 2 shown as superseded',
  );
  expect([await stageShown(1), await stageShown(2), await stageShown(3), await stageShown(4), await stageShown(5)]).toEqual([
    'superseded',
    'superseded',
    'consultation',
    'adopted',
    'draft',
  ]);
  await screenshot('agreement-versions-list');

  // 4. A step skipped: draft straight to adopted is refused with the server's message; nothing is written.
  const untouched = await versionRow(5);
  await page.goto(editUrl(VERSIONS, other));
  await seeText(page.getByRole('combobox', { name: /^Stage/ }), 'draft');
  await choose('Stage', 'adopted');
  await save();
  await see(page.getByText('Version 5 is draft: its stage can only move forward, draft → consultation → adopted'));
  await screenshot('agreement-version-refused');
  expect(await versionRow(5)).toEqual(untouched);
  expect((await versionRow(4)).stage).toBe('adopted');

  expect(pageErrors).toEqual([]);
};
