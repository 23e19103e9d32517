// Builds the extension's bundles. `--watch` rebuilds on change; `--production` minifies and
// drops sourcemaps (the .vsix must not carry them).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
// stylesheet and font must be served from localResourceRoots. The stylesheet keeps only the
// glyphs the webview names (650 rules for the 30 we use would be parsed on every page). A glyph
// name must appear in webview/ as a quoted literal ('copy', "shield").
mkdirSync('dist/codicons', { recursive: true });
cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicons/codicon.ttf');
writeFileSync('dist/codicons/codicon.css', codiconSubset(readFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'utf8'), webviewLiterals()));

/** Every quoted lower-case-and-hyphen literal in webview/ (candidate glyph names). */
function webviewLiterals() {
  const names = new Set();
  for (const file of readdirSync('webview', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(join('webview', file), 'utf8').matchAll(/['"`]([a-z0-9-]{2,40})['"`]/g)) names.add(m[1]);
  }
  return names;
}

/** codicon.css without the `.codicon-NAME:before` rules of glyphs not in `used`. */
function codiconSubset(css, used) {
  return css
    .split('\n')
    .filter((line) => {
      const glyph = /^\.codicon-([a-z0-9-]+):before \{ content: "\\[0-9a-f]+" \}$/.exec(line);
      return !glyph || used.has(glyph[1]);
    })
    .join('\n');
}

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
