// Bench only: the `main` of both extensions `npm run bench` compares (the floor here; AuthLens's
// private copy gets this file too, see `_benchExtension.mjs`). Times the `require` of the real main
// (package.json `benchMain`, with the `vscode` API object it needs) and its `activate()` call with process.hrtime, because VS Code's own
// activation marks have 1 ms resolution and also count other work queued in the same tick. The
// figures go to `globalThis.authlensBenchActivation[<extension id>]` for the in-host bench test.
const { name, publisher, benchMain } = require('./package.json');

// Which extension of the bench went first matters: the first to call a registration API in this
// extension host pays VS Code's first-use cost of it. `order` is 1 for the first wrapped require.
const order = (globalThis.authlensBenchActivationOrder = (globalThis.authlensBenchActivationOrder ?? 0) + 1);

// The `vscode` API object VS Code builds for each extension on its first `require('vscode')`
// (the same work for each), then the main's own code.
const v0 = process.hrtime.bigint();
require('vscode');
const t0 = process.hrtime.bigint();
const real = require(benchMain);
const apiMs = Number(t0 - v0) / 1e6;
const requireMs = Number(process.hrtime.bigint() - v0) / 1e6;
const figures = (globalThis.authlensBenchActivation ??= {});

exports.activate = (context) => {
  const a0 = process.hrtime.bigint();
  const result = real.activate(context);
  figures[`${publisher}.${name}`] = { order, requireMs, apiMs, activateMs: Number(process.hrtime.bigint() - a0) / 1e6 };
  return result;
};
exports.deactivate = () => real.deactivate?.();
