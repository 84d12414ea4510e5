#!/usr/bin/env node
// Entry point of the `staffcast` command: runs the CLI compiled to dist/ by `npm run build`
// (which `npm install`, `npm start` and `npm test` run). Compiling once instead of at every
// start is what lets `staffcast --help` answer in a fraction of a second (docs/benchmarks.md).
// A missing or stale build is refused with the command that fixes it, rather than running
// code older than the source of a checkout.
import { buildProblem, MAIN } from './freshness.js';

const problem = buildProblem();
if (problem) {
  process.stderr.write(`staffcast: ${problem}\n`);
  process.exit(1);
}
await import(MAIN);
