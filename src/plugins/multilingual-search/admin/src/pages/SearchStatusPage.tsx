import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, Flex, Grid, ProgressBar, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { byTypeThenLocale } from '../../../server/src/utils/index-order';

type Status = {
  engine: string;
  /** The server process that answered: with the embedded engine, whose indexes and backlog these are. */
  process: string;
  health: { ok: boolean; message?: string };
  indexes: Array<{ name: string; type: string; locale: string; documents: number; lastSync: number | null }>;
  outbox: {
    /** `queue`: the backlog every process shares; `log`: that of the process that answered. */
    mode: 'queue' | 'log';
    pending: number;
    retrying: number;
    failed: number;
    lastError: { message: string; uid: string; documentId: string; attempts: number; at: string } | null;
  };
  reindex: { startedAt: number; progress: Array<{ type: string; locale: string; indexed: number; total: number }> } | null;
};

const BASE = '/multilingual-search';

const Stat = ({ label, value, tone }: { label: string; value: number; tone?: 'danger' | 'warning' }) => (
  <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
    <Typography variant="sigma" textColor="neutral600" tag="p">
      {label}
    </Typography>
    <Typography variant="alpha" tag="p" textColor={value > 0 && tone ? `${tone}600` : 'neutral800'}>
      {value}
    </Typography>
  </Box>
);

/** Engine health, indexes, sync backlog and failures, and reindexing with live progress. */
const SearchStatusPage = () => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { data } = await get<Status>(`${BASE}/status`);
      // Both lists read by type, then locale: the reindex progress comes in the order the work is done.
      setStatus({
        ...data,
        indexes: [...data.indexes].sort(byTypeThenLocale),
        reindex: data.reindex && { ...data.reindex, progress: [...data.reindex.progress].sort(byTypeThenLocale) },
      });
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, [get]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), status?.reindex ? 1000 : 5000);
    return () => clearInterval(timer);
  }, [refresh, status?.reindex]);

  const act = async (path: string, success: string) => {
    try {
      await post(`${BASE}/${path}`, {});
      toggleNotification({ type: 'success', message: success });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: (failure as Error).message });
    }
    await refresh();
  };

  if (!status && !error) return <Page.Loading />;

  return (
    <Page.Main>
      <Layouts.Header
        title="Search index"
        subtitle={
          status
            ? status.outbox.mode === 'log'
              ? `Engine: ${status.engine}. Each server process keeps its own indexes and applies every change: these are those of process ${status.process}.`
              : `Engine: ${status.engine}, shared by every server process.`
            : undefined
        }
        primaryAction={
          <Button onClick={() => act('reindex', 'Reindex started')} disabled={Boolean(status?.reindex)}>
            {status?.reindex ? 'Reindexing…' : 'Reindex everything'}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {error && (
            <Alert variant="danger" title="Status unavailable" closeLabel="Close">
              {error}
            </Alert>
          )}
          {status && (
            <>
              <Alert variant={status.health.ok ? 'success' : 'danger'} title={status.health.ok ? 'Engine healthy' : 'Engine unreachable'} closeLabel="Close">
                {status.health.message}
              </Alert>

              <Grid.Root gap={4}>
                <Grid.Item col={4} s={12}>
                  <Stat label={status.outbox.mode === 'log' ? 'Changes not yet applied here' : 'Changes waiting'} value={status.outbox.pending} />
                </Grid.Item>
                <Grid.Item col={4} s={12}>
                  <Stat label="Being retried" value={status.outbox.retrying} tone="warning" />
                </Grid.Item>
                <Grid.Item col={4} s={12}>
                  <Stat label="Failed" value={status.outbox.failed} tone="danger" />
                </Grid.Item>
              </Grid.Root>

              {status.outbox.lastError && (
                <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
                  <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
                    <Flex direction="column" alignItems="flex-start" gap={1}>
                      <Typography variant="delta" tag="h2">
                        Last error
                      </Typography>
                      <Typography>{status.outbox.lastError.message}</Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {status.outbox.lastError.uid} {status.outbox.lastError.documentId}, attempt {status.outbox.lastError.attempts}
                      </Typography>
                    </Flex>
                    <Button variant="secondary" onClick={() => act('retry', 'The changes will be tried again now')}>
                      Retry now
                    </Button>
                  </Flex>
                </Box>
              )}

              {status.reindex && (
                <Box padding={4} hasRadius background="neutral0" shadow="tableShadow">
                  <Typography variant="delta" tag="h2">
                    Reindexing
                  </Typography>
                  <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3}>
                    {status.reindex.progress.map((entry) => (
                      <Flex key={`${entry.type}-${entry.locale}`} gap={3}>
                        <Box width="14rem">
                          <Typography>
                            {entry.type} · {entry.locale}
                          </Typography>
                        </Box>
                        <ProgressBar value={entry.total ? Math.round((100 * entry.indexed) / entry.total) : 100} />
                        <Typography variant="pi">
                          {entry.indexed} / {entry.total}
                        </Typography>
                      </Flex>
                    ))}
                  </Flex>
                </Box>
              )}

              <Table colCount={5} rowCount={status.indexes.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">Type</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Language</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Index</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Documents</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">Last sync</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {status.indexes.map((index) => (
                    <Tr key={index.name}>
                      <Td>
                        <Typography>{index.type}</Typography>
                      </Td>
                      <Td>
                        <Typography>{index.locale}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral600">{index.name}</Typography>
                      </Td>
                      <Td>
                        <Badge>{index.documents}</Badge>
                      </Td>
                      <Td>
                        <Typography textColor="neutral600">{index.lastSync ? new Date(index.lastSync).toLocaleString() : '—'}</Typography>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default SearchStatusPage;
