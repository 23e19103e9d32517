// Mocha reporter for `npm test`: prints like `spec` and, when AUTHLENS_MOCHA_RESULTS names a
// file, writes { passes, failures, pending } there for scripts/test.mjs to count.
'use strict';
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class AuthLensReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const passes = [];
    const failures = [];
    const pending = [];
    runner.on(EVENT_TEST_PASS, (t) => passes.push({ title: t.title, fullTitle: t.fullTitle(), durationMs: t.duration }));
    runner.on(EVENT_TEST_FAIL, (t, err) => failures.push({ title: t.title, fullTitle: t.fullTitle(), error: err && err.message ? err.message : String(err) }));
    runner.on(EVENT_TEST_PENDING, (t) => pending.push({ title: t.title, fullTitle: t.fullTitle() }));
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.AUTHLENS_MOCHA_RESULTS;
      if (file) writeFileSync(file, JSON.stringify({ passes, failures, pending }, null, 2));
    });
  }
}

module.exports = AuthLensReporter;
