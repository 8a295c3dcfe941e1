import type { Core } from '@strapi/strapi';
import pluginConfig from '../../src/plugins/skills-mapping/server/src/config';
import { checkContentTypes, skillCategories } from '../../src/plugins/skills-mapping/server/src/utils/content-types';
import { adminToken } from '../helpers/admin';
import { api } from '../helpers/api';
import { errorPaths } from '../helpers/errors';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * The skills map is drawn from the app's content types named in the plugin's configuration
 * (config/plugins.ts): nothing of the app is written into the plugin.
 */
const app = useApp('seeded');
let member: TestUser;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
});

const running = () => app().strapi.config.get('plugin::skills-mapping') as Record<string, unknown> & { contentTypes: Record<string, string> };

/** The running Strapi, but with the plugin configured as `config` (only the configuration differs). */
const configuredAs = (config: unknown) => ({ contentTypes: app().strapi.contentTypes, config: { get: () => config } }) as unknown as Core.Strapi;

test('the app hands the plugin its content types and locales', () => {
  expect(running().contentTypes).toEqual({
    member: 'api::member.member',
    organisation: 'api::organisation.organisation',
    issueArea: 'api::issue-area.issue-area',
    skill: 'api::skill.skill',
    workshop: 'api::workshop.workshop',
  });
  expect(running().locales).toEqual(app().strapi.config.get('plugin::multilingual-search.locales'));
  expect(running().locales).toEqual({ default: app().strapi.config.get('platform.defaultLocale'), enabled: app().strapi.config.get('platform.locales') });
  expect(running().advancedLevel).toBe(3);
});

test.each([
  [(c: any) => (c.contentTypes.member = 'member'), 'skills-mapping.contentTypes.member'],
  [(c: any) => delete c.contentTypes.workshop, 'skills-mapping.contentTypes.workshop'],
  [(c: any) => (c.advancedLevel = 5), 'skills-mapping.advancedLevel'],
  [(c: any) => (c.locales = { default: 'fr', enabled: ['en', 'de'] }), 'skills-mapping.locales.default'],
  [(c: any) => delete c.locales, 'skills-mapping.locales'],
])('a bad configuration stops start-up naming the key (%#)', (mutate, key) => {
  const config = { ...running(), contentTypes: { ...running().contentTypes } };
  mutate(config);
  expect(() => pluginConfig.validator(config)).toThrow(key);
});

test('a content type without an attribute the map reads stops start-up naming it', () => {
  expect(() => checkContentTypes(app().strapi)).not.toThrow();
  const wrong = { ...running(), contentTypes: { ...running().contentTypes, member: 'api::skill.skill', workshop: 'api::nothing.nothing' } };
  expect(() => checkContentTypes(configuredAs(wrong))).toThrow(
    /skills-mapping\.contentTypes\.member: "api::skill\.skill" has no attribute "user", .*"countries"/,
  );
  expect(() => checkContentTypes(configuredAs(wrong))).toThrow('skills-mapping.contentTypes.workshop: no content type "api::nothing.nothing"');
});

test("the categories are the skill type's own, and another one is a 400 listing them", async () => {
  const categories = (app().strapi.contentTypes['api::skill.skill'].attributes.category as { enum: string[] }).enum;
  expect(skillCategories(app().strapi)).toEqual(categories);
  const response = await api(app(), member).get('/api/skills-mapping/matrix?category=cooking');
  expect(response.status).toBe(400);
  expect(response.body.error.message).toBe(`Invalid parameter 'category': must be one of ${categories.join(', ')}`);
  expect(errorPaths(response.body)).toEqual(['category']);

  // The admin panel's heatmap offers the same categories and names the advanced level, from the server.
  const admin = await adminToken(app());
  const forAdmin = await app().http().get('/skills-mapping/matrix').set('Authorization', `Bearer ${admin}`);
  expect(forAdmin.body.meta).toMatchObject({ categories, advancedLevel: 3 });
});

test('the advanced level decides which holders are advanced', async () => {
  type Cell = { advanced: number; levels: number[] };
  const matrix = async () =>
    (await api(app(), member).get('/api/skills-mapping/matrix?dimension=country')).body.data.rows.flatMap((row: { cells: Record<string, Cell> }) =>
      Object.values(row.cells),
    ) as Cell[];
  const sum = (levels: number[]) => levels.reduce((a, b) => a + b, 0);

  const atThree = await matrix();
  expect(atThree.every((cell) => cell.advanced === sum(cell.levels.slice(3)))).toBe(true);
  expect(atThree.some((cell) => cell.levels[3] > 0)).toBe(true);

  app().strapi.config.set('plugin::skills-mapping.advancedLevel', 4);
  try {
    await app().strapi.plugin('skills-mapping').service('coverage').recountAtNextRead();
    const atFour = await matrix();
    expect(atFour.map((cell) => cell.advanced)).toEqual(atThree.map((cell) => cell.levels[4]));
  } finally {
    app().strapi.config.set('plugin::skills-mapping.advancedLevel', 3);
  }
});
