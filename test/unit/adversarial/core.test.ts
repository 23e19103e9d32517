/**
 * Adversarial inputs for src/core: each function that reads text from a document, a token or a
 * server finishes 1 MB of each worst pattern within a budget proportional to its size (see
 * budget.ts). Cases run in a worker, so a spinning function fails its test instead of hanging.
 */
import { join } from 'node:path';
import { suite } from './core.cases';
import { itRunsEverySuiteCase } from './harness';

describe('adversarial inputs: core (finder, decoders, redaction, server texts)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'core.cases.ts'), suite);
});
