import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { APP_DIR } from '../paths';
import { MeiliError, unsupported } from './errors';
import { type Route, loadContract } from './openapi';
import { checkIndexUid } from './operations';
import { type Answer, type KeyView, handlers } from './routes';
import { defaultSettingsOf } from './settings';
import { Store, type Violation } from './store';

/**
 * A Meilisearch stand-in for tests (no Meilisearch server can be installed here): every request
 * is checked against the official OpenAPI contract, and any request the real server would
 * refuse is recorded in `violations`, as is any answer of ours the contract does not allow.
 * State lives in memory; write tasks are processed a few milliseconds after they are enqueued;
 * faults can be injected.
 */

export type RequestKind = 'documents' | 'tasks' | 'settings' | 'search' | 'indexes' | 'other';

export type ContractServer = {
  url: string;
  /** Admin requests must send `Authorization: Bearer <masterKey>`. */
  masterKey: string;
  /** A search-only key (GET /keys lists it, with its uid). */
  searchKey: string;
  searchKeyUid: string;
  /** Requests the real server would reject, and any response body of ours that is not valid against the schema. */
  violations: Violation[];
  /** Every request received: for batching statistics. bytes = request body length. */
  requests: Array<{ method: string; path: string; bytes: number; kind: RequestKind }>;
  faults: {
    /** The next n requests (except GET /health) answer `status` (default 500) with a Meilisearch error body. */
    failRequests(n: number, status?: number): void;
    /** The next n requests get no answer for `ms` milliseconds (to trigger client timeouts). */
    delayRequests(n: number, ms: number): void;
    /** The next n tasks end with status "failed" and an error object. */
    failTasks(n: number, message?: string): void;
    /** While on, connections are refused (stop listening; start again on the same port when off). */
    refuseConnections(on: boolean): Promise<void>;
  };
  /** Current content of an index, or undefined. */
  index(uid: string): { primaryKey: string | null; documents: Map<string, Record<string, unknown>>; settings: Record<string, unknown> } | undefined;
  indexUids(): string[];
  /** Forget indexes, tasks, logs, violations and faults. */
  reset(): void;
  close(): Promise<void>;
};

const DEFAULT_SPEC_PATH = path.join(APP_DIR, 'tests', 'fixtures', 'meilisearch', 'openapi-1.53.0.json');

const KINDS: Array<[RegExp, RequestKind]> = [
  [/^\/tasks(\/|$)/, 'tasks'],
  [/^\/indexes\/[^/]+\/documents(\/|$)/, 'documents'],
  [/^\/indexes\/[^/]+\/settings(\/|$)/, 'settings'],
  [/^\/(multi-search|indexes\/[^/]+\/(search|facet-search|similar))$/, 'search'],
  [/^\/(indexes(\/[^/]+(\/stats)?)?|swap-indexes)$/, 'indexes'],
];

const kindOf = (pathname: string) => KINDS.find(([pattern]) => pattern.test(pathname))?.[1] ?? 'other';

const readBody = (request: http.IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

const listen = (server: http.Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

const stopListening = (server: http.Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Kept-alive connections would still be served: cut them, the client must reconnect.
    server.closeAllConnections();
  });

export const startContractServer = async (options: { specPath?: string; port?: number } = {}): Promise<ContractServer> => {
  const contract = loadContract(options.specPath ?? DEFAULT_SPEC_PATH);
  const defaults = defaultSettingsOf(contract.settingsSchema);
  const masterKey = randomBytes(16).toString('hex');
  const searchKeyUid = randomUUID();
  // As in Meilisearch, a key is the HMAC of its uid with the master key.
  const searchKey = createHmac('sha256', masterKey).update(searchKeyUid).digest('hex');
  const created = new Date().toISOString();
  const keys: KeyView[] = [
    {
      name: 'Default Search API Key',
      description: 'Use it to search from the frontend',
      key: searchKey,
      uid: searchKeyUid,
      actions: ['search'],
      indexes: ['*'],
      expiresAt: null,
      createdAt: created,
      updatedAt: created,
    },
  ];
  const violations: ContractServer['violations'] = [];
  const requests: ContractServer['requests'] = [];
  const store = new Store((violation) => violations.push(violation));
  const injected = { failures: 0, failureStatus: 500, delays: 0, delayMs: 0 };

  const authorize = (route: Route, header: string | undefined) => {
    if (contract.isPublic(route)) return;
    if (!header)
      throw new MeiliError(401, 'missing_authorization_header', 'The Authorization header is missing. It must use the bearer authorization method.', true);
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (token === masterKey || (token === searchKey && contract.allowsSearchKey(route))) return;
    throw new MeiliError(403, 'invalid_api_key', 'The provided API key is invalid.', true);
  };

  const injectFailure = (route: Route) => {
    if (injected.failures === 0 || (route.method === 'GET' && route.template === '/health')) return;
    injected.failures -= 1;
    throw new MeiliError(injected.failureStatus, 'internal', `Injected fault: the contract server answers ${injected.failureStatus}.`, false);
  };

  /** Route, key, then contract (as the real server checks them), then faults, then the answer. */
  const answer = (request: http.IncomingMessage, url: URL, rawBody: string, route: Route): Answer => {
    authorize(route, request.headers.authorization);
    if (route.pathParams.index_uid !== undefined) checkIndexUid(route.pathParams.index_uid);
    const { query, body } = contract.validateRequest(route, url.searchParams, rawBody, request.headers['content-type']);
    injectFailure(route);
    const handler = handlers[`${route.method} ${route.template}`];
    if (!handler) throw unsupported(`${route.method} ${route.template}`);
    return handler({
      store,
      defaults,
      version: contract.version,
      keys,
      pathParams: route.pathParams,
      query,
      body,
      origin: { method: route.method, path: url.pathname },
    });
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const raw = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://contract.test');
    const method = request.method ?? 'GET';
    requests.push({ method, path: url.pathname, bytes: raw.length, kind: kindOf(url.pathname) });
    if (injected.delays > 0) {
      injected.delays -= 1;
      await sleep(injected.delayMs);
    }
    let route: Route | undefined;
    let result: Answer;
    try {
      route = contract.match(method, url.pathname);
      result = answer(request, url, raw.toString('utf8'), route);
    } catch (error) {
      const failure = error instanceof MeiliError ? error : new MeiliError(500, 'internal', `contract server bug: ${(error as Error).stack}`, true);
      if (failure.violation) violations.push({ method, path: url.pathname, message: `${failure.status} ${failure.code}: ${failure.message}` });
      result = { status: failure.status, body: failure.body() };
    }
    const breach = route && contract.checkResponse(route, result.status, result.body);
    if (breach) violations.push({ method, path: url.pathname, message: `answer of the contract server: ${breach}` });
    if (!response.destroyed) response.writeHead(result.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(result.body));
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    masterKey,
    searchKey,
    searchKeyUid,
    violations,
    requests,
    faults: {
      failRequests(n, status = 500) {
        Object.assign(injected, { failures: n, failureStatus: status });
      },
      delayRequests(n, ms) {
        Object.assign(injected, { delays: n, delayMs: ms });
      },
      failTasks(n, message = 'Injected fault: the task fails.') {
        store.failTasks(n, message);
      },
      async refuseConnections(on) {
        if (on && server.listening) await stopListening(server);
        if (!on && !server.listening) await listen(server, port);
      },
    },
    index(uid) {
      const index = store.indexes.get(uid);
      return index && { primaryKey: index.primaryKey, documents: index.documents, settings: index.settings };
    },
    indexUids: () => [...store.indexes.keys()].sort(),
    reset() {
      store.reset();
      violations.length = 0;
      requests.length = 0;
      Object.assign(injected, { failures: 0, failureStatus: 500, delays: 0, delayMs: 0 });
    },
    async close() {
      store.stop();
      if (server.listening) await stopListening(server);
    },
  };
};
