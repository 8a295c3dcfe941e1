import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/**
 * Sends GET requests from a worker thread, `concurrency` at a time, and returns each request's
 * latency in ms. The client runs on its own thread so that its work is not counted as the server's.
 */
export const loadFromWorker = (urls: string[], concurrency: number) =>
  new Promise<number[]>((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { urls, concurrency } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });

const run = async ({ urls, concurrency }: { urls: string[]; concurrency: number }) => {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++];
        const started = performance.now();
        const response = await fetch(url).catch(() => fetch(url));
        if (response.status !== 200) throw new Error(`${response.status} for ${url}: ${await response.text()}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
};

if (!isMainThread && workerData?.urls) {
  run(workerData).then((latencies) => parentPort!.postMessage(latencies));
}
