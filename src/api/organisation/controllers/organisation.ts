import { createScopedController } from '../../access/scoped-controller';

export default createScopedController('api::organisation.organisation');
