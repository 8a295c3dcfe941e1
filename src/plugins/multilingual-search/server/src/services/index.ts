import documents from './documents';
import engine from './engine';
import indexer from './indexer';
import labels from './labels';
import outbox from './outbox';
import search from './search';
import sync from './sync';
import tokens from './tokens';
import types from './types';

export default { documents, engine, indexer, labels, outbox, search, sync, tokens, types };
