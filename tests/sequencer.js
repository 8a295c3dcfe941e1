const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const recorded = require('./durations.json');

/**
 * Jest starts the slowest test files first, from the durations it cached on this machine, so that
 * no worker is left running one long file alone at the end. A clean clone (CI) has no such cache,
 * and Jest then orders by file size: a short file that boots several apps can come last and add
 * minutes. So the durations of a whole run are recorded in durations.json (seconds, per file:
 * `node scripts/record-test-durations.js <jest --json output>`) and stand in for the cache.
 */
class SlowestFirst extends Sequencer {
  time(test) {
    return super.time(test) ?? (recorded[path.relative(test.context.config.rootDir, test.path)] ?? 0) * 1000;
  }
}

module.exports = SlowestFirst;
