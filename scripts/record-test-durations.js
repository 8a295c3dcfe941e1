#!/usr/bin/env node
// Writes tests/durations.json from the output of `npx jest --json --outputFile=<file>` (a whole
// run): each test file's duration in seconds, which tests/sequencer.js uses to start the slowest first.
const fs = require('node:fs');
const path = require('node:path');

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/record-test-durations.js <jest --json output file>');
  process.exit(1);
}
const root = path.resolve(__dirname, '..');
const { testResults } = JSON.parse(fs.readFileSync(file, 'utf8'));
const durations = Object.fromEntries(
  testResults.map((result) => [path.relative(root, result.name), Math.round((result.endTime - result.startTime) / 1000)]).sort(([a], [b]) => (a < b ? -1 : 1)),
);
fs.writeFileSync(path.join(root, 'tests', 'durations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`Recorded the durations of ${testResults.length} test files in tests/durations.json.`);
