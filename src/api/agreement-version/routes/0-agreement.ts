import { localeQuery, versionNumber } from '../controllers/agreement-version';
import { endorsementInput, suggestionInput } from '../services/agreement';
import { diff, endorsement, history, suggestion, version } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';

const handler = (action: string) => `api::agreement-version.agreement-version.${action}`;
const byNumber = { number: versionNumber };

/** The agreement's own routes. Listed before the core routes so `/agreement-versions/current` is not read as an id. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/agreement-versions/current',
      handler: handler('current'),
      config: {},
      request: routeRequest({ query: localeQuery }),
      response: version,
    },
    { method: 'GET', path: '/agreement-versions/history', handler: handler('history'), config: {}, response: history },
    {
      method: 'GET',
      path: '/agreement-versions/number/:number',
      handler: handler('byNumber'),
      config: {},
      request: routeRequest({ params: byNumber, query: localeQuery }),
      response: version,
    },
    {
      method: 'GET',
      path: '/agreement-versions/:a/diff/:b',
      handler: handler('diff'),
      config: {},
      request: routeRequest({ params: { a: versionNumber, b: versionNumber }, query: localeQuery }),
      response: diff,
    },
    {
      method: 'GET',
      path: '/agreement-versions/number/:number/text',
      handler: handler('text'),
      config: {},
      request: routeRequest({ params: byNumber, query: localeQuery }),
    },
    {
      method: 'POST',
      path: '/agreement-versions/number/:number/suggestions',
      handler: handler('suggest'),
      config: {},
      request: routeRequest({ params: byNumber, body: { data: suggestionInput } }),
      response: suggestion,
    },
    {
      method: 'POST',
      path: '/agreement-versions/number/:number/endorsements',
      handler: handler('endorse'),
      config: {},
      request: routeRequest({ params: byNumber, body: { data: endorsementInput } }),
      response: endorsement,
    },
  ],
};
