// ESLint flat config, run by `npm run lint` and by `npm test` (its `lint` layer).
// TypeScript is linted with type information (typescript-eslint's type-checked sets): a promise
// nobody awaits is an error, type-only imports say so, and no import cycle (type-only included).
// Plain .mjs/.cjs scripts get the JavaScript recommendations without type information.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.bench/**'] },
  // A disable comment that no longer silences anything is an error: each one must name a rule that fires.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    plugins: { 'import-x': importX },
    languageOptions: {
      // Each file is checked against the nearest tsconfig.json (webview/ has its own).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'webview/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `typeof import('../providers/index')` stays allowed: it names a lazily required bundle's type without importing it.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // maxDepth bounds the walk; `ignoreExternal` because a cycle inside a dependency is not ours.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }],
      // An `async` function that implements a Promise-returning interface without awaiting is
      // fine: dropping `async` would turn its throws into synchronous ones (a behaviour change).
      '@typescript-eslint/require-await': 'off',
      // The hostile-text sets list single code points (U+034F, U+200D...) on purpose; written as
      // escapes they cannot be mistaken for one combined character.
      'no-misleading-character-class': ['error', { allowEscape: true }],
      // A `let` read by a callback made before its one assignment (a timer, a server's router)
      // cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Callbacks of page.evaluate run in the browser: their DOM types are not in the Node
    // tsconfig, so every DOM value there is an unresolved type to the linter.
    // Tests turn hostile and unknown values into assertion messages on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: ['test/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-misleading-character-class': ['error', { allowEscape: true }] },
  },
  {
    // Runs inside the test VS Code's extension host (a CommonJS script, not part of the build).
    files: ['test/support/uiDriver/**/*.js', 'scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
