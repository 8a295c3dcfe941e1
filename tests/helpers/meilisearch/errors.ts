/** Meilisearch error bodies (`ResponseError` in the contract) and the errors the contract server answers with. */

type ErrorType = 'internal' | 'invalid_request' | 'auth' | 'system';
export type ErrorBody = { message: string; code: string; type: ErrorType; link: string };

const errorBody = (code: string, message: string, type: ErrorType): ErrorBody => ({
  message,
  code,
  type,
  link: `https://docs.meilisearch.com/errors#${code}`,
});

const typeOfStatus = (status: number): ErrorType => (status === 401 || status === 403 ? 'auth' : status >= 500 ? 'internal' : 'invalid_request');

/**
 * An error answer. `violation` says whether the request breaks the contract (the real server
 * refuses it: the test must fail), as opposed to a state a client may legitimately probe, such as
 * an index that does not exist yet.
 */
export class MeiliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly violation: boolean,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return errorBody(this.code, this.message, typeOfStatus(this.status));
  }
}

/** A request the real server refuses with 400. */
export const invalid = (code: string, message: string) => new MeiliError(400, code, message, true);

/** A resource that does not exist: the answer of the real server, not a contract violation. */
export const notFound = (code: string, message: string) => new MeiliError(404, code, message, false);

export const indexNotFound = (uid: string) => notFound('index_not_found', `Index \`${uid}\` not found.`);

/** A valid request that this fake cannot answer faithfully: recorded, so that no test passes on a guess. */
export const unsupported = (what: string) => new MeiliError(501, 'internal', `The contract server does not implement ${what}.`, true);
