import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export type LoadRequest = { url: string; method?: 'GET' | 'POST' | 'DELETE'; authorization?: string };
/** What one request got: its HTTP status (0 when no answer came), latency in ms, and body text. */
export type LoadResult = { status: number; ms: number; body: string };

/**
 * Sends `requests` from a worker thread, `concurrency` at a time, and returns what each got, in the
 * order of `requests`. The client runs on its own thread so that its work is not counted as the server's.
 */
export const requestsFromWorker = (requests: LoadRequest[], concurrency: number) =>
  new Promise<LoadResult[]>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { requests, concurrency } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });

/** GETs `urls` from a worker thread, `concurrency` at a time, and returns each request's latency in ms; every answer must be a 200. */
export const loadFromWorker = async (urls: string[], concurrency: number) => {
  const results = await requestsFromWorker(
    urls.map((url) => ({ url })),
    concurrency,
  );
  const failed = results.findIndex((result) => result.status !== 200);
  if (failed >= 0) throw new Error(`${results[failed].status} for ${urls[failed]}: ${results[failed].body}`);
  return results.map((result) => result.ms);
};

const send = async ({ url, method = 'GET', authorization }: LoadRequest) => {
  const init = { method, headers: authorization ? { Authorization: authorization } : undefined };
  // Once more when the connection failed before any answer (a kept-alive socket the server had closed).
  const response = await fetch(url, init).catch(() => fetch(url, init));
  return { status: response.status, body: await response.text() };
};

const run = async ({ requests, concurrency }: { requests: LoadRequest[]; concurrency: number }) => {
  const results: LoadResult[] = new Array(requests.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const i = next++;
        const started = performance.now();
        const answer = await send(requests[i]).catch((error: Error) => ({ status: 0, body: error.message }));
        results[i] = { ...answer, ms: performance.now() - started };
      }
    }),
  );
  return results;
};

if (!isMainThread && workerData?.requests) {
  run(workerData).then((results) => parentPort!.postMessage(results));
}
