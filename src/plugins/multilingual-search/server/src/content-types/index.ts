import indexSyncSchema from './index-sync/schema.json';
import outboxItemSchema from './outbox-item/schema.json';

export default {
  'index-sync': { schema: indexSyncSchema },
  'outbox-item': { schema: outboxItemSchema },
};
