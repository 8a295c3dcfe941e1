import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { api } from '../helpers/api';
import { checkPageState, DESKTOP, expectFocusOn, useBrowser, watchPage } from '../helpers/browser';
import { startSignedIn } from '../helpers/site-session';
import { useApp } from '../helpers/strapi';
import { createAccount, createMembers, type TestUser } from '../helpers/users';

/**
 * "My skills" (/search/me/skills) in Debian's Chromium, on the seeded demo data: a member assesses
 * skills and saves them all at once, finds them again after a reload and in the skills map; an old
 * assessment is flagged for re-assessment; a refused save names the skill at fault next to it.
 */
const app = useApp('seeded');
const web = useBrowser(app);

type SkillRef = { documentId: string; slug: string; name: string; category: string };
let member: TestUser;
let issueArea: { slug: string; name: string };
let picked: SkillRef[];

const claimsOf = async (who: TestUser) =>
  (await api(app(), who).get('/api/skills-mapping/me/claims?locale=en').expect(200)).body.data as Array<{
    skill: { documentId: string };
    level: number;
    canMentor: boolean;
    wantsToLearn: boolean;
  }>;

beforeAll(async () => {
  const { strapi } = app();
  // A member of an organisation with an issue area, so that their skills count in the skills map's column of that area.
  const organisation = (await strapi.documents('api::organisation.organisation').findFirst({
    locale: 'en',
    filters: { issueAreas: { documentId: { $notNull: true } } },
    populate: { issueAreas: { fields: ['slug', 'name'] } },
  } as never)) as unknown as { documentId: string; issueAreas: Array<{ slug: string; name: string }> };
  issueArea = organisation.issueAreas[0];
  [member] = await createMembers(app(), 1);
  // Open to questions, so that what they declare makes them someone to ask.
  await strapi
    .documents('api::member.member')
    .update({ documentId: member.memberId!, locale: 'en', data: { organisation: organisation.documentId, openToQuestions: true } } as never);
  const skills = (await strapi
    .documents('api::skill.skill')
    .findMany({ locale: 'en', fields: ['slug', 'name', 'category'], sort: 'name', limit: 200 } as never)) as unknown as SkillRef[];
  // Three skills of two categories.
  const first = skills[0];
  const other = skills.find((skill) => skill.category !== first.category)!;
  picked = [first, skills.find((skill) => skill.category === first.category && skill !== first)!, other];
});

const openPage = async (who: TestUser) => {
  const context = await web.browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: DESKTOP });
  await startSignedIn(context, { jwt: who.jwt, name: who.email });
  const page = await context.newPage();
  return { page, ...watchPage(page), close: () => context.close() };
};

/** Opens the category group of `skill` (groups start closed, except those with something to see). */
const openGroupOf = async (page: Page, skill: { documentId: string }) => {
  await page.locator(`#skill-${skill.documentId}`).evaluate((element) => {
    const group = element.closest('details');
    if (group) group.open = true;
  });
};

const goToSkills = async (page: Page) => {
  await page.goto(`${web.baseUrl}/search/me/skills`);
  await page.locator('#my-skills-form').waitFor();
};

const matrixCell = async (who: TestUser, skillId: string) => {
  const body = (await api(app(), who).get(`/api/skills-mapping/matrix?dimension=issueArea&locale=en`).expect(200)).body.data as {
    rows: Array<{ skill: { slug: string }; cells: Record<string, { advanced: number | null }> }>;
  };
  const skill = (await app()
    .strapi.documents('api::skill.skill')
    .findOne({ documentId: skillId, locale: 'en', fields: ['slug'] } as never)) as unknown as { slug: string };
  return body.rows.find((row) => row.skill.slug === skill.slug)?.cells[issueArea.slug]?.advanced ?? 0;
};

test('a member without a profile is sent to create it first', async () => {
  const account = await createAccount(app());
  const jwt = await app().strapi.plugin('users-permissions').service('jwt').issue({ id: account.id });
  const { page, errors, failures, close } = await openPage({ id: account.id, email: account.email, jwt, role: 'authenticated' });
  await page.goto(`${web.baseUrl}/search/me/skills`);
  await page.locator('#no-profile').waitFor();
  expect(await page.locator('#no-profile a').getAttribute('href')).toBe('/search/me');
  expect(await page.locator('#my-space-nav a[aria-current="page"]').textContent()).toBe('My skills');
  await checkPageState(page, 'my-skills-no-profile');
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});

test('a member assesses several skills, saves them at once, finds them after a reload, in the skills map and in who-to-ask for another member', async () => {
  const { page, errors, failures, close } = await openPage(member);
  const before = await matrixCell(member, picked[0].documentId);
  await goToSkills(page);
  // Every group is closed at first, and nothing is assessed.
  expect(await page.locator('details.skill-group[open]').count()).toBe(0);
  await checkPageState(page, 'my-skills-empty');

  for (const skill of picked) await openGroupOf(page, skill);
  await page.locator(`#skill-${picked[0].documentId}-level-4`).check();
  await page.locator(`#skill-${picked[0].documentId}-canMentor`).check();
  await page.locator(`#skill-${picked[0].documentId}-openToQuestions`).check();
  await page.locator(`#skill-${picked[1].documentId}-level-0`).check();
  await page.locator(`#skill-${picked[1].documentId}-wantsToLearn`).check();
  await page.locator(`#skill-${picked[2].documentId}-level-2`).check();
  expect(await page.locator('#unsaved').textContent()).toBe('You have changes that are not saved yet.');
  expect(await page.locator(`#skill-${picked[0].documentId} legend .badge`).first().textContent()).toBe('changed, not saved');
  await checkPageState(page, 'my-skills-changed');
  // Another interface language keeps the unsaved changes.
  await page.locator('#ui-language').selectOption('de');
  await page.locator('h1', { hasText: 'Meine Kompetenzen' }).waitFor();
  await page.locator('#unsaved', { hasText: 'Sie haben Änderungen, die noch nicht gespeichert sind.' }).waitFor();
  expect(await page.locator(`#skill-${picked[0].documentId}-level-4`).isChecked()).toBe(true);
  await checkPageState(page, 'my-skills-changed-de');
  await page.locator('#ui-language').selectOption('en');
  await page.locator('h1', { hasText: 'My skills' }).waitFor();

  await page.locator('#save-skills').click();
  await page.locator('#save-outcome', { hasText: 'Saved. Skills in your profile: 3.' }).waitFor();
  expect(await page.locator('#unsaved').textContent()).toBe('');
  const saved = await claimsOf(member);
  expect(saved.map((claim) => [claim.skill.documentId, claim.level]).sort()).toEqual(
    [
      [picked[0].documentId, 4],
      [picked[1].documentId, 0],
      [picked[2].documentId, 2],
    ].sort(),
  );
  expect(saved.find((claim) => claim.skill.documentId === picked[0].documentId)).toMatchObject({ canMentor: true, wantsToLearn: false });
  await checkPageState(page, 'my-skills-saved');

  await page.reload();
  await page.locator('#my-skills-form').waitFor();
  await page.locator('#only-assessed').check();
  expect(await page.locator('.skill-claim').count()).toBe(3);
  for (const skill of picked) await openGroupOf(page, skill);
  expect(await page.locator(`#skill-${picked[0].documentId}-level-4`).isChecked()).toBe(true);
  expect(await page.locator(`#skill-${picked[0].documentId}-canMentor`).isChecked()).toBe(true);
  expect(await page.locator(`#skill-${picked[1].documentId}-level-0`).isChecked()).toBe(true);
  expect(await page.locator(`#skill-${picked[2].documentId}-level-2`).isChecked()).toBe(true);
  expect(await page.locator(`#skill-${picked[0].documentId}-due`).textContent()).toMatch(/^Last assessed on /);

  // The expert level counts in the skills map, in the column of the member's organisation's issue area.
  const after = await matrixCell(member, picked[0].documentId);
  expect(after).toBe(before + 1);
  await page.goto(`${web.baseUrl}/search/?view=matrix`);
  await page.locator('#matrix table').waitFor();
  const column = await page.locator('#matrix thead th').evaluateAll((cells, name) => cells.findIndex((cell) => cell.textContent === name), issueArea.name);
  expect(column).toBeGreaterThan(0);
  const row = page.locator('#matrix tbody tr', { has: page.locator('th', { hasText: picked[0].name }) }).first();
  expect(
    await row
      .locator('td')
      .nth(column - 1)
      .textContent(),
  ).toContain(`(${after} `);
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();

  // Another member asking about the expert skill finds them, linked to their profile, with the level they gave.
  const [asker] = await createMembers(app(), 1);
  const other = await openPage(asker);
  await other.page.goto(`${web.baseUrl}/search/?view=experts&skill=${picked[0].slug}`);
  const answer = other.page.locator('#experts-list li', { has: other.page.locator(`a[href="/search/members/${member.memberId}"]`) });
  await answer.waitFor();
  expect(await answer.locator('.badge').first().textContent()).toMatch(/^4 · /);
  expect({ errors: other.errors, failures: other.failures }).toEqual({ errors: [], failures: [] });
  await other.close();
});

test('a claim assessed long ago is flagged for re-assessment in words, with its date', async () => {
  const [someone] = await createMembers(app(), 1);
  await api(app(), someone)
    .put('/api/skills-mapping/me/claims', { data: [{ skill: picked[2].documentId, level: 3 }] })
    .expect(200);
  const { strapi } = app();
  const table = strapi.db.metadata.get('plugin::skills-mapping.claim').tableName;
  await strapi.db
    .connection(table)
    .update({ assessed_at: new Date('2020-03-15T10:00:00Z') })
    .where({ member_document_id: someone.memberId });

  const { page, errors, failures, close } = await openPage(someone);
  await goToSkills(page);
  // The group with a claim due is open, and says so in its summary.
  const group = page.locator('details.skill-group[open]');
  expect(await group.count()).toBe(1);
  expect(await group.locator('summary .badge.due').textContent()).toBe('due for re-assessment: 1');
  const flag = page.locator(`#skill-${picked[2].documentId}-due`);
  expect(await flag.textContent()).toBe('Due for re-assessment: last assessed on March 15, 2020 at 10:00 AM.');
  expect(await page.locator(`#skill-${picked[2].documentId}`).getAttribute('aria-describedby')).toContain(`skill-${picked[2].documentId}-due`);
  await checkPageState(page, 'my-skills-due');

  // Confirming the level keeps the old date (the API's rule); a new level is assessed now.
  await page.locator(`#skill-${picked[2].documentId}-level-4`).check();
  await page.locator('#save-skills').click();
  await page.locator('#save-outcome', { hasText: 'Saved.' }).waitFor();
  expect(await flag.textContent()).toMatch(/^Last assessed on /);
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});

test('a refused save changes nothing and shows the problem next to the skill at fault, with a summary linking to it', async () => {
  const [someone] = await createMembers(app(), 1);
  const suffix = randomBytes(4).toString('hex');
  const doomed = (await app()
    .strapi.documents('api::skill.skill')
    .create({ locale: 'en', data: { name: `Zz passing skill ${suffix}`, slug: `zz-passing-${suffix}`, category: 'research' } } as never)) as unknown as {
    documentId: string;
  };
  await api(app(), someone)
    .put('/api/skills-mapping/me/claims', { data: [{ skill: picked[0].documentId, level: 1 }] })
    .expect(200);

  const { page, errors, failures, close } = await openPage(someone);
  await goToSkills(page);
  await openGroupOf(page, doomed);
  await openGroupOf(page, picked[0]);
  await page.locator(`#skill-${doomed.documentId}-level-3`).check();
  await page.locator(`#skill-${picked[0].documentId}-level-2`).check();
  // Someone removes the skill from the map while the member is assessing it.
  await app()
    .strapi.documents('api::skill.skill')
    .delete({ documentId: doomed.documentId } as never);

  await page.locator('#save-skills').click();
  const summary = page.locator('#save-summary');
  await summary.locator('li a').waitFor();
  await expectFocusOn(page, 'save-summary');
  expect(await summary.locator('h2').textContent()).toBe('Nothing was saved: please correct the skills below.');
  const message = 'This skill is no longer on the skills map: set it to “Not assessed”, then save again.';
  expect(await summary.locator('li a').textContent()).toBe(`Zz passing skill ${suffix}: ${message}`);
  const item = page.locator(`#skill-${doomed.documentId}`);
  expect(await item.getAttribute('aria-invalid')).toBe('true');
  expect(await item.getAttribute('aria-describedby')).toContain(`skill-${doomed.documentId}-error`);
  expect(await page.locator(`#skill-${doomed.documentId}-error`).textContent()).toBe(message);
  // Only that skill is at fault; nothing was saved.
  expect(await page.locator('.skill-claim.has-error').count()).toBe(1);
  expect((await claimsOf(someone)).map((claim) => claim.level)).toEqual([1]);
  expect(await page.locator('#unsaved').textContent()).toBe('You have changes that are not saved yet.');
  await checkPageState(page, 'my-skills-refused');

  // The summary's link takes the focus to the skill; following the advice saves the rest.
  await summary.locator('li a').click();
  await expectFocusOn(page, `skill-${doomed.documentId}`);
  await page.locator(`#skill-${doomed.documentId}-level-none`).check();
  await page.locator('#save-skills').click();
  await page.locator('#save-outcome', { hasText: 'Saved. Skills in your profile: 1.' }).waitFor();
  expect(await summary.isHidden()).toBe(true);
  expect((await claimsOf(someone)).map((claim) => claim.level)).toEqual([2]);
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});

test('choosing an issue area shows only the skills its resources, workshops and reading groups use, still by category', async () => {
  const { page, errors, failures, close } = await openPage(member);
  const areas = (await api(app(), member).get('/api/skills/issue-areas?locale=en').expect(200)).body.data as Array<{
    documentId: string;
    name: string;
    skills: string[];
  }>;
  const area = areas.filter((one) => one.skills.length > 0).sort((a, b) => a.skills.length - b.skills.length)[0];
  await goToSkills(page);
  const all = await page.locator('.skill-claim > fieldset').count();
  expect(all).toBeGreaterThan(area.skills.length);

  await page.locator('#issue-area').selectOption(area.documentId);
  await page.locator('.skill-claim > fieldset').first().waitFor();
  const shown = await page.locator('.skill-claim > fieldset').evaluateAll((items) => items.map((item) => item.id.replace(/^skill-/, '')));
  expect(shown.sort()).toEqual([...area.skills].sort());
  // Their groups open, each skill in its category.
  expect(await page.locator('details.skill-group:not([open])').count()).toBe(0);
  await checkPageState(page, 'my-skills-issue-area');

  await page.locator('#issue-area').selectOption('');
  await page.waitForFunction((count) => document.querySelectorAll('.skill-claim > fieldset').length === count, all);
  expect({ errors, failures }).toEqual({ errors: [], failures: [] });
  await close();
});
