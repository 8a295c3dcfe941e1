import { createScopedController } from '../../access/scoped-controller';

export default createScopedController('api::reading-group.reading-group');
