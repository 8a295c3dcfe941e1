import { z } from 'zod';
import { ADMIN_ACTIONS } from '../bootstrap';
import { localeQuery } from '../controllers/claims';
import { expertsQuery } from '../controllers/experts';
import { gapsQuery, matrixQuery } from '../controllers/matrix';
import { claimsSchema } from '../services/claims';
import { routeRequest } from '../../../../../utils/route-schemas';
import { claims, experts, gaps, matrix } from './schemas';

const can = (action: string) => ({ policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }] });

const ownClaims = routeRequest({ query: localeQuery });
const replaceOwnClaims = routeRequest({ query: localeQuery, body: { data: claimsSchema } });
const membersClaims = routeRequest({ params: { documentId: z.string() }, query: localeQuery });
const replaceMembersClaims = routeRequest({ params: { documentId: z.string() }, query: localeQuery, body: { data: claimsSchema } });

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/matrix', handler: 'matrix.find', config: {}, request: routeRequest({ query: matrixQuery }), response: matrix },
      { method: 'GET', path: '/matrix.csv', handler: 'matrix.csv', config: {}, request: routeRequest({ query: matrixQuery }) },
      { method: 'GET', path: '/gaps', handler: 'matrix.gaps', config: {}, request: routeRequest({ query: gapsQuery }), response: gaps },
      { method: 'GET', path: '/experts', handler: 'experts.find', config: {}, request: routeRequest({ query: expertsQuery }), response: experts },
      { method: 'GET', path: '/me/claims', handler: 'claims.findMine', config: {}, request: ownClaims, response: claims },
      { method: 'PUT', path: '/me/claims', handler: 'claims.replaceMine', config: {}, request: replaceOwnClaims, response: claims },
      { method: 'GET', path: '/members/:documentId/claims', handler: 'claims.findForMember', config: {}, request: membersClaims, response: claims },
      { method: 'PUT', path: '/members/:documentId/claims', handler: 'claims.replaceForMember', config: {}, request: replaceMembersClaims, response: claims },
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
