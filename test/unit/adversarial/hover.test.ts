/**
 * Adversarial inputs for the hover: each function that reads text from a document or a token
 * finishes 1 MB of each worst pattern within a budget proportional to its size (see
 * budget.ts). Cases run in a worker, so a spinning function fails its test instead of hanging.
 */
import { join } from 'node:path';
import { suite } from './hover.cases';
import { itRunsEverySuiteCase } from './harness';

describe('adversarial inputs: hover (finder on a line, whole hover, markdown builders, JSON preview)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'hover.cases.ts'), suite);
});
