import { createScopedController } from '../../access/scoped-controller';

export default createScopedController('api::skill.skill');
