// An esbuild plugin shared by esbuild.mjs and the activation bench (scripts/bench/activation.mjs).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `import * as vscode from 'vscode'` in each of ~60 files would make esbuild convert the host's API
 * object to an ES namespace once per file (`__toESM`: a getter defined for each of ~200 names,
 * every time), all during activation. Instead, every file imports one module that requires the
 * API once and re-exports its names (the runtime ones declared by @types/vscode; esbuild reports
 * any other name a file uses).
 */
export const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    const shim = 'authlens-vscode-api';
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === shim ? { path: 'vscode', external: true } : { path: 'vscode', namespace: shim }));
    build.onLoad({ filter: /.*/, namespace: shim }, () => {
      const dts = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
      const names = [...new Set([...dts.matchAll(/^\texport (?:namespace|class|enum|const|function|let|var) (\w+)/gm)].map((m) => m[1]))];
      const lines = names.map((n) => `export const ${n} = api.${n};`);
      return { contents: `const api = require('vscode');\n${lines.join('\n')}\n`, loader: 'js', resolveDir: root };
    });
  },
};
