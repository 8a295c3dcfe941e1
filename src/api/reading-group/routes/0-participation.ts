/** Joining and leaving a reading group, and its participants. Listed before the core routes. */
export default {
  routes: [
    { method: 'POST', path: '/reading-groups/:id/participants', handler: 'api::reading-group.reading-group.join', config: {} },
    { method: 'DELETE', path: '/reading-groups/:id/participants', handler: 'api::reading-group.reading-group.leave', config: {} },
    { method: 'GET', path: '/reading-groups/:id/participants', handler: 'api::reading-group.reading-group.participants', config: {} },
  ],
};
