// Runs adversarial cases off the main thread, so a function that spins is stopped (the worker is
// terminated) and reported, instead of freezing the test run as it would freeze the editor.
// Plain JavaScript: a worker does not inherit mocha's `--import=tsx`, so it loads tsx itself.
import { parentPort, workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const suiteModule = await tsImport(workerData.suiteFile, import.meta.url);
const { runCases } = await tsImport('./runCases.ts', import.meta.url);
const suite = suiteModule.suite ?? suiteModule.default?.suite;
runCases(suite, workerData.ids, (message) => parentPort.postMessage(message));
