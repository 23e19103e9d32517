/**
 * Adversarial inputs for signed session cookies: each function that reads a cookie finishes 1 MB
 * of each worst pattern within a budget proportional to its size (see budget.ts). Cases run in
 * a worker, so a spinning function fails its test instead of hanging.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite } from './signedCookie.cases';
import { problemsOf, runSuite, type CaseResult } from './harness';

describe('adversarial inputs: signed session cookies (parser, finder cookie path, verdict, words, hover)', function () {
  this.timeout(600_000);
  let results: CaseResult[] = [];
  before(async () => {
    results = await runSuite(join(__dirname, 'signedCookie.cases.ts'), suite);
  });
  for (const fn of Object.keys(suite.functions)) {
    it(`${fn}: every pattern within budget, no crash`, () => {
      assert.equal(results.filter((r) => r.fn === fn).length, Object.keys(suite.patterns).length, 'every case ran');
      assert.deepEqual(problemsOf(results, fn), []);
    });
  }
});
