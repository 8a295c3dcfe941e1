import type { Core } from '@strapi/strapi';
import { viewerFromContext } from '../src/api/access/viewer';
import { getContactService } from '../src/api/member/services/contact';
import type { PluginConfigInput } from '../src/plugins/multilingual-search/server/src/config/schema';
import { emailConfig } from './lib/email';
import { searchLabels } from './lib/search-labels';
import { requireSecret } from './lib/secrets';
import { CONTENT_LOCALES } from './platform';

/**
 * What the search indexes hold, per content type. `fields` is the allow-list: a search document has
 * these fields and nothing else (plus type, documentId, locale, language, visibility, locales).
 * Relations are embedded in the entry's own locale (`issueAreas.name` in German for a German entry).
 * A field name means one thing in every type, so one filter works everywhere: issueArea, skill,
 * organisation, country (ISO countries), date. A vocabulary of one type is named for it
 * (resourceKind, organisationKind, skillCategory, workshopFormat, agreementStatus), and a resource's
 * jurisdiction (a country, EU, CoE or UN) is not a country. How facet values are named for members:
 * `./lib/search-labels.ts`.
 */
const searchTypes: PluginConfigInput['types'] = {
  resource: {
    uid: 'api::resource.resource',
    fields: {
      title: 'title',
      summary: 'summary',
      body: 'body',
      slug: 'slug',
      resourceKind: 'kind',
      court: 'court',
      caseNumber: 'caseNumber',
      ecli: 'ecli',
      date: 'date',
      jurisdiction: 'jurisdiction',
      issueArea: 'issueAreas.slug',
      issueAreaName: 'issueAreas.name',
      skill: 'skills.slug',
      skillName: 'skills.name',
      organisation: 'authorOrganisations.slug',
      organisationName: 'authorOrganisations.name',
    },
    title: 'title',
    snippet: ['summary', 'body'],
    searchable: ['title', 'summary', 'issueAreaName', 'skillName', 'organisationName', 'body', 'court', 'caseNumber', 'ecli'],
    filterable: ['resourceKind', 'jurisdiction', 'date', 'issueArea', 'skill', 'organisation'],
    sortable: ['date', 'title'],
    facets: ['resourceKind', 'jurisdiction', 'issueArea', 'skill', 'organisation'],
    exact: ['ecli', 'caseNumber'],
    visibility: { attribute: 'visibility' },
    exclude: {},
  },
  workshop: {
    uid: 'api::workshop.workshop',
    fields: {
      title: 'title',
      description: 'description',
      slug: 'slug',
      workshopFormat: 'format',
      date: 'startsAt',
      country: 'country',
      city: 'city',
      issueArea: 'issueAreas.slug',
      issueAreaName: 'issueAreas.name',
      skill: 'skillsTaught.slug',
      skillName: 'skillsTaught.name',
    },
    title: 'title',
    snippet: ['description'],
    searchable: ['title', 'description', 'issueAreaName', 'skillName', 'city'],
    filterable: ['workshopFormat', 'country', 'date', 'issueArea', 'skill'],
    sortable: ['date', 'title'],
    facets: ['workshopFormat', 'country', 'issueArea', 'skill'],
    exact: [],
    visibility: { attribute: 'visibility' },
    exclude: {},
  },
  'reading-group': {
    uid: 'api::reading-group.reading-group',
    fields: {
      title: 'name',
      description: 'description',
      slug: 'slug',
      issueArea: 'issueAreas.slug',
      issueAreaName: 'issueAreas.name',
      skill: 'skills.slug',
      skillName: 'skills.name',
    },
    title: 'title',
    snippet: ['description'],
    searchable: ['title', 'description', 'issueAreaName', 'skillName'],
    filterable: ['issueArea', 'skill'],
    sortable: ['title'],
    facets: ['issueArea', 'skill'],
    exact: [],
    visibility: { attribute: 'visibility' },
    exclude: {},
  },
  organisation: {
    uid: 'api::organisation.organisation',
    fields: {
      title: 'name',
      description: 'description',
      slug: 'slug',
      organisationKind: 'kind',
      country: 'countries',
      issueArea: 'issueAreas.slug',
      issueAreaName: 'issueAreas.name',
    },
    title: 'title',
    snippet: ['description'],
    searchable: ['title', 'description', 'issueAreaName'],
    filterable: ['organisationKind', 'country', 'issueArea'],
    sortable: ['title'],
    facets: ['organisationKind', 'country', 'issueArea'],
    exact: [],
    visibility: 'public',
    exclude: {},
  },
  skill: {
    uid: 'api::skill.skill',
    fields: { title: 'name', description: 'description', slug: 'slug', skillCategory: 'category', synonyms: 'synonyms' },
    title: 'title',
    snippet: ['description'],
    searchable: ['title', 'synonyms', 'description'],
    filterable: ['skillCategory'],
    sortable: ['title'],
    facets: ['skillCategory'],
    exact: [],
    visibility: 'public',
    exclude: {},
  },
  'agreement-version': {
    uid: 'api::agreement-version.agreement-version',
    fields: { title: 'title', preamble: 'preamble', sections: 'sections.text', headings: 'sections.heading', agreementStatus: 'stage', date: 'adoptedAt' },
    title: 'title',
    snippet: ['preamble', 'sections'],
    searchable: ['title', 'headings', 'preamble', 'sections'],
    filterable: ['agreementStatus', 'date'],
    sortable: ['date'],
    facets: ['agreementStatus'],
    exact: [],
    visibility: 'public',
    // Drafts are an editors' matter; only versions in consultation or later are searchable.
    exclude: { stage: ['draft'] },
  },
  member: {
    uid: 'api::member.member',
    fields: {
      title: 'displayName',
      bio: 'bio',
      country: 'countries',
      spokenLanguage: 'languages',
      organisation: 'organisation.slug',
      organisationName: 'organisation.name',
    },
    title: 'title',
    snippet: ['bio'],
    searchable: ['title', 'organisationName', 'bio'],
    filterable: ['country', 'organisation', 'spokenLanguage'],
    sortable: ['title'],
    facets: ['country', 'organisation'],
    exact: [],
    visibility: { attribute: 'visibility' },
    // Hidden profiles never reach an index.
    exclude: { visibility: ['hidden'] },
  },
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: requireSecret(env, 'JWT_SECRET'),
      jwt: { expiresIn: '7d' },
    },
  },
  // How e-mail is sent: SMTP, or a folder in development and tests (EMAIL_* and SMTP_* variables).
  email: {
    config: emailConfig(env),
  },
  upload: {
    config: {
      security: {
        allowedTypes: [
          'image/*',
          'audio/*',
          'video/*',
          'application/pdf',
          'text/plain',
          'text/csv',
          'application/msword',
          'application/vnd.openxmlformats-officedocument.*',
          'application/vnd.oasis.opendocument.*',
        ],
        deniedTypes: ['image/svg+xml', 'application/x-msdownload', 'application/x-sh', 'text/x-shellscript'],
      },
    },
  },
  // Both plugins decide who a request comes from with the app's own rule (src/api/access/viewer.ts)
  // and know the content locales of config/platform.ts: plugins never import the app's code.
  'skills-mapping': {
    enabled: true,
    resolve: './src/plugins/skills-mapping',
    config: {
      viewerOf: viewerFromContext,
      // Who-to-ask answers carry each member's contact route, by the app's rule (src/api/member/services/contact.ts).
      contactsOf: (strapi: Core.Strapi, documentIds: string[], ctx: Parameters<typeof viewerFromContext>[0]) =>
        getContactService(strapi).contactsOf(documentIds, viewerFromContext(ctx)),
      locales: CONTENT_LOCALES,
      contentTypes: {
        member: 'api::member.member',
        organisation: 'api::organisation.organisation',
        issueArea: 'api::issue-area.issue-area',
        skill: 'api::skill.skill',
        workshop: 'api::workshop.workshop',
      },
    },
  },
  'multilingual-search': {
    enabled: true,
    resolve: './src/plugins/multilingual-search',
    // indexPrefix comes from SEARCH_INDEX_PREFIX (default: the environment name), see the plugin's config.
    config: { types: searchTypes, labels: searchLabels, viewerOf: viewerFromContext, locales: CONTENT_LOCALES } satisfies Partial<PluginConfigInput>,
  },
});

export default config;
