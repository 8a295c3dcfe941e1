import documents from './documents';
import engine from './engine';
import indexLock from './index-lock';
import indexer from './indexer';
import labels from './labels';
import outbox from './outbox';
import outboxLog from './outbox-log';
import outboxQueue from './outbox-queue';
import search from './search';
import status from './status';
import sync from './sync';
import syncTimes from './sync-times';
import tokens from './tokens';
import types from './types';

export default { documents, engine, indexLock, indexer, labels, outbox, outboxLog, outboxQueue, search, status, sync, syncTimes, tokens, types };
