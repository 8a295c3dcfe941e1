import { breakEngineWrites } from '../helpers/search';
import { useApp } from '../helpers/strapi';
import { describeSyncSuite } from './sync-suite';

/** The shared sync suite on the embedded engine. */
const app = useApp();

describeSyncSuite(app, { breakEngine: () => breakEngineWrites(app()) });
