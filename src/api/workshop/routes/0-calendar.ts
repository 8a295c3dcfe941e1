import { calendarQuery, workshopCalendarQuery } from '../controllers/workshop';
import { documentIdParam } from '../../../utils/parse';
import { routeRequest } from '../../../utils/route-schemas';

/**
 * The workshop calendar feed, and one workshop's calendar file. Listed before the core routes so
 * `/workshops/calendar.ics` is not read as an id.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/workshops/calendar.ics',
      handler: 'api::workshop.workshop.calendar',
      config: {},
      // Which locales are enabled is checked at run time (a refinement): the route declares the parameter only.
      request: routeRequest({ query: calendarQuery(new Set()) }),
    },
    {
      method: 'GET',
      path: '/workshops/:id/calendar.ics',
      handler: 'api::workshop.workshop.calendarEvent',
      config: {},
      request: routeRequest({ params: { id: documentIdParam }, query: workshopCalendarQuery(new Set()) }),
    },
  ],
};
