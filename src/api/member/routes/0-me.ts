import { z } from 'zod';
import { memberMessageSchema, ownProfileSchema } from '../controllers/member';
import { memberContact, messageSent, ownDataExport, ownProfileResponse } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';
import { documentIdParam } from '../../../utils/parse';

/** The profile routes read `locale` as given (the member service checks it). */
const ownProfileQuery = z.object({ locale: z.string().optional() });

const byDocumentId = { id: documentIdParam };

/**
 * A member's own profile and data (export, erasure), and contacting another member. Listed before
 * the core routes so `/members/me` is not read as an id.
 */
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
    {
      method: 'GET',
      path: '/members/:id/contact',
      handler: 'api::member.member.contact',
      config: {},
      request: routeRequest({ params: byDocumentId }),
      response: memberContact,
    },
    {
      method: 'POST',
      path: '/members/:id/messages',
      handler: 'api::member.member.message',
      config: {},
      request: routeRequest({ params: byDocumentId, body: { data: memberMessageSchema } }),
      response: messageSent,
    },
  ],
};
