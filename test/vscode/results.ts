/** The results file the in-host `run()` writes and the drivers read. */
export interface TestResult {
  readonly title: string;
  readonly fullTitle: string;
  readonly durationMs?: number;
  readonly error?: string;
  readonly stack?: string;
}

export interface TestResults {
  readonly passes: TestResult[];
  readonly failures: TestResult[];
  readonly pending: TestResult[];
  /** VS Code version of the host the suite ran in. */
  readonly vscodeVersion: string;
  readonly durationMs: number;
  /** Set when `run()` itself broke (no test file, mocha could not load...). */
  readonly fatal?: string;
}

/** Env var naming the results file; without it `run()` writes `results.json` next to itself. */
export const RESULTS_ENV = 'AUTHLENS_TEST_RESULTS';
/** Optional mocha `grep` for the in-host suite. */
export const GREP_ENV = 'AUTHLENS_TEST_GREP';
