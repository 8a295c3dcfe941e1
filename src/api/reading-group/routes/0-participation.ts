import { joined, left, participants } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';
import { documentIdParam } from '../../../utils/parse';

const byDocumentId = routeRequest({ params: { id: documentIdParam } });

/** Joining and leaving a reading group, and its participants. Listed before the core routes. */
export default {
  routes: [
    {
      method: 'POST',
      path: '/reading-groups/:id/participants',
      handler: 'api::reading-group.reading-group.join',
      config: {},
      request: byDocumentId,
      response: joined,
    },
    {
      method: 'DELETE',
      path: '/reading-groups/:id/participants',
      handler: 'api::reading-group.reading-group.leave',
      config: {},
      request: byDocumentId,
      response: left,
    },
    {
      method: 'GET',
      path: '/reading-groups/:id/participants',
      handler: 'api::reading-group.reading-group.participants',
      config: {},
      request: byDocumentId,
      response: participants,
    },
  ],
};
