import documents from './documents';
import engine from './engine';
import indexer from './indexer';
import outbox from './outbox';
import outboxLog from './outbox-log';
import outboxQueue from './outbox-queue';
import search from './search';
import sync from './sync';
import tokens from './tokens';
import types from './types';

export default { documents, engine, indexer, outbox, outboxLog, outboxQueue, search, sync, tokens, types };
