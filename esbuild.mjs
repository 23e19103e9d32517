// Builds the extension's bundles. `--watch` rebuilds on change; `--production` minifies and
// drops sourcemaps (the .vsix must not carry them).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { vscodeOnce } from './scripts/esbuildVscodeOnce.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node bundles. Each is loaded only when needed so activation stays cheap. */
const nodeEntries = {
  // Activation path: must stay small (no undici, no jose, no sandbox).
  extension: 'src/extension.ts',
  // Loaded on first network use: providers, undici, jose verification.
  providers: 'src/providers/index.ts',
  // Loaded when the sandbox starts (also the `npm run sandbox` CLI).
  sandbox: 'src/sandbox/index.ts',
  sandboxCli: 'src/sandbox/cli.ts',
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const contexts = [
  await esbuild.context({
    ...common,
    entryPoints: nodeEntries,
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // `vscode` is provided by the host; the lazily loaded bundles are required at run time.
    external: ['./providers.js', './sandbox.js', 'node:sqlite'],
    plugins: [vscodeOnce],
  }),
  await esbuild.context({
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  }),
];

// Codicons for <vscode-icon>: the stylesheet and font must be served from localResourceRoots.
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
}

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
