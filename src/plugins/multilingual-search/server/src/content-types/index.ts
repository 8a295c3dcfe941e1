import outboxItemSchema from './outbox-item/schema.json';

export default {
  'outbox-item': { schema: outboxItemSchema },
};
