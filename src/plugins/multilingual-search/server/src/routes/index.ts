import { ADMIN_ACTIONS } from '../bootstrap';

const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }] });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/search', handler: 'search.search', config: { auth: false, middlewares: ['plugin::multilingual-search.identify'] } },
      { method: 'GET', path: '/token', handler: 'search.token', config: { auth: false, middlewares: ['plugin::multilingual-search.identify'] } },
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
