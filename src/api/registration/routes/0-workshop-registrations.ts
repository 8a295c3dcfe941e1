import { cancelled, registered, workshopRegistrations } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';
import { documentIdParam } from '../../../utils/parse';

const byDocumentId = routeRequest({ params: { id: documentIdParam } });

/**
 * Registering for a workshop and cancelling. Listed before the core routes, so the cancellation
 * route below answers `DELETE /registrations/:id` (a cancellation keeps the row, marked cancelled).
 */
export default {
  routes: [
    {
      method: 'POST',
      path: '/workshops/:id/registrations',
      handler: 'api::registration.registration.register',
      config: {},
      request: byDocumentId,
      response: registered,
    },
    {
      method: 'DELETE',
      path: '/workshops/:id/registrations',
      handler: 'api::registration.registration.cancelForWorkshop',
      config: {},
      request: byDocumentId,
      response: cancelled,
    },
    {
      method: 'GET',
      path: '/workshops/:id/registrations',
      handler: 'api::registration.registration.listForWorkshop',
      config: {},
      request: byDocumentId,
      response: workshopRegistrations,
    },
    { method: 'DELETE', path: '/registrations/:id', handler: 'api::registration.registration.cancel', config: {}, request: byDocumentId, response: cancelled },
  ],
};
