/**
 * Registering for a workshop and cancelling. Listed before the core routes, so the cancellation
 * route below answers `DELETE /registrations/:id` (a cancellation keeps the row, marked cancelled).
 */
export default {
  routes: [
    { method: 'POST', path: '/workshops/:id/registrations', handler: 'api::registration.registration.register', config: {} },
    { method: 'DELETE', path: '/workshops/:id/registrations', handler: 'api::registration.registration.cancelForWorkshop', config: {} },
    { method: 'GET', path: '/workshops/:id/registrations', handler: 'api::registration.registration.listForWorkshop', config: {} },
    { method: 'DELETE', path: '/registrations/:id', handler: 'api::registration.registration.cancel', config: {} },
  ],
};
