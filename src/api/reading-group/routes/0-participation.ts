import { myReadingGroupsQuery } from '../controllers/reading-group';
import { joined, left, myReadingGroups, participants } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';
import { documentIdParam } from '../../../utils/parse';

const byDocumentId = routeRequest({ params: { id: documentIdParam } });

/** Joining and leaving a reading group, its participants, and the caller's groups. Listed before the core routes. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/me/reading-groups',
      handler: 'api::reading-group.reading-group.mine',
      config: {},
      request: routeRequest({ query: myReadingGroupsQuery }),
      response: myReadingGroups,
    },
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
