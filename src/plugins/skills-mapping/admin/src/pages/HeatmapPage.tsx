import { useEffect, useState, type CSSProperties } from 'react';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { isUiLanguage, translator, type Translate } from '../../../../../members-site/i18n';
import { cellStatus, legendText, MATRIX_STATUSES, STATUS_SYMBOL, statusWord } from '../../../../../members-site/matrix-status';
import { heatmapCellText, STATUS_COLOURS, type HeatmapCell } from './heatmap-cell';

type Matrix = {
  dimension: string;
  columns: Array<{ key: string; label: string }>;
  rows: Array<{ skill: { documentId: string; name: string; category: string }; cells: Record<string, HeatmapCell> }>;
};

const BASE = '/skills-mapping';
const DIMENSIONS = [
  ['issueArea', 'Issue areas'],
  ['country', 'Countries'],
  ['organisation', 'Organisations'],
  ['language', 'Languages'],
] as const;
/** What the server says along with the matrix: the skill categories to filter on and the advanced level. */
type MatrixMeta = { categories: string[]; advancedLevel: number };

/** The status words in the admin panel's language where the members' search page speaks it, else in English. */
const useStatusWords = (): Translate => {
  const { locale } = useIntl();
  const language = locale.split('-')[0];
  return translator(isUiLanguage(language) ? language : 'en');
};

const Legend = ({ t, advancedLevel }: { t: Translate; advancedLevel: number }) => (
  <Flex gap={4} wrap="wrap" tag="ul" aria-label="Legend">
    {MATRIX_STATUSES.map((status) => (
      <Box key={status} tag="li" padding={2} hasRadius background={STATUS_COLOURS[status].background}>
        <Typography textColor={STATUS_COLOURS[status].text} fontWeight="bold">
          {STATUS_SYMBOL[status]} {t(statusWord(status))}
        </Typography>{' '}
        <Typography textColor="neutral800">{t(legendText(status))}</Typography>
      </Box>
    ))}
    <Box tag="li" padding={2}>
      <Typography textColor="neutral600">Numbers: holders at level {advancedLevel}+ / all holders</Typography>
    </Box>
  </Flex>
);

/**
 * The table scrolls inside its own box, both ways, so the page never cuts its rightmost columns off.
 * Width 0 with a minimum of 100%: the box fills the page's width without the wide table widening
 * the page itself (which is what cut the columns off). The header row and the skills column stay in
 * view (sticky) while it scrolls; their background hides the cells passing under them.
 */
const SCROLL_BOX: CSSProperties = { overflow: 'auto', width: 0, minWidth: '100%', maxHeight: '70vh' };
const STICKY_TOP: CSSProperties = { position: 'sticky', top: 0, zIndex: 2 };
const STICKY_LEFT: CSSProperties = { position: 'sticky', left: 0, zIndex: 1 };
const CORNER: CSSProperties = { ...STICKY_TOP, ...STICKY_LEFT, zIndex: 3 };

const Filter = ({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: Array<[string, string]> }) => (
  <Box width="16rem">
    <Field.Root name={label}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(selected: string | number) => onChange(String(selected))}>
        {options.map(([optionValue, optionLabel]) => (
          <SingleSelectOption key={optionValue || 'all'} value={optionValue}>
            {optionLabel}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  </Box>
);

/** The coverage matrix as a heatmap: skills × the chosen dimension, with filters and a CSV download. */
const HeatmapPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [dimension, setDimension] = useState<string>('issueArea');
  const [minLevel, setMinLevel] = useState<string>('');
  const [category, setCategory] = useState<string>('');
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [meta, setMeta] = useState<MatrixMeta | null>(null);
  const t = useStatusWords();

  const params = () => ({ dimension, ...(minLevel ? { minLevel } : {}), ...(category ? { category } : {}) });

  useEffect(() => {
    get<{ data: Matrix; meta: MatrixMeta }>(`${BASE}/matrix`, { params: params() })
      .then(({ data }) => {
        setMatrix(data.data);
        setMeta(data.meta);
      })
      .catch((error: Error) => toggleNotification({ type: 'danger', message: error.message }));
  }, [dimension, minLevel, category]);

  const download = async () => {
    const { data } = await get<string>(`${BASE}/matrix.csv`, { params: params(), responseType: 'text' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
    link.download = `skills-matrix-${dimension}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  if (!matrix || !meta) return <Page.Loading />;

  return (
    <Page.Main>
      <Layouts.Header
        title="Skills map"
        subtitle="Where our expertise lies, and where we must grow"
        primaryAction={<Button onClick={download}>Download CSV</Button>}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={4} wrap="wrap">
            <Filter label="Columns" value={dimension} onChange={setDimension} options={DIMENSIONS.map(([value, label]) => [value, label])} />
            <Filter
              label="Minimum level"
              value={minLevel}
              onChange={setMinLevel}
              options={[['', 'Any level'], ...[0, 1, 2, 3, 4].map((level): [string, string] => [String(level), `${level}+`])]}
            />
            <Filter
              label="Category"
              value={category}
              onChange={setCategory}
              options={[['', 'All categories'], ...meta.categories.map((value): [string, string] => [value, value.replace(/_/g, ' ')])]}
            />
          </Flex>
          <Legend t={t} advancedLevel={meta.advancedLevel} />
          <Box
            background="neutral0"
            hasRadius
            shadow="tableShadow"
            style={SCROLL_BOX}
            tabIndex={0}
            role="region"
            aria-label="Skills map table"
            data-heatmap-scroll
          >
            <table style={{ borderCollapse: 'separate', borderSpacing: 0, fontSize: '1.2rem' }}>
              <caption style={{ textAlign: 'left', padding: '0.8rem' }}>
                <Typography variant="sigma">Skills × {DIMENSIONS.find(([value]) => value === dimension)?.[1]}</Typography>
              </caption>
              <thead>
                <tr>
                  <Box tag="th" scope="col" background="neutral0" style={{ ...CORNER, textAlign: 'left', padding: '0.4rem 0.8rem' }}>
                    Skill
                  </Box>
                  {matrix.columns.map((column) => (
                    <Box key={column.key} tag="th" scope="col" background="neutral0" style={{ ...STICKY_TOP, padding: '0.4rem', whiteSpace: 'nowrap' }}>
                      {column.label}
                    </Box>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((row) => (
                  <tr key={row.skill.documentId}>
                    <Box
                      tag="th"
                      scope="row"
                      background="neutral0"
                      style={{ ...STICKY_LEFT, textAlign: 'left', padding: '0.4rem 0.8rem', whiteSpace: 'nowrap' }}
                    >
                      {row.skill.name}
                    </Box>
                    {matrix.columns.map((column) => {
                      const cell = row.cells[column.key];
                      const status = cellStatus(cell);
                      return (
                        <Box
                          key={column.key}
                          tag="td"
                          background={STATUS_COLOURS[status].background}
                          padding={1}
                          style={{ textAlign: 'center', whiteSpace: 'nowrap' }}
                          title={`${row.skill.name} · ${column.label}: ${t(statusWord(status))}`}
                          data-status={status}
                        >
                          <Typography textColor={STATUS_COLOURS[status].text}>{heatmapCellText(cell, t)}</Typography>
                        </Box>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default HeatmapPage;
