import { skillIssueAreasQuery } from '../controllers/skill';
import { skillIssueAreas } from '../schemas';
import { routeRequest } from '../../../utils/route-schemas';

/** The skills of each issue area (for members' self-assessment). Listed before the core routes, so `issue-areas` is not read as an id. */
export default {
  routes: [
    {
      method: 'GET',
      path: '/skills/issue-areas',
      handler: 'api::skill.skill.issueAreas',
      config: {},
      request: routeRequest({ query: skillIssueAreasQuery }),
      response: skillIssueAreas,
    },
  ],
};
