import type { Core } from '@strapi/strapi';
import { ADMIN_ACTIONS } from '../bootstrap';
import { getService } from '../utils/get-service';
import { routeRequest } from '../../../../../utils/route-schemas';
import { searchResults, tenantToken } from './schemas';

const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }] });

const searchRoute: Core.RouteInput = {
  method: 'GET',
  path: '/search',
  handler: 'search.search',
  config: { auth: false, middlewares: ['plugin::multilingual-search.identify'] },
  response: searchResults,
};

/**
 * The search parameters (filters and facets) follow the configured types, which are checked at
 * bootstrap: the route's query is declared then, before anything reads the routes' schemas.
 */
export const declareSearchQuery = (strapi: Core.Strapi) => {
  searchRoute.request = routeRequest({ query: getService(strapi, 'search').querySchema() });
};

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      searchRoute,
      {
        method: 'GET',
        path: '/token',
        handler: 'search.token',
        config: { auth: false, middlewares: ['plugin::multilingual-search.identify'] },
        response: tenantToken,
      },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/status', handler: 'admin.status', config: can(ADMIN_ACTIONS.read) },
      { method: 'POST', path: '/reindex', handler: 'admin.reindex', config: can(ADMIN_ACTIONS.reindex) },
      { method: 'POST', path: '/retry', handler: 'admin.retry', config: can(ADMIN_ACTIONS.reindex) },
    ],
  },
};
