import type { TestApp } from './strapi';

/** Who calls: nobody (public), a signed-in user (anything with a `jwt`, e.g. a TestUser), or an API token. */
export type Caller = 'public' | { jwt: string } | { token: string };

const authorization = (caller: Caller) => {
  if (caller === 'public') return undefined;
  return `Bearer ${'jwt' in caller ? caller.jwt : caller.token}`;
};

/** supertest requests as `caller`: `api(app, member).get('/api/resources')`. */
export const api = (app: Pick<TestApp, 'http'>, caller: Caller = 'public') => {
  const header = authorization(caller);
  const withAuth = <T extends { set: (name: string, value: string) => T }>(request: T) => (header ? request.set('Authorization', header) : request);
  return {
    get: (path: string) => withAuth(app.http().get(path)),
    post: (path: string, body?: object) => withAuth(app.http().post(path)).send(body),
    put: (path: string, body?: object) => withAuth(app.http().put(path)).send(body),
    delete: (path: string) => withAuth(app.http().delete(path)),
  };
};
