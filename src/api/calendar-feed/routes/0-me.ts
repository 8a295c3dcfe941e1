import { currentFeed, issuedFeed } from '../schemas';

/** The signed-in member's personal calendar feed: GET says whether there is one, POST issues (or rotates) its secret URL, DELETE revokes it. */
export default {
  routes: [
    { method: 'GET', path: '/me/calendar-feed', handler: 'api::calendar-feed.calendar-feed.findMine', config: {}, response: currentFeed },
    { method: 'POST', path: '/me/calendar-feed', handler: 'api::calendar-feed.calendar-feed.issue', config: {}, response: issuedFeed },
    { method: 'DELETE', path: '/me/calendar-feed', handler: 'api::calendar-feed.calendar-feed.revoke', config: {} },
  ],
};
