/** The workshop calendar feed. Listed before the core routes so `/workshops/calendar.ics` is not read as an id. */
export default {
  routes: [{ method: 'GET', path: '/workshops/calendar.ics', handler: 'api::workshop.workshop.calendar', config: {} }],
};
