/**
 * Adversarial inputs for signed session cookies: each function that reads a cookie finishes 1 MB
 * of each worst pattern within a budget proportional to its size (see budget.ts). Cases run in
 * a worker, so a spinning function fails its test instead of hanging.
 */
import { join } from 'node:path';
import { suite } from './signedCookie.cases';
import { itRunsEverySuiteCase } from './harness';

describe('adversarial inputs: signed session cookies (parser, finder cookie path, verdict, words, hover)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'signedCookie.cases.ts'), suite);
});
