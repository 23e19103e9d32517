// Builds the extension's bundles. `--watch` rebuilds on change; `--production` minifies and
// drops sourcemaps (the .vsix must not carry them).
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { codiconSubset, quotedLiterals } from './scripts/codiconSubset.mjs';
import { vscodeOnce } from './scripts/esbuildVscodeOnce.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Node bundles. Each is loaded only when needed so activation stays cheap. */
const nodeEntries = {
  // Activation path: the shell only (commands, stand-ins, start-up checks); see src/extension.ts.
  extension: 'src/extension.ts',
  // Loaded on the first command, hover, terminal link, Sessions view or inspector restore.
  features: 'src/features.ts',
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
    external: ['./features.js', './providers.js', './sandbox.js', 'node:sqlite'],
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

// Codicons for the webview's light-DOM icon spans (buttons' too, see webview/dom.ts): the
// stylesheet and font must be served from localResourceRoots. Both keep only the glyphs the
// webview names (scripts/codiconSubset.mjs); a glyph name must appear in webview/ as a quoted
// literal ('copy', "shield").
mkdirSync('dist/codicons', { recursive: true });
const codicons = await codiconSubset(
  readFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'utf8'),
  readFileSync('node_modules/@vscode/codicons/dist/codicon.ttf'),
  quotedLiterals('webview'),
);
writeFileSync('dist/codicons/codicon.css', codicons.css);
writeFileSync('dist/codicons/codicon.ttf', codicons.ttf);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
