/**
 * Adversarial inputs for "Why would a server reject this token?": each check of hostile token or
 * server text finishes 1 MB of each worst pattern within a budget proportional to its size (see
 * budget.ts). Cases run in a worker, so a spinning function fails its test instead of hanging.
 */
import { join } from 'node:path';
import { suite } from './rejection.cases';
import { itRunsEverySuiteCase } from './harness';

describe('adversarial inputs: rejection checks (1 MB claims, keys, server texts)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'rejection.cases.ts'), suite);
});
