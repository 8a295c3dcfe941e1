import { z } from 'zod';
import { ownProfileSchema } from '../controllers/member';
import { ownDataExport, ownProfileResponse } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';

/** The profile routes read `locale` as given (the member service checks it). */
const ownProfileQuery = z.object({ locale: z.string().optional() });

/** A member's own profile and data (export, erasure). Listed before the core routes so `/members/me` is not read as an id. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/members/me',
      handler: 'api::member.member.me',
      config: {},
      request: routeRequest({ query: ownProfileQuery }),
      response: ownProfileResponse,
    },
    {
      method: 'PUT',
      path: '/members/me',
      handler: 'api::member.member.updateMe',
      config: {},
      request: routeRequest({ query: ownProfileQuery, body: { data: ownProfileSchema } }),
      response: ownProfileResponse,
    },
    { method: 'GET', path: '/me/export', handler: 'api::member.member.exportMine', config: {}, response: ownDataExport },
    { method: 'DELETE', path: '/me', handler: 'api::member.member.eraseMine', config: {} },
  ],
};
