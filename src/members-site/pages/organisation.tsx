import { useRoute } from 'preact-iso/router';
import { Page } from '../components';
import { countryName, DocumentPage, Facts, LanguageSwitch, queryString, useDocument, useVocabulary } from '../document-parts';
import { useApi } from '../hooks';
import { useSite } from '../site';
import { documentUrl } from '../urls';

export type Organisation = {
  documentId: string;
  locale: string;
  name: string;
  kind: string;
  countries: string[] | null;
  website: string | null;
  description: string | null;
  issueAreas: Array<{ slug: string; name: string }>;
  members: Array<{ documentId: string; displayName: string }>;
};

const POPULATE = { populate: { issueAreas: { fields: ['name', 'slug'] }, members: { fields: ['displayName'] } } };

/** Enough for every resource an organisation has written, in all their languages. */
const RESOURCES_PAGE = 100;

type ResourceTitle = { documentId: string; locale: string; title: string };

/** One title per resource: in the organisation page's language where there is one, else in the first language listed. */
const oneVersionEach = (versions: ResourceTitle[], preferred: string) => {
  const chosen = new Map<string, ResourceTitle>();
  for (const version of versions) if (!chosen.has(version.documentId) || version.locale === preferred) chosen.set(version.documentId, version);
  return [...chosen.values()];
};

/** The resources the organisation wrote that the caller may see, in any language. */
const Resources = ({ organisation }: { organisation: Organisation }) => {
  const { t } = useSite();
  const path = `/api/resources?${queryString({
    locale: '*',
    fields: ['title', 'locale'],
    filters: { authorOrganisations: { documentId: { $eq: organisation.documentId } } },
    sort: 'date:desc',
    pagination: { pageSize: RESOURCES_PAGE },
  })}`;
  const loaded = useApi<{ data: ResourceTitle[] }>(path);
  if (!loaded.data) return null;
  const resources = oneVersionEach(loaded.data.data, organisation.locale);
  return (
    <section aria-labelledby="organisation-resources-title">
      <h2 id="organisation-resources-title">{t('organisation.resources', { count: resources.length })}</h2>
      {resources.length > 0 && (
        <ul id="organisation-resources">
          {resources.map((resource) => (
            <li key={resource.documentId} lang={resource.locale}>
              <a href={documentUrl('resource', resource.documentId, resource.locale) ?? '#'}>{resource.title}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

const OrganisationView = ({ organisation, locales }: { organisation: Organisation; locales: string[] }) => {
  const { t, language } = useSite();
  const countries = organisation.countries ?? [];
  const name = useVocabulary('organisation', { organisationKind: [organisation.kind] });
  const lang = organisation.locale;
  return (
    <Page title={organisation.name} lang={lang}>
      <article id="organisation" class="document" lang={lang}>
        <Facts
          items={[
            [t('organisation.kind'), name('organisationKind', organisation.kind), language],
            [t('document.countries'), countries.map((code) => countryName(code, language)), language],
            [t('document.issueAreas'), organisation.issueAreas.map((area) => area.name)],
            [
              t('organisation.website'),
              organisation.website && (
                <a id="organisation-website" href={organisation.website} rel="external noopener noreferrer">
                  {organisation.website}
                </a>
              ),
            ],
            [
              t('organisation.members'),
              organisation.members.map((member) => <a href={documentUrl('member', member.documentId, lang) ?? '#'}>{member.displayName}</a>),
            ],
          ]}
        />
        {organisation.description && <p class="description">{organisation.description}</p>}
      </article>
      <LanguageSwitch type="organisation" documentId={organisation.documentId} locales={locales} current={lang} />
      <Resources organisation={organisation} />
    </Page>
  );
};

/** An organisation of the community, with its members and resources as far as the caller may see them. */
export const OrganisationPage = () => {
  const { t } = useSite();
  const { params, query } = useRoute();
  const loaded = useDocument<Organisation>('organisations', params.id, query.locale, POPULATE);
  return (
    <DocumentPage loaded={loaded} title={t('organisation.title')}>
      {({ shown, locales }) => <OrganisationView organisation={shown} locales={locales} />}
    </DocumentPage>
  );
};
