/**
 * Adversarial inputs for the views built from sessions and tokens: each function that reads text from a document, a token or a
 * server finishes 1 MB of each worst pattern within a budget proportional to its size (see
 * budget.ts). Cases run in a worker, so a spinning function fails its test instead of hanging.
 */
import { join } from 'node:path';
import { suite } from './views.cases';
import { itRunsEverySuiteCase } from './harness';

describe('adversarial inputs: views (tooltips, descriptions, inspector, decoded JSON, response readers)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'views.cases.ts'), suite);
});
