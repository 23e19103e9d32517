/**
 * Adversarial inputs for the terminal link finder: each function that reads a terminal line
 * finishes 1 MB of each worst pattern within a budget proportional to its size (see
 * budget.ts). Cases run in a worker, so a spinning function fails its test instead of hanging.
 */
import { join } from 'node:path';
import { suite } from './terminal.cases';
import { itRunsEverySuiteCase } from './harness';

describe('adversarial inputs: terminal (link finder on a line, escape sequences)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'terminal.cases.ts'), suite);
});
