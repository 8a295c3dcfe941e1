import { createScopedController } from '../../access/scoped-controller';

export default createScopedController('api::agreement-version.agreement-version');
