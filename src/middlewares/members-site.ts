import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/** A page of the members' site: a path below /search/ whose last segment names no file (`/search/workshops/abc`). */
const SITE_PAGE = /^\/search\/(?:[^/.]+\/)*[^/.]*$/;

/**
 * The members' site is one page whose script shows what its path names, so that every page of it
 * (a resource, a workshop, the agreement) has a URL of its own that can be bookmarked and reloaded.
 * strapi::public serves the site's files; every other GET of a page's path gets its index.html.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const indexFile = path.join(strapi.dirs.static.public, 'search', 'index.html');
  return async (
    ctx: { method: string; path: string; status: number; body: unknown; type: string; set: (name: string, value: string) => void },
    next: () => Promise<void>,
  ) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 404 || ctx.body || !SITE_PAGE.test(ctx.path)) return;
    ctx.status = 200;
    ctx.type = 'html';
    // The page changes with every build of the site: browsers ask again rather than keep an old one.
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = createReadStream(indexFile);
  };
};
