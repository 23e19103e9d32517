/**
 * Repo-wide guards: the core stays pure, the layers stay visible (see `src/README.md`), there
 * is no import cycle, both languages stay complete, and the command ids and
 * `contributes.commands` name the same commands.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CommandId } from '../../src/commands/commandIds';
import { providerKindList, providerKindTable } from '../../src/providers/kinds';
import { findCycles, importGraph, importSpecifiers, ROOT, stripComments, tsFiles } from './importGraph';
import { layerRules } from './layers';

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
}

/** Parses a JS string literal ('…', "…" or `…` without substitutions). */
function unquote(literal: string): string {
  const q = literal[0]!;
  const body = literal.slice(1, -1);
  if (q === '"') return JSON.parse(literal) as string;
  // Turn it into a JSON string: unescape the quote, escape bare double quotes.
  const json = body.replace(/\\(.)|"/g, (m, c: string | undefined) => (c === undefined ? '\\"' : c === q ? q : m));
  return JSON.parse(`"${json.replace(/\n/g, '\\n')}"`) as string;
}

/** Every string literal passed as the first argument of `l10n.t(` in a source text. */
function l10nLiterals(source: string): string[] {
  const re = /\bl10n\.t\(\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)/g;
  return [...stripComments(source).matchAll(re)].map((m) => unquote(m[1]!));
}

describe('guards', () => {
  describe('src/core is pure', () => {
    const files = tsFiles('src/core');

    it('has files to check', () => assert.ok(files.length >= 10));

    for (const file of files) {
      const name = relative(ROOT, file);
      it(`${name} imports only src/core, jwt-decode and jose`, () => {
        for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
          if (spec.startsWith('.')) {
            const target = resolve(dirname(file), spec);
            assert.ok(target.startsWith(join(ROOT, 'src', 'core') + sep), `${name}: '${spec}' leaves src/core`);
          } else {
            assert.ok(spec === 'jwt-decode' || spec === 'jose', `${name}: imports '${spec}' (only jwt-decode and jose are allowed)`);
          }
        }
      });

      it(`${name} does not read the clock or the environment`, () => {
        const code = stripComments(readFileSync(file, 'utf8'));
        assert.doesNotMatch(code, /\bDate\.now\s*\(|new Date\(\s*\)|\bprocess\.|\bperformance\.now/, name);
      });
    }

    it('the import scanner sees what it must', () => {
      const sample = [
        "import * as vscode from 'vscode';",
        "import type { X } from 'node:fs';",
        "export { y } from '../providers/http';",
        "const u = require('undici');",
        "const l = await import('./lazy');",
        "import './side-effect';",
      ].join('\n');
      assert.deepEqual(importSpecifiers(sample).sort(), ['../providers/http', './lazy', './side-effect', 'node:fs', 'undici', 'vscode']);
    });
  });

  describe('l10n completeness', () => {
    const nlsEn = readJson('package.nls.json');
    const nlsZh = readJson('package.nls.zh-cn.json');
    const bundleEn = readJson('l10n/bundle.l10n.json');
    const bundleZh = readJson('l10n/bundle.l10n.zh-cn.json');

    function sameKeys(a: Record<string, unknown>, b: Record<string, unknown>, what: string) {
      const onlyA = Object.keys(a).filter((k) => !(k in b));
      const onlyB = Object.keys(b).filter((k) => !(k in a));
      assert.deepEqual({ onlyA, onlyB }, { onlyA: [], onlyB: [] }, what);
      for (const [k, v] of Object.entries(b)) assert.ok(typeof v === 'string' && v.trim().length > 0, `${what}: empty value for ${k}`);
    }

    it('package.nls.json and package.nls.zh-cn.json have the same keys', () => sameKeys(nlsEn, nlsZh, 'nls'));
    it('the English and Chinese runtime bundles have the same keys', () => sameKeys(bundleEn, bundleZh, 'bundle'));

    it('the English runtime bundle maps each key to itself', () => {
      const wrong = Object.entries(bundleEn)
        .filter(([k, v]) => k !== v)
        .map(([k]) => k);
      assert.deepEqual(wrong, []);
    });

    it('translations keep their placeholders', () => {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(' ');
      const wrong = Object.entries(bundleZh)
        .filter(([k, v]) => typeof v === 'string' && ph(k) !== ph(v))
        .map(([k]) => k);
      assert.deepEqual(wrong, []);
    });

    it('every l10n.t literal in src/ and webview/ is in both runtime bundles', () => {
      const missing: string[] = [];
      let count = 0;
      for (const file of [...tsFiles('src'), ...tsFiles('webview')]) {
        for (const key of l10nLiterals(readFileSync(file, 'utf8'))) {
          count++;
          if (!(key in bundleEn) || !(key in bundleZh)) missing.push(`${relative(ROOT, file)}: ${key}`);
        }
      }
      assert.ok(count > 0, 'found no l10n.t calls at all: the scanner is broken');
      assert.deepEqual([...new Set(missing)], [], 'add them with: node scripts/l10nAdd.mjs runtime "English" "中文"');
    });

    it('the literal scanner handles quotes, escapes and line breaks', () => {
      const src = [
        "vscode.l10n.t('It\\'s {0}', x);",
        'l10n.t("Say \\"hi\\"")',
        'vscode.l10n.t(\n    `Plain {0}`, y)',
        "// vscode.l10n.t('commented out')",
        'l10n.t(`with ${x}`)',
      ].join('\n');
      assert.deepEqual(l10nLiterals(src), ["It's {0}", 'Say "hi"', 'Plain {0}']);
    });

    it('every %key% in package.json is in both nls files', () => {
      const keys: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') {
          const m = /^%([^%\s]+)%$/.exec(v);
          if (m) keys.push(m[1]!);
        } else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(readJson('package.json'));
      assert.ok(keys.length > 0);
      const missing = keys.filter((k) => !(k in nlsEn) || !(k in nlsZh));
      assert.deepEqual(missing, []);
    });
  });

  it('an untrusted workspace cannot turn on what scans, sends or decorates on its own', () => {
    const pkg = readJson('package.json') as {
      capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: string[] } };
      contributes?: { configuration?: { properties?: Record<string, unknown> } };
    };
    const restricted = pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    const declared = Object.keys(pkg.contributes?.configuration?.properties ?? {});
    for (const key of ['authlens.providers', 'authlens.insecureTlsProviders', 'authlens.sandbox.autoStart', 'authlens.decorations.expiredHint']) {
      assert.ok(restricted.includes(key), `${key} is not restricted`);
    }
    assert.deepEqual(
      restricted.filter((k) => !declared.includes(k)),
      [],
      'restricts a setting that does not exist',
    );
  });

  describe('layers (src/README.md)', () => {
    const files = [...tsFiles('src'), ...tsFiles('webview')];
    const graph = importGraph(files);
    const rel = (f: string) => relative(ROOT, f).split(sep).join('/');
    const modules = new Map(
      files.map((f) => [
        rel(f),
        { files: (graph.get(f) ?? []).map(rel), packages: importSpecifiers(readFileSync(f, 'utf8')).filter((s) => !s.startsWith('.')) },
      ]),
    );

    it('the graph has the files and imports to check', () => {
      assert.ok(modules.size >= 100, `${modules.size} files`);
      assert.ok(modules.get('src/features.ts')?.files.includes('src/commands/table.ts'), 'features.ts -> commands/table.ts not seen');
    });

    it('core is pure, providers and sandbox never reach vscode or UI code, only features.ts imports the command table', () => {
      assert.deepEqual(
        layerRules(modules).map((v) => v.message),
        [],
      );
    });

    it('has no import cycle in src/ or webview/, type-only imports included', () => {
      assert.deepEqual(
        findCycles(graph).map((c) => c.map(rel).join(' -> ')),
        [],
      );
    });

    it('spells SecretStorage key names only in src/secrets/keys.ts', () => {
      const keyLiteral = /['"`]authlens\.(?:credential\/|oidcTokens\/|inspector[./])/;
      const elsewhere = files.filter((f) => rel(f) !== 'src/secrets/keys.ts' && keyLiteral.test(stripComments(readFileSync(f, 'utf8'))));
      assert.deepEqual(elsewhere.map(rel), []);
      assert.ok(keyLiteral.test(readFileSync(join(ROOT, 'src/secrets/keys.ts'), 'utf8')), 'the pattern no longer matches the key names');
    });

    it('each rule fails when broken', () => {
      const broken = new Map([
        ['src/core/a.ts', { files: ['src/providers/x.ts'], packages: ['node:fs'] }],
        ['src/providers/x.ts', { files: ['src/providers/y.ts'], packages: [] }],
        ['src/providers/y.ts', { files: ['src/sessions/tree.ts'], packages: ['vscode'] }],
        ['src/sessions/tree.ts', { files: ['src/commands/table.ts'], packages: ['vscode'] }],
        ['src/commands/table.ts', { files: [], packages: [] }],
      ]);
      const rules = layerRules(broken).map((v) => `${v.rule}: ${v.message}`);
      for (const expected of [
        'core-pure: src/core/a.ts imports src/providers/x.ts, outside src/core',
        'core-pure: src/core/a.ts imports node:fs',
        'headless: src/providers/x.ts reaches UI code src/sessions/tree.ts',
        'headless: src/providers/x.ts reaches vscode through src/providers/y.ts',
        'command-table: src/sessions/tree.ts imports src/commands/table.ts (only src/features.ts may)',
      ]) {
        assert.ok(rules.includes(expected), `missing: ${expected}\n${rules.join('\n')}`);
      }
      const cycles = findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a', 'd']],
          ['d', []],
          ['e', ['e']],
        ]),
      );
      assert.deepEqual(cycles.map((c) => c.join(' -> ')).sort(), ['a -> b -> c -> a', 'e -> e']);
    });
  });

  describe('provider kinds', () => {
    it('the package.json enum of authlens.providers kinds is the kind table', () => {
      const pkg = readJson('package.json') as {
        contributes?: { configuration?: { properties?: Record<string, { items?: { properties?: { kind?: { enum?: string[] } } } }> } };
      };
      const declared = pkg.contributes?.configuration?.properties?.['authlens.providers']?.items?.properties?.kind?.enum;
      assert.deepEqual(declared, [...providerKindList], 'src/providers/kinds.ts and package.json name different kinds');
    });

    it('every kind detail Add Provider shows is in both runtime bundles', () => {
      const bundleEn = readJson('l10n/bundle.l10n.json');
      const bundleZh = readJson('l10n/bundle.l10n.zh-cn.json');
      const missing = providerKindList.map((k) => providerKindTable[k].detail).filter((d) => !(d in bundleEn) || !(d in bundleZh));
      assert.deepEqual(missing, []);
    });
  });

  describe('commands', () => {
    it('CommandId and contributes.commands name the same commands', () => {
      const pkg = readJson('package.json') as { contributes?: { commands?: { command: string }[] } };
      const contributed = (pkg.contributes?.commands ?? []).map((c) => c.command).sort();
      const ids = Object.values(CommandId).sort();
      assert.deepEqual(
        { missingInPackageJson: ids.filter((id) => !contributed.includes(id)), missingInCommandId: contributed.filter((c) => !(ids as string[]).includes(c)) },
        { missingInPackageJson: [], missingInCommandId: [] },
      );
      assert.equal(new Set(contributed).size, contributed.length, 'a command is contributed twice');
    });
  });
});
