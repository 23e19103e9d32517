/**
 * The layer rules of `src/README.md`, as a function of the import graph so the guard test can
 * check both the real tree and a made-up one that breaks each rule (a rule that cannot fail
 * guards nothing).
 */

/** One source file: the files of ours it imports and the packages it imports (repo-relative, `/`). */
export interface ModuleImports {
  readonly files: readonly string[];
  readonly packages: readonly string[];
}

export type Modules = ReadonlyMap<string, ModuleImports>;

/** Folders that talk to VS Code or draw UI; the headless layers never reach them. */
const uiCode = /^(src\/(sessions|inspector|editor|terminal|commands|shell)\/|src\/(extension|features|services)\.ts$|webview\/)/;
/** Layers that run without VS Code (the providers bundle, the sandbox CLI). */
const headless = /^src\/(providers|sandbox)\//;
const commandTable = 'src/commands/table.ts';
/** The one file that may import the command table: it registers every command once. */
const commandTableOwner = 'src/features.ts';

export interface Violation {
  readonly rule: 'core-pure' | 'headless' | 'command-table';
  readonly message: string;
}

function reachable(modules: Modules, from: string): string[] {
  const seen = new Set<string>();
  const todo = [from];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...(modules.get(file)?.files ?? []));
  }
  return [...seen];
}

export function layerRules(modules: Modules): Violation[] {
  const out: Violation[] = [];
  for (const [file, imports] of modules) {
    if (file.startsWith('src/core/')) {
      for (const target of imports.files.filter((t) => !t.startsWith('src/core/'))) {
        out.push({ rule: 'core-pure', message: `${file} imports ${target}, outside src/core` });
      }
      for (const pkg of imports.packages.filter((p) => p === 'vscode' || p.startsWith('node:'))) {
        out.push({ rule: 'core-pure', message: `${file} imports ${pkg}` });
      }
    }
    if (headless.test(file)) {
      // Transitively: a providers file that imports a helper that imports `vscode` breaks the
      // providers bundle just as well.
      for (const dep of reachable(modules, file)) {
        if (uiCode.test(dep)) out.push({ rule: 'headless', message: `${file} reaches UI code ${dep}` });
        if (modules.get(dep)?.packages.includes('vscode')) out.push({ rule: 'headless', message: `${file} reaches vscode through ${dep}` });
      }
    }
    if (file !== commandTableOwner && imports.files.includes(commandTable)) {
      out.push({ rule: 'command-table', message: `${file} imports ${commandTable} (only ${commandTableOwner} may)` });
    }
  }
  return out;
}
