import { ADMIN_ACTIONS } from '../bootstrap';

const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }] });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/matrix', handler: 'matrix.find', config: {} },
      { method: 'GET', path: '/matrix.csv', handler: 'matrix.csv', config: {} },
      { method: 'GET', path: '/gaps', handler: 'matrix.gaps', config: {} },
      { method: 'GET', path: '/experts', handler: 'experts.find', config: {} },
      { method: 'GET', path: '/me/claims', handler: 'claims.findMine', config: {} },
      { method: 'PUT', path: '/me/claims', handler: 'claims.replaceMine', config: {} },
      { method: 'GET', path: '/members/:documentId/claims', handler: 'claims.findForMember', config: {} },
      { method: 'PUT', path: '/members/:documentId/claims', handler: 'claims.replaceForMember', config: {} },
    ],
  },
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/matrix', handler: 'admin.find', config: can(ADMIN_ACTIONS.read) },
      { method: 'GET', path: '/matrix.csv', handler: 'admin.csv', config: can(ADMIN_ACTIONS.read) },
    ],
  },
};
