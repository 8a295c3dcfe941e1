import { isCountryCode } from '../../src/custom-fields/codes';
import { api } from '../helpers/api';
import { searchSettled } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { createUser, type TestUser } from '../helpers/users';

/**
 * Search facets on the demo data, through the REST API: each facet is one vocabulary (no
 * organisation kinds among resource kinds, no EU among countries), jurisdictions are their own
 * facet and filter, and every value comes with a name in the searcher's language.
 */
const app = useApp('seeded');
let member: TestUser;

beforeAll(async () => {
  member = await createUser(app(), 'authenticated');
  await searchSettled(app());
});

type Counts = Record<string, Record<string, number>>;
type Names = Record<string, Record<string, string>>;
const search = (query: string, caller: Parameters<typeof api>[1] = 'public') => api(app(), caller).get(`/api/multilingual-search/search?${query}`);
const facetsOf = async (query: string, caller: Parameters<typeof api>[1] = member) => {
  const response = await search(query, caller);
  expect(response.status).toBe(200);
  return response.body.meta as { facets: Counts; facetLabels: Names; pagination: { total: number } };
};
const enumOf = (uid: string, attribute: string) =>
  (app().strapi.getModel(uid as never) as unknown as { attributes: Record<string, { enum: string[] }> }).attributes[attribute].enum;

describe('each facet is one vocabulary', () => {
  test('each kind of thing has its own facet, holding only its own values', async () => {
    const { facets } = await facetsOf('locale=en&facets=*&pageSize=1');
    const vocabularies = {
      resourceKind: enumOf('api::resource.resource', 'kind'),
      organisationKind: enumOf('api::organisation.organisation', 'kind'),
      skillCategory: enumOf('api::skill.skill', 'category'),
      workshopFormat: enumOf('api::workshop.workshop', 'format'),
    };
    for (const [facet, values] of Object.entries(vocabularies)) {
      expect(Object.keys(facets[facet]).length).toBeGreaterThan(0);
      expect({ facet, values: Object.keys(facets[facet]).filter((value) => !values.includes(value)) }).toEqual({ facet, values: [] });
    }
    expect(facets).not.toHaveProperty('kind');
  });

  test('country holds ISO countries only; jurisdiction holds countries and the EU, the Council of Europe and the UN', async () => {
    const { facets } = await facetsOf('locale=en&facets=country,jurisdiction&pageSize=1');
    expect(Object.keys(facets.country).length).toBeGreaterThan(5);
    expect(Object.keys(facets.country).filter((code) => !isCountryCode(code))).toEqual([]);
    expect(Object.keys(facets.jurisdiction)).toEqual(expect.arrayContaining(['EU', 'CoE', 'UN', 'DE', 'PL']));
  });

  test('facets=* counts exactly the facets of the chosen types', async () => {
    expect(Object.keys((await facetsOf('locale=en&types=skill&facets=*&pageSize=1')).facets).sort()).toEqual(['language', 'skillCategory', 'type']);
    expect(Object.keys((await facetsOf('locale=en&types=resource,member&facets=*&pageSize=1')).facets).sort()).toEqual(
      ['country', 'issueArea', 'jurisdiction', 'language', 'organisation', 'resourceKind', 'skill', 'type'].sort(),
    );
  });
});

describe('the jurisdiction filter', () => {
  test('finds the resources of that jurisdiction, and only resources', async () => {
    const response = await search('locale=en&filters[jurisdiction]=CoE&facets=type,jurisdiction&pageSize=50', member);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.meta.facets.type)).toEqual(['resource']);
    expect(Object.keys(response.body.meta.facets.jurisdiction)).toEqual(['CoE']);
    const ids = (response.body.data as Array<{ documentId: string }>).map((hit) => hit.documentId);
    expect(ids.length).toBeGreaterThan(0);
    const rows = (await app()
      .strapi.db.query('api::resource.resource')
      .findMany({ select: ['jurisdiction'], where: { documentId: { $in: ids } } })) as Array<{ jurisdiction: string }>;
    expect(new Set(rows.map((row) => row.jurisdiction))).toEqual(new Set(['CoE']));
  });

  test('and the country filter are not the same thing', async () => {
    const byCountry = await facetsOf('locale=en&filters[country]=DE&facets=type&pageSize=1');
    expect(byCountry.facets.type).not.toHaveProperty('resource');
    const byJurisdiction = await facetsOf('locale=en&filters[jurisdiction]=DE&facets=type&pageSize=1');
    expect(Object.keys(byJurisdiction.facets.type)).toEqual(['resource']);
  });
});

describe("every value is named in the searcher's language", () => {
  test.each([
    [
      'de',
      {
        type: { resource: 'Ressource' },
        resourceKind: { judgment: 'Urteil' },
        jurisdiction: { CoE: 'Europarat (EGMR)', EU: 'Europäische Union (EuGH)', DE: 'Deutschland' },
        language: { de: 'Deutsch' },
      },
    ],
    [
      'fr',
      {
        type: { resource: 'Ressource' },
        resourceKind: { judgment: 'Décision' },
        jurisdiction: { CoE: 'Conseil de l’Europe (Cour EDH)', DE: 'Allemagne' },
        language: { de: 'Allemand' },
      },
    ],
    // No Hungarian names for the fixed vocabularies: English ones; countries and languages come from CLDR in every locale.
    [
      'hu',
      {
        type: { resource: 'Resource' },
        resourceKind: { judgment: 'Judgment' },
        jurisdiction: { CoE: 'Council of Europe (ECtHR)', DE: 'Németország' },
        language: { de: 'Német' },
      },
    ],
  ])('%s', async (locale, expected) => {
    const { facets, facetLabels } = await facetsOf(
      `locale=${locale}&types=resource&facets=type,resourceKind,jurisdiction,language,issueArea,skill,organisation&pageSize=1`,
    );
    expect(facetLabels).toMatchObject(expected);
    for (const facet of Object.keys(facets)) expect(Object.keys(facetLabels[facet]).sort()).toEqual(Object.keys(facets[facet]).sort());
  });

  test('issue areas, skills and organisations by their names, in that language where translated', async () => {
    const { facetLabels } = await facetsOf('locale=de&facets=issueArea,skill,organisation&pageSize=1');
    for (const [facet, uid] of [
      ['issueArea', 'api::issue-area.issue-area'],
      ['skill', 'api::skill.skill'],
      ['organisation', 'api::organisation.organisation'],
    ]) {
      const slugs = Object.keys(facetLabels[facet]);
      expect(slugs.length).toBeGreaterThan(0);
      const rows = (await app()
        .strapi.db.query(uid as never)
        .findMany({ select: ['slug', 'name'], where: { slug: { $in: slugs }, locale: 'de' } })) as Array<{ slug: string; name: string }>;
      expect(Object.fromEntries(slugs.map((slug) => [slug, facetLabels[facet][slug]]))).toEqual(Object.fromEntries(rows.map((row) => [row.slug, row.name])));
    }
    expect(Object.values(facetLabels.issueArea)).toContain('Umwelt & Klima');
  });

  test('a value filtered on is named even when no hit counts it any more', async () => {
    const { facets, facetLabels } = await facetsOf('q=zzqxnothing&locale=de&types=resource&filters[jurisdiction]=CoE&facets=jurisdiction,type');
    expect(facets.jurisdiction).toEqual({});
    expect(facetLabels.jurisdiction).toEqual({ CoE: 'Europarat (EGMR)' });
    expect(facetLabels.type).toEqual({ resource: 'Ressource' });
  });
});

describe('a filter or facet the chosen types do not have is a 400 naming it', () => {
  test.each([
    ['a jurisdiction facet for skills', 'types=skill&facets=jurisdiction', 'facets'],
    ['a jurisdiction filter for organisations', 'types=organisation&filters[jurisdiction]=EU', 'filters.jurisdiction'],
    ['a country filter for resources', 'types=resource&filters[country]=DE', 'filters.country'],
    ['an organisation-kind facet for resources', 'types=resource&facets=organisationKind', 'facets'],
    ['the former shared kind filter', 'filters[kind]=ngo', 'filters.kind'],
    ['the former shared kind facet', 'facets=kind', 'facets'],
  ])('%s', async (_, query, parameter) => {
    const response = await search(`locale=en&${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(`'${parameter}'`);
  });
});

test('members-only documents are neither counted nor named for the public', async () => {
  const resources = app().strapi.documents('api::resource.resource');
  for (const [slug, visibility, kind, jurisdiction] of [
    ['okapi-public', 'public', 'guide', 'EU'],
    ['okapi-members', 'members', 'recording', 'UN'],
  ]) {
    await resources.create({ locale: 'en', status: 'published', data: { title: `Okapiword ${visibility}`, slug, kind, jurisdiction, visibility } } as never);
  }
  await searchSettled(app());
  const query = 'q=okapiword&locale=en&facets=resourceKind,jurisdiction';
  const asPublic = await facetsOf(query, 'public');
  expect(asPublic.facets).toEqual({ resourceKind: { guide: 1 }, jurisdiction: { EU: 1 } });
  expect(asPublic.facetLabels).toEqual({ resourceKind: { guide: 'Guide' }, jurisdiction: { EU: 'European Union (CJEU)' } });
  const asMember = await facetsOf(query, member);
  expect(asMember.facets).toEqual({ resourceKind: { guide: 1, recording: 1 }, jurisdiction: { EU: 1, UN: 1 } });
  expect(asMember.facetLabels.jurisdiction).toEqual({ EU: 'European Union (CJEU)', UN: 'United Nations (treaty bodies)' });
});
