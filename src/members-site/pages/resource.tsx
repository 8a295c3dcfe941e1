import { useRoute } from 'preact-iso/router';
import { Page } from '../components';
import { DocumentPage, Facts, formatDate, LanguageSwitch, queryString, useDocument, useVocabulary } from '../document-parts';
import { useApi } from '../hooks';
import type { MessageKey } from '../i18n';
import { Markdown } from '../markdown';
import { useSite } from '../site';
import { documentUrl } from '../urls';

type Named = { slug: string; name: string };
type Organisation = { documentId: string; name: string };
type UploadedFile = { url: string; name: string; mime: string | null; size: number | null };

export type Resource = {
  documentId: string;
  locale: string;
  title: string;
  summary: string | null;
  body: string | null;
  kind: string;
  jurisdiction: string | null;
  court: string | null;
  ecli: string | null;
  caseNumber: string | null;
  date: string | null;
  url: string | null;
  licence: string | null;
  issueAreas: Named[];
  skills: Named[];
  authorOrganisations: Organisation[];
  file: UploadedFile | null;
};

const NAMED = { fields: ['name', 'slug'] };
const POPULATE = {
  populate: { issueAreas: NAMED, skills: NAMED, authorOrganisations: { fields: ['name'] }, file: { fields: ['url', 'name', 'mime', 'size'] } },
};

const RELATED_COUNT = 5;

/** A few other resources in the same language that share an issue area or a skill with this one, newest first. */
const Related = ({ resource }: { resource: Resource }) => {
  const { t } = useSite();
  const shared = [
    ...(resource.issueAreas.length ? [{ issueAreas: { slug: { $in: resource.issueAreas.map((area) => area.slug) } } }] : []),
    ...(resource.skills.length ? [{ skills: { slug: { $in: resource.skills.map((skill) => skill.slug) } } }] : []),
  ];
  const path = shared.length
    ? `/api/resources?${queryString({
        locale: resource.locale,
        fields: ['title'],
        filters: { documentId: { $ne: resource.documentId }, $or: shared },
        sort: 'date:desc',
        pagination: { pageSize: RELATED_COUNT },
      })}`
    : null;
  const related = useApi<{ data: Array<{ documentId: string; title: string }> }>(path);
  const list = related.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <section class="related" aria-labelledby="related-title">
      <h2 id="related-title">{t('resource.related')}</h2>
      <ul id="related-resources" lang={resource.locale}>
        {list.map((item) => (
          <li key={item.documentId}>
            <a href={documentUrl('resource', item.documentId, resource.locale) ?? '#'}>{item.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
};

/** The uploaded file to download, or the resource's address elsewhere on the web. */
const Access = ({ resource }: { resource: Resource }) => {
  const { t } = useSite();
  if (resource.file)
    return (
      <p class="document-access">
        <a id="resource-file" class="button-link" href={resource.file.url} download={resource.file.name}>
          {t('resource.download', { name: resource.file.name })}
        </a>
      </p>
    );
  if (resource.url)
    return (
      <p class="document-access">
        <a id="resource-url" class="button-link" href={resource.url} rel="external noopener noreferrer">
          {t('resource.open')}
        </a>{' '}
        <span class="url">{resource.url}</span>
      </p>
    );
  return null;
};

const ResourceView = ({ resource, locales }: { resource: Resource; locales: string[] }) => {
  const { t, language } = useSite();
  const name = useVocabulary('resource', { resourceKind: [resource.kind], jurisdiction: resource.jurisdiction ? [resource.jurisdiction] : [] });
  const lang = resource.locale;
  return (
    <Page title={resource.title} lang={lang}>
      <article id="resource" class="document" lang={lang}>
        {resource.summary && <p class="summary">{resource.summary}</p>}
        <Access resource={resource} />
        <Facts
          items={[
            [t('resource.kind'), name('resourceKind', resource.kind), language],
            [t('document.issueAreas'), resource.issueAreas.map((area) => area.name)],
            [t('resource.skills'), resource.skills.map((skill) => skill.name)],
            [
              t('resource.authors'),
              resource.authorOrganisations.map((organisation) => (
                <a href={documentUrl('organisation', organisation.documentId, lang) ?? '#'}>{organisation.name}</a>
              )),
            ],
            [t('resource.jurisdiction'), resource.jurisdiction && name('jurisdiction', resource.jurisdiction), language],
            [t('resource.court'), resource.court],
            [t('resource.ecli'), resource.ecli],
            [t('resource.caseNumber'), resource.caseNumber],
            [t('resource.date'), resource.date && <time dateTime={resource.date}>{formatDate(resource.date, language)}</time>, language],
            [t('resource.licence'), resource.licence && t(`licence.${resource.licence}` as MessageKey), language],
          ]}
        />
        <Markdown text={resource.body} lang={lang} />
      </article>
      <LanguageSwitch type="resource" documentId={resource.documentId} locales={locales} current={lang} />
      <Related resource={resource} />
    </Page>
  );
};

/** A resource, in the language the link names (`?locale=de`), with everything the caller may see of it. */
export const ResourcePage = () => {
  const { t } = useSite();
  const { params, query } = useRoute();
  const loaded = useDocument<Resource>('resources', params.id, query.locale, POPULATE);
  return (
    <DocumentPage loaded={loaded} title={t('resource.title')}>
      {({ shown, locales }) => <ResourceView resource={shown} locales={locales} />}
    </DocumentPage>
  );
};
