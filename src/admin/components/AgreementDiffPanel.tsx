import * as React from 'react';
import { Badge, Box, Flex, Loader, Typography, VisuallyHidden } from '@strapi/design-system';
import { useFetchClient, useForm, useQueryParams } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { diffVersions, type SectionChange, type SectionText, type VersionText, type WordChange } from '../../api/agreement-version/diff';

const MODEL = 'api::agreement-version.agreement-version';
const BASE_URL = `/content-manager/collection-types/${MODEL}`;

/** Words of unchanged context kept on each side of a change; longer unchanged runs are elided. */
const CONTEXT_WORDS = 8;

type Adopted = { documentId: string; versionNumber: number | null; text: VersionText };
type AdoptedState = { state: 'loading' } | { state: 'error' } | { state: 'none' } | { state: 'found'; adopted: Adopted };

const asString = (value: unknown) => (typeof value === 'string' ? value : '');

/** Form values or a fetched entry -> the plain text the diff works on. */
const toVersionText = (value: unknown): VersionText => {
  const entry = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const sections = Array.isArray(entry.sections) ? (entry.sections as unknown[]) : [];
  return {
    title: asString(entry.title),
    preamble: asString(entry.preamble),
    sections: sections.map((raw, index): SectionText => {
      const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      // A section being typed may have no key yet; keep it distinct from every other one.
      const key = asString(section.key).trim() || `#${index + 1} (no key)`;
      return { key, heading: asString(section.heading), text: asString(section.text) };
    }),
  };
};

/* -------------------------------------------------------------------------------------------------
 * Fetching the adopted version in the current locale
 * -----------------------------------------------------------------------------------------------*/

const useAdoptedVersion = (locale: string | undefined, refreshKey: unknown): AdoptedState => {
  const { get } = useFetchClient();
  const [result, setResult] = React.useState<AdoptedState>({ state: 'loading' });

  React.useEffect(() => {
    let cancelled = false;
    setResult({ state: 'loading' });
    const localeParam = locale ? { locale } : {};
    (async () => {
      const list = await get<{ results?: Array<{ documentId?: string }> }>(BASE_URL, {
        params: { filters: { stage: { $eq: 'adopted' } }, sort: 'versionNumber:DESC', page: 1, pageSize: 1, ...localeParam },
      });
      const documentId = list.data.results?.[0]?.documentId;
      if (!documentId) return { state: 'none' } as const;
      const one = await get<{ data?: Record<string, unknown> }>(`${BASE_URL}/${documentId}`, { params: localeParam });
      const data = one.data.data;
      if (!data || !data.documentId) return { state: 'none' } as const;
      return {
        state: 'found',
        adopted: {
          documentId,
          versionNumber: typeof data.versionNumber === 'number' ? data.versionNumber : null,
          text: toVersionText(data),
        },
      } as const;
    })().then(
      (next) => !cancelled && setResult(next),
      () => !cancelled && setResult({ state: 'error' }),
    );
    return () => {
      cancelled = true;
    };
  }, [get, locale, refreshKey]);

  return result;
};

/* -------------------------------------------------------------------------------------------------
 * Inline word changes
 * -----------------------------------------------------------------------------------------------*/

const Inserted = styled.ins`
  background: ${({ theme }) => theme.colors.success100};
  color: ${({ theme }) => theme.colors.success700};
  text-decoration: underline;
  text-decoration-thickness: 1px;
`;

const Deleted = styled.del`
  background: ${({ theme }) => theme.colors.danger100};
  color: ${({ theme }) => theme.colors.danger700};
  text-decoration: line-through;
`;

const Prose = styled(Typography)`
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;

/** Shortens an unchanged run, keeping a few words next to the changes around it. */
const elide = (text: string, before: boolean, after: boolean) => {
  const words = text.split(/(?<=\s)(?=\S)/);
  const keep = (before ? CONTEXT_WORDS : 0) + (after ? CONTEXT_WORDS : 0);
  if (words.length <= keep + 3) return text;
  const head = before ? words.slice(0, CONTEXT_WORDS).join('') : '';
  const tail = after ? words.slice(-CONTEXT_WORDS).join('') : '';
  return `${head}${head && !/\s$/.test(head) ? ' ' : ''}…${tail ? ' ' : ''}${tail}`;
};

const WordChanges = ({ changes, labels }: { changes: WordChange[]; labels: { insert: string; delete: string } }) => (
  <Prose variant="pi" textColor="neutral800" tag="p">
    {changes.map((part, index) => {
      if (part.type === 'insert')
        return (
          <Inserted key={index}>
            <VisuallyHidden>{`${labels.insert}: `}</VisuallyHidden>
            {part.text}
          </Inserted>
        );
      if (part.type === 'delete')
        return (
          <Deleted key={index}>
            <VisuallyHidden>{`${labels.delete}: `}</VisuallyHidden>
            {part.text}
          </Deleted>
        );
      return <React.Fragment key={index}>{elide(part.text, index > 0, index < changes.length - 1)}</React.Fragment>;
    })}
  </Prose>
);

const hasChanges = (changes: WordChange[]) => changes.some((part) => part.type !== 'equal');

/* -------------------------------------------------------------------------------------------------
 * Panel content
 * -----------------------------------------------------------------------------------------------*/

const Note = ({ children }: { children: React.ReactNode }) => (
  <Typography variant="pi" textColor="neutral600">
    {children}
  </Typography>
);

const SectionItem = ({ section, labels }: { section: SectionChange; labels: ReturnType<typeof useLabels> }) => {
  const heading = section.to?.heading || section.from?.heading || '';
  return (
    <Box tag="li" paddingTop={2} paddingBottom={2} borderColor="neutral150" borderStyle="solid" borderWidth="1px 0 0 0">
      <Flex gap={1} wrap="wrap" alignItems="center">
        {section.change !== 'unchanged' && (
          <Badge size="S" variant={section.change === 'added' ? 'success' : section.change === 'removed' ? 'danger' : 'warning'}>
            {labels[section.change]}
          </Badge>
        )}
        {section.moved && (
          <Badge size="S" variant="alternative">
            {labels.moved}
          </Badge>
        )}
        <Typography variant="pi" textColor="neutral600" style={{ fontFamily: 'monospace' }}>
          {section.key}
        </Typography>
      </Flex>
      {section.change === 'changed' && hasChanges(section.heading) ? (
        <Box paddingTop={1}>
          <WordChanges changes={section.heading} labels={labels} />
        </Box>
      ) : (
        heading && (
          <Box paddingTop={1}>
            <Typography variant="omega" fontWeight="semiBold" tag="p">
              {section.change === 'removed' ? <Deleted>{heading}</Deleted> : heading}
            </Typography>
          </Box>
        )
      )}
      {section.moved && section.from && section.to && <Note>{labels.position(section.from.position, section.to.position)}</Note>}
      {section.change === 'changed' && hasChanges(section.text) && (
        <Box paddingTop={1}>
          <WordChanges changes={section.text} labels={labels} />
        </Box>
      )}
    </Box>
  );
};

const useLabels = () => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `agreement-diff.${id}`, defaultMessage }, values);
  return {
    added: t('added', 'Added'),
    removed: t('removed', 'Removed'),
    changed: t('changed', 'Changed'),
    moved: t('moved', 'Moved'),
    insert: t('inserted', 'inserted'),
    delete: t('deleted', 'deleted'),
    position: (from: number, to: number) => t('position', 'Position {from} → {to}', { from, to }),
  };
};

type ContentProps = { documentId?: string; document?: Record<string, unknown> };

const AgreementDiffContent = ({ documentId, document }: ContentProps) => {
  const { formatMessage } = useIntl();
  const labels = useLabels();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `agreement-diff.${id}`, defaultMessage }, values);

  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  const locale = query.plugins?.i18n?.locale ?? (typeof document?.locale === 'string' ? document.locale : undefined);

  // The form's current values (unsaved edits included); the saved entry when outside the form.
  const formValues = useForm('AgreementDiffPanel', (state) => state.values, false);
  const modified = useForm('AgreementDiffPanel', (state) => state.modified, false) ?? false;
  const current = React.useDeferredValue(formValues ?? document);

  // Fetch again after a save: the entry may just have been adopted.
  const adopted = useAdoptedVersion(locale, document?.updatedAt);

  const diff = React.useMemo(() => (adopted.state === 'found' ? diffVersions(adopted.adopted.text, toVersionText(current)) : null), [adopted, current]);

  if (adopted.state === 'loading') return <Loader small>{t('loading', 'Loading the adopted version')}</Loader>;
  if (adopted.state === 'error') return <Note>{t('error', 'Could not load the adopted version.')}</Note>;
  if (adopted.state === 'none')
    return <Note>{t('none', 'There is no adopted version in this locale ({locale}) to compare with.', { locale: locale ?? '–' })}</Note>;
  if (documentId && adopted.adopted.documentId === documentId)
    return <Note>{t('self', 'This is the adopted version; there is nothing to compare it with.')}</Note>;
  if (!diff) return null;

  const { summary } = diff;
  const listed = diff.sections.filter((section) => section.change !== 'unchanged' || section.moved);
  const versionNumber = adopted.adopted.versionNumber;

  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <Note>
        {versionNumber === null
          ? t('against', 'Compared with the adopted version ({locale}).', { locale: locale ?? '–' })
          : t('againstNumber', 'Compared with adopted version {versionNumber} ({locale}).', { versionNumber, locale: locale ?? '–' })}
        {modified ? ` ${t('unsaved', 'Includes unsaved changes.')}` : ''}
      </Note>
      <Typography variant="omega" fontWeight="bold" tag="p">
        {t('summary', '{added} added, {removed} removed, {changed} changed, {moved} moved', {
          added: summary.added,
          removed: summary.removed,
          changed: summary.changed,
          moved: summary.moved,
        })}
      </Typography>
      {[
        { id: 'title', label: 'Title', changes: diff.title },
        { id: 'preamble', label: 'Preamble', changes: diff.preamble },
      ]
        .filter((field) => hasChanges(field.changes))
        .map((field) => (
          <Box key={field.id}>
            <Typography variant="sigma" textColor="neutral600">
              {t(field.id, field.label)}
            </Typography>
            <WordChanges changes={field.changes} labels={labels} />
          </Box>
        ))}
      {listed.length === 0 ? (
        <Note>{t('sameSections', 'The sections are the same as in the adopted version.')}</Note>
      ) : (
        <Box tag="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {listed.map((section) => (
            <SectionItem key={section.key} section={section} labels={labels} />
          ))}
        </Box>
      )}
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Side panel description (registered in src/admin/app.tsx)
 * -----------------------------------------------------------------------------------------------*/

export const AgreementDiffPanel: PanelComponent = ({ model, documentId, document }) => {
  const { formatMessage } = useIntl();
  if (model !== MODEL) return null;
  return {
    title: formatMessage({ id: 'agreement-diff.panel.title', defaultMessage: 'Changes since the adopted version' }),
    content: <AgreementDiffContent documentId={documentId} document={document} />,
  };
};
