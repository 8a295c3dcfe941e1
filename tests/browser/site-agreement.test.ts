import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import agreement from '../../src/seed/data/agreement.json';
import { seriousAccessibilityViolations } from '../helpers/accessibility';
import { useBrowser, watchPage } from '../helpers/browser';
import { APP_DIR } from '../helpers/paths';
import { useApp } from '../helpers/strapi';
import { createAccount, TEST_PASSWORD, type Role } from '../helpers/users';

/**
 * The members' site's Community Agreement page (/search/agreement) in Debian's Chromium, on the
 * seeded demo data: version 1 superseded, 2 adopted (the current one), 3 in consultation now;
 * translated into English, German and French only.
 */
const app = useApp('seeded');
const ARTIFACTS = path.join(APP_DIR, 'tests', 'artifacts', 'site');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;
const [, adopted, inConsultation] = agreement.versions;

const web = useBrowser(app);

beforeAll(() => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

const openPage = async (language: 'en' | 'de' | 'it', options: BrowserContextOptions = {}) => {
  const locale = { en: 'en-GB', de: 'de-DE', it: 'it-IT' }[language];
  const context = await web.browser.newContext({ locale, viewport: VIEWPORTS.desktop, ...options });
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

/**
 * A page state, checked and recorded at phone and desktop width: no serious accessibility
 * violation, nothing wider than the screen, and a screenshot named after the state.
 */
const checkState = async (page: Page, name: string) => {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    expect({ state: name, width, violations: await seriousAccessibilityViolations(page) }).toEqual({ state: name, width, violations: [] });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: path.join(ARTIFACTS, `agreement-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
};

/** An account with a member profile (of `organisation`, a slug), to sign in with through the page's form. */
const memberAccount = async (role: Role, organisation?: string) => {
  const account = await createAccount(app(), role);
  const organisationId = organisation
    ? (
        (await app()
          .strapi.db.query('api::organisation.organisation')
          .findOne({ select: ['documentId'], where: { slug: organisation, locale: 'en' } })) as {
          documentId: string;
        }
      ).documentId
    : undefined;
  const member = await app()
    .strapi.documents('api::member.member')
    .create({
      locale: 'en',
      data: { displayName: `Member ${account.suffix}`, visibility: 'members', user: account.id, organisation: organisationId },
    } as never);
  return { ...account, memberId: member.documentId, organisationId };
};

const signIn = async (page: Page, email: string) => {
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(TEST_PASSWORD);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.locator('#signed-in-as').waitFor();
};

const heading = (page: Page) => page.locator('main h1');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('reading the agreement', () => {
  test.each(['en', 'de'] as const)('the current version in %s, with its status, endorsements and all versions', async (language) => {
    const { page, errors, failures, close } = await openPage(language);
    await page.goto(`${web.baseUrl}/search/agreement`);
    await heading(page).filter({ hasText: adopted.title[language] }).waitFor();
    expect(await heading(page).getAttribute('lang')).toBe(language);
    expect(await page.locator('#agreement-meta').textContent()).toContain(language === 'de' ? 'Angenommen' : 'Adopted');
    expect(await page.locator('#agreement-text .agreement-section h2').allTextContents()).toEqual(
      adopted.sections[language].map((section, index) => `${index + 1}. ${section.heading}`),
    );
    // German is a translation: it says so and links to the English text; English is the original.
    expect(await page.locator('#agreement-translation').count()).toBe(language === 'de' ? 1 : 0);
    expect(await page.locator('#agreement-fallback').count()).toBe(0);
    const endorsed = agreement.endorsements.filter((endorsement) => endorsement.versionNumber === 2).map((endorsement) => endorsement.organisation);
    expect((await page.locator('#endorsement-list li').evaluateAll((items) => items.map((item) => item.getAttribute('data-organisation')))).sort()).toEqual(
      endorsed.sort(),
    );
    expect(await page.locator('#version-list li').evaluateAll((items) => items.map((item) => item.getAttribute('data-version')))).toEqual(['3', '2', '1']);
    expect(await page.locator('#version-list a[aria-current="page"]').textContent()).toBe(`Version ${adopted.versionNumber}`);
    // The public reads the adopted version without any form to fill.
    expect(await page.locator('.agreement-suggest, #endorse-form').count()).toBe(0);
    await checkState(page, `current-${language}`);
    if (language === 'de') {
      // The English original is a link away, and the member's language one link back.
      await page.locator('#agreement-translation a').click();
      await heading(page).filter({ hasText: adopted.title.en }).waitFor();
      await page.getByRole('link', { name: 'Auf Deutsch lesen' }).click();
      await heading(page).filter({ hasText: adopted.title.de }).waitFor();
    }
    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    await close();
  });

  test('a language without a translation shows the English text with a visible note', async () => {
    const { page, errors, close } = await openPage('it');
    await page.goto(`${web.baseUrl}/search/agreement`);
    await page.locator('#agreement-fallback').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect(await page.locator('#agreement-fallback').textContent()).toContain('italiano');
    expect(await heading(page).textContent()).toBe(adopted.title.en);
    expect(await heading(page).getAttribute('lang')).toBe('en');
    await checkState(page, 'fallback-it');

    // The interface language can be changed on the page: the German text replaces the English one.
    await page.locator('#ui-language').selectOption('de');
    await heading(page).filter({ hasText: adopted.title.de }).waitFor();
    expect(await page.locator('#agreement-fallback').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('comparing versions', () => {
  test.each([
    ['en', 'anti-racism', '1 section added', 'inserted'],
    ['de', 'Antirassismus', '1 Abschnitt hinzugefügt', 'eingefügt'],
  ] as const)('in %s: two labelled selects open the diff, marked up to read without colour', async (language, insertedWord, summary, hiddenWord) => {
    const { page, errors, failures, close } = await openPage(language);
    await page.goto(`${web.baseUrl}/search/agreement`);
    await page.locator('#compare-form').waitFor();
    await page.getByLabel(language === 'de' ? 'Von Version' : 'From version').selectOption('1');
    await page.getByLabel(language === 'de' ? 'Bis Version' : 'To version').selectOption('2');
    await page.locator('#compare-form button[type=submit]').click();
    await page.locator('#diff').waitFor();
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.get('version'), url.searchParams.get('compare')]).toEqual(['/search/agreement', '2', '1']);
    // The new view's heading takes the focus, as after a move to another page.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('#diff-summary').textContent()).toContain(summary);

    const values = page.locator('.agreement-diff-section[data-section="values"]');
    expect(await values.getAttribute('data-change')).toBe('changed');
    expect(await values.locator('.agreement-diff-part').count()).toBe(0); // its heading is the same in both
    expect(await values.locator('[data-side="to"] ins').allTextContents()).toContainEqual(expect.stringContaining(insertedWord));
    expect(await values.locator('[data-side="to"] del').count()).toBe(0);
    expect(await values.locator('[data-side="from"] ins').count()).toBe(0);
    expect(await values.locator('ins .visually-hidden').first().textContent()).toContain(hiddenWord);
    expect(await page.locator('.agreement-diff-section[data-section="care-and-wellbeing"]').getAttribute('data-change')).toBe('added');
    expect(await page.locator('.agreement-diff-section[data-section="media-and-public-statements"] [data-side="from"] del').count()).toBe(1);

    // Side by side on a desktop, one above the other on a phone.
    const sides = async () => {
      const [from, to] = await values.locator('.agreement-diff-side').evaluateAll((columns) => columns.map((column) => column.getBoundingClientRect().top));
      return from === to ? 'side by side' : 'stacked';
    };
    expect(await sides()).toBe('side by side');
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await sides()).toBe('stacked');
    await page.setViewportSize(VIEWPORTS.desktop);
    await checkState(page, `diff-${language}`);

    // Twice the same version: the form says so next to the select, and nothing is asked of the API.
    await page.locator('#compare-from').selectOption('2');
    await page.locator('#compare-form button[type=submit]').click();
    await page.locator('#compare-error').filter({ hasText: /\w/ }).waitFor();
    expect(await page.locator('#compare-to').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.get('compare')).toBe('1');
    await checkState(page, `diff-same-version-${language}`);
    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    await close();
  });
});

describe('the consultation', () => {
  test.each(['en', 'de'] as const)('in %s: the public reads the version in consultation and is asked to sign in to suggest', async (language) => {
    const { page, close } = await openPage(language);
    await page.goto(`${web.baseUrl}/search/agreement?version=3`);
    await page.locator('#consultation-window').waitFor();
    expect(await page.locator('#agreement-text .agreement-section').count()).toBe(inConsultation.sections[language].length);
    expect(await page.locator('.agreement-suggest').count()).toBe(0);
    await page.locator('#suggest-sign-in button').click();
    expect(await focusedId(page)).toBe('sign-in-email');
    await checkState(page, `consultation-public-${language}`);
    await close();
  });

  test.each([
    ['en', 'values', 'Send the suggestion', 'Please explain why'],
    ['de', 'confidentiality', 'Vorschlag senden', 'Bitte begründen Sie'],
  ] as const)(
    'in %s: a member suggests a change to a section; the API’s refusal shows next to the field',
    async (language, section, submit, rationaleError) => {
      const member = await memberAccount('authenticated');
      const { page, errors, failures, close } = await openPage(language);
      await page.goto(`${web.baseUrl}/search/agreement?version=3`);
      await page.locator('#consultation-window').waitFor();
      await signIn(page, member.email);
      await page.locator('.agreement-suggest').first().waitFor();
      // A plain member has no endorse button.
      expect(await page.locator('#endorse-form, #endorse-button').count()).toBe(0);

      const form = page.locator(`.agreement-suggest[data-section="${section}"]`);
      await form.locator('summary').click();
      await checkState(page, `suggestion-form-${language}`);
      await form.getByRole('button', { name: submit }).click();
      const error = page.locator(`#suggest-${section}-rationale-error`);
      await error.filter({ hasText: rationaleError }).waitFor();
      expect(await focusedId(page)).toBe(`suggest-${section}-rationale`);
      expect(await page.locator(`#suggest-${section}-rationale`).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`#suggest-${section}-rationale`).getAttribute('aria-describedby')).toBe(`suggest-${section}-rationale-error`);
      await checkState(page, `suggestion-error-${language}`);

      const rationale = `Browser test ${member.suffix}: a clearer wording.`;
      await form.getByLabel(language === 'de' ? 'Vorgeschlagener Text' : 'Proposed text').fill('We share what we learn, in every language of the Community.');
      await form.getByLabel(language === 'de' ? 'Warum diese Änderung?' : 'Why this change?').fill(rationale);
      await form.getByRole('button', { name: submit }).click();
      await page.locator(`#suggest-${section}-status`).filter({ hasText: /\w/ }).waitFor();
      expect(await page.locator(`#suggest-${section}-rationale`).inputValue()).toBe('');

      const stored = (await app()
        .strapi.db.query('api::suggestion.suggestion')
        .findOne({ where: { rationale }, populate: { author: { select: ['documentId'] }, agreementVersion: { select: ['versionNumber'] } } })) as {
        sectionKey: string;
        kind: string;
        decision: string;
        author: { documentId: string };
        agreementVersion: { versionNumber: number };
      };
      expect(stored).toMatchObject({
        sectionKey: section,
        kind: 'replace',
        decision: 'open',
        author: { documentId: member.memberId },
        agreementVersion: { versionNumber: 3 },
      });
      await checkState(page, `suggestion-sent-${language}`);
      expect(errors).toEqual([]);
      expect(failures).toEqual([]);
      await close();
    },
  );
});

describe('endorsements', () => {
  const endorsementsOf = (organisationId: string) =>
    app()
      .strapi.db.query('api::endorsement.endorsement')
      .findMany({ where: { organisation: { documentId: organisationId }, agreementVersion: { versionNumber: 3 } } });

  test.each([
    ['en', 'cabinet-lemaire-oyelaran', 'Endorse on behalf of Cabinet Lemaire & Oyelaran'],
    ['de', 'klimarecht-kollektiv', 'Im Namen von Klimarecht Kollektiv unterstützen'],
  ] as const)('in %s: an organisation representative endorses the version in consultation for their organisation', async (language, organisation, button) => {
    const representative = await memberAccount('org-representative', organisation);
    const { page, errors, failures, close } = await openPage(language);
    await page.goto(`${web.baseUrl}/search/agreement?version=3`);
    await page.locator('#endorsements').waitFor();
    expect(await page.locator('#endorse-button').count()).toBe(0);
    await signIn(page, representative.email);
    await page.locator('#endorse-button').waitFor();
    expect(await page.locator('#endorse-button').textContent()).toBe(button);
    await checkState(page, `endorse-form-${language}`);

    await page.locator('#endorse-statement').fill('We endorse this draft and its section on language justice.');
    await page.locator('#endorse-button').click();
    await page.locator('#endorse-status').filter({ hasText: /\w/ }).waitFor();
    expect(await focusedId(page)).toBe('endorse-status');
    expect(await page.locator('#endorse-form').count()).toBe(0);
    await page.locator(`#endorsement-list li[data-organisation="${organisation}"]`).waitFor();
    const stored = (await endorsementsOf(representative.organisationId!)) as Array<{ statement: string }>;
    expect(stored.map((endorsement) => endorsement.statement)).toEqual(['We endorse this draft and its section on language justice.']);
    await checkState(page, `endorsed-${language}`);
    expect(errors).toEqual([]);
    expect(failures).toEqual([]);
    await close();
  });

  test('a refusal from the API is said in words next to the button', async () => {
    const representative = await memberAccount('org-representative', 'fundacja-rowne-prawa');
    const { page, close } = await openPage('en');
    await page.goto(`${web.baseUrl}/search/agreement?version=3`);
    await signIn(page, representative.email);
    await page.locator('#endorse-button').waitFor();
    // Another representative of the same organisation endorses first, in another tab.
    await app()
      .strapi.documents('api::endorsement.endorsement')
      .create({
        data: { agreementVersion: (await versionDocumentId(3)) as string, organisation: representative.organisationId, endorsedBy: representative.memberId },
      } as never);
    await page.locator('#endorse-button').click();
    await page.locator('#endorse-error').filter({ hasText: 'already endorsed' }).waitFor();
    expect(await page.locator('#endorse-error').getAttribute('role')).toBe('alert');
    expect((await endorsementsOf(representative.organisationId!)).length).toBe(1);
    await checkState(page, 'endorse-refused-en');
    await close();
  });
});

const versionDocumentId = async (number: number) =>
  (
    (await app()
      .strapi.db.query('api::agreement-version.agreement-version')
      .findOne({ select: ['documentId'], where: { versionNumber: number } })) as {
      documentId: string;
    }
  ).documentId;
