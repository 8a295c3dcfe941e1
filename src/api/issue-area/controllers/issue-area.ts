import { createScopedController } from '../../access/scoped-controller';

export default createScopedController('api::issue-area.issue-area');
