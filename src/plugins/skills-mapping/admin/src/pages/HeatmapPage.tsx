import { useEffect, useState } from 'react';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';

type Status = 'good' | 'risk' | 'gap';
type Cell = { status: Status | null; holders: number | null; advanced: number | null; levels: number[] | null };
type Matrix = {
  dimension: string;
  columns: Array<{ key: string; label: string }>;
  rows: Array<{ skill: { documentId: string; name: string; category: string }; cells: Record<string, Cell> }>;
};

const BASE = '/skills-mapping';
const DIMENSIONS = [
  ['issueArea', 'Issue areas'],
  ['country', 'Countries'],
  ['organisation', 'Organisations'],
  ['language', 'Languages'],
] as const;
const CATEGORIES = ['forum_court', 'procedure', 'area_of_law', 'method', 'advocacy', 'research', 'communication'];

/** Each status has a symbol and a word as well as a colour, so the map reads without colour. */
const STATUS: Record<Status, { symbol: string; label: string; meaning: string; background: string; text: string }> = {
  good: { symbol: '●', label: 'Good', meaning: '2 or more holders at level 3 (advanced) or 4 (expert)', background: 'success100', text: 'success700' },
  risk: { symbol: '◐', label: 'Risk', meaning: '1 holder at level 3 or 4', background: 'warning100', text: 'warning700' },
  gap: { symbol: '○', label: 'Gap', meaning: 'nobody at level 3 or 4', background: 'danger100', text: 'danger700' },
};

const Legend = () => (
  <Flex gap={4} wrap="wrap" tag="ul" aria-label="Legend">
    {(Object.keys(STATUS) as Status[]).map((status) => (
      <Box key={status} tag="li" padding={2} hasRadius background={STATUS[status].background}>
        <Typography textColor={STATUS[status].text} fontWeight="bold">
          {STATUS[status].symbol} {STATUS[status].label}
        </Typography>{' '}
        <Typography textColor="neutral800">{STATUS[status].meaning}</Typography>
      </Box>
    ))}
    <Box tag="li" padding={2}>
      <Typography textColor="neutral600">Numbers: holders at level 3+ / all holders</Typography>
    </Box>
  </Flex>
);

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

  const params = () => ({ dimension, ...(minLevel ? { minLevel } : {}), ...(category ? { category } : {}) });

  useEffect(() => {
    get<{ data: Matrix }>(`${BASE}/matrix`, { params: params() })
      .then(({ data }) => setMatrix(data.data))
      .catch((error: Error) => toggleNotification({ type: 'danger', message: error.message }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dimension, minLevel, category]);

  const download = async () => {
    const { data } = await get<string>(`${BASE}/matrix.csv`, { params: params(), responseType: 'text' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([data], { type: 'text/csv' }));
    link.download = `skills-matrix-${dimension}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  if (!matrix) return <Page.Loading />;

  return (
    <Page.Main>
      <Layouts.Header title="Skills map" subtitle="Where our expertise lies, and where we must grow" primaryAction={<Button onClick={download}>Download CSV</Button>} />
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
              options={[['', 'All categories'], ...CATEGORIES.map((value): [string, string] => [value, value.replace(/_/g, ' ')])]}
            />
          </Flex>
          <Legend />
          <Box overflow="auto" background="neutral0" hasRadius shadow="tableShadow">
            <table style={{ borderCollapse: 'collapse', fontSize: '1.2rem' }}>
              <caption style={{ textAlign: 'left', padding: '0.8rem' }}>
                <Typography variant="sigma">Skills × {DIMENSIONS.find(([value]) => value === dimension)?.[1]}</Typography>
              </caption>
              <thead>
                <tr>
                  <th scope="col" style={{ textAlign: 'left', padding: '0.4rem 0.8rem' }}>
                    Skill
                  </th>
                  {matrix.columns.map((column) => (
                    <th key={column.key} scope="col" style={{ padding: '0.4rem', whiteSpace: 'nowrap' }}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((row) => (
                  <tr key={row.skill.documentId}>
                    <th scope="row" style={{ textAlign: 'left', padding: '0.4rem 0.8rem', whiteSpace: 'nowrap' }}>
                      {row.skill.name}
                    </th>
                    {matrix.columns.map((column) => {
                      const cell = row.cells[column.key];
                      const status = STATUS[cell.status ?? 'gap'];
                      return (
                        <Box key={column.key} tag="td" background={status.background} padding={1} style={{ textAlign: 'center' }} title={`${row.skill.name} · ${column.label}: ${status.label}`}>
                          <Typography textColor={status.text}>
                            {status.symbol} {cell.advanced ?? '–'}/{cell.holders ?? '–'}
                          </Typography>
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
