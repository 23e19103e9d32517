/**
 * A small in-memory stand-in for the parts of the `vscode` API that `src/plumbing/config.ts` and
 * `src/secrets/credentials.ts` use, so their security decisions (which settings level counts in
 * Restricted Mode, which origin a credential is bound to) can be unit-tested in plain Node.
 * Install it before requiring those modules: `installVscodeStub(); require('../../../src/plumbing/config')`.
 *
 * Restricted Mode cannot be toggled inside the in-host layer (code-server runs with workspace
 * trust disabled), so this is where `isTrusted === false` is exercised.
 */
import Module from 'node:module';

export interface InspectedSetting {
  globalValue?: unknown;
  workspaceValue?: unknown;
}

/** What a status bar item shows (the rest of its fields are written and kept as they come). */
export interface FakeStatusBarItem {
  readonly id: string;
  text: string;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
  [field: string]: unknown;
}

/** The state the stub reads and records; tests mutate it directly. */
export const fake = {
  trusted: true,
  /** Keyed by full setting name, e.g. `authlens.providers`. */
  settings: new Map<string, InspectedSetting>(),
  /** Texts of every warning notification shown. */
  warnings: [] as string[],
  /** What the next warning notification answers (an item's title, or undefined = dismissed). */
  warningAnswer: undefined as string | undefined,
  /** Options of every input box shown (title, prompt, prefilled value; `validation`: what `validateInput` said of the answer). */
  inputBoxes: [] as { title?: string; prompt?: string; value?: string; validation?: string }[],
  /** What every input box answers (undefined = cancelled). */
  inputAnswer: undefined as string | undefined,
  /** Status bar and information/error messages, in order. */
  messages: [] as string[],
  /** The labels and descriptions of every quick pick shown (the first item is picked). */
  quickPicks: [] as { label: string; description?: string }[][],
  /** Context keys set through `setContext`. */
  contextKeys: new Map<string, unknown>(),
  /** Every status bar item created. */
  statusBarItems: [] as FakeStatusBarItem[],
  /** What was registered with VS Code (the activation shell's commands and stand-ins). */
  registered: {
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    hoverProviders: [] as unknown[],
    terminalLinkProviders: [] as unknown[],
    serializers: new Map<string, unknown>(),
    treeViews: new Map<string, { treeDataProvider: unknown; visible: boolean }>(),
  },
  /** Global state (a Memento) of the extension, as `fakeMemento()` exposes it. */
  globalState: new Map<string, unknown>(),
  reset(): void {
    this.trusted = true;
    this.settings.clear();
    this.warnings.length = 0;
    this.warningAnswer = undefined;
    this.inputBoxes.length = 0;
    this.inputAnswer = undefined;
    this.messages.length = 0;
    this.quickPicks.length = 0;
    this.contextKeys.clear();
    this.statusBarItems.length = 0;
    this.registered.commands.clear();
    this.registered.hoverProviders.length = 0;
    this.registered.terminalLinkProviders.length = 0;
    this.registered.serializers.clear();
    this.registered.treeViews.clear();
    this.globalState.clear();
  },
};

const noDispose = { dispose: (): void => undefined };

/** A Memento over `fake.globalState`. */
export function fakeMemento(): { get(key: string, fallback?: unknown): unknown; update(key: string, value: unknown): Promise<void>; keys(): string[] } {
  return {
    get: (key, fallback) => (fake.globalState.has(key) ? fake.globalState.get(key) : fallback),
    update: async (key, value) => {
      if (value === undefined) fake.globalState.delete(key);
      else fake.globalState.set(key, value);
    },
    keys: () => [...fake.globalState.keys()],
  };
}

const t = (message: string, ...args: unknown[]): string =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));

class EventEmitter<T> {
  private readonly listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.length = 0;
  }
}

/** Workspace events a test fires by hand (`affects` decides what a configuration change touches). */
export const fakeEvents = {
  configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  trustGranted: new EventEmitter<void>(),
};

function configuration(section: string): unknown {
  const full = (key: string): string => (section ? `${section}.${key}` : key);
  return {
    // Like VS Code: the merged value; in Restricted Mode workspace values of restricted settings don't count.
    get(key: string): unknown {
      const s = fake.settings.get(full(key));
      return fake.trusted ? (s?.workspaceValue ?? s?.globalValue) : s?.globalValue;
    },
    inspect(key: string): unknown {
      return { key: full(key), ...fake.settings.get(full(key)) };
    },
    // Records writes at the user (Global = 1) or workspace level, as `inspect()` then reports them.
    async update(key: string, value: unknown, target: number): Promise<void> {
      const current = fake.settings.get(full(key)) ?? {};
      fake.settings.set(full(key), target === 1 ? { ...current, globalValue: value } : { ...current, workspaceValue: value });
    },
  };
}

/** Just enough of the tree classes for `src/sessions/treeItems.ts`. */
class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}
class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}
class ThemeColor {
  constructor(readonly id: string) {}
}
class MarkdownString {
  supportHtml = false;
  isTrusted = false;
  constructor(readonly value: string) {}
}

const vscodeStub = {
  TreeItem,
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  version: '1.100.0',
  l10n: { t },
  env: { language: 'en' },
  workspace: {
    get isTrusted(): boolean {
      return fake.trusted;
    },
    getConfiguration: configuration,
    onDidChangeConfiguration: fakeEvents.configurationChanged.event,
    onDidGrantWorkspaceTrust: fakeEvents.trustGranted.event,
  },
  window: {
    async showWarningMessage(message: string): Promise<string | undefined> {
      fake.warnings.push(message);
      return fake.warningAnswer;
    },
    async showInputBox(options: {
      title?: string;
      prompt?: string;
      value?: string;
      validateInput?: (v: string) => string | undefined | null;
    }): Promise<string | undefined> {
      const validation = fake.inputAnswer !== undefined ? options.validateInput?.(fake.inputAnswer) : undefined;
      fake.inputBoxes.push({
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
        ...(options.value !== undefined ? { value: options.value } : {}),
        ...(typeof validation === 'string' ? { validation } : {}),
      });
      return fake.inputAnswer;
    },
    async showQuickPick<T extends { label: string; description?: string }>(items: readonly T[]): Promise<T | undefined> {
      fake.quickPicks.push(items.map((i) => ({ label: i.label, ...(i.description !== undefined ? { description: i.description } : {}) })));
      return items[0];
    },
    /** A status bar item that keeps what it was given (`fake.statusBarItems` lists them). */
    createStatusBarItem(id: string): FakeStatusBarItem {
      const item: FakeStatusBarItem = {
        id,
        text: '',
        visible: false,
        show: () => (item.visible = true),
        hide: () => (item.visible = false),
        dispose: () => undefined,
      };
      fake.statusBarItems.push(item);
      return item;
    },
    createTreeView(id: string, options: { treeDataProvider: unknown }): unknown {
      const view = { treeDataProvider: options.treeDataProvider, visible: false, onDidChangeVisibility: () => noDispose, dispose: () => undefined };
      fake.registered.treeViews.set(id, view);
      return view;
    },
    registerWebviewPanelSerializer(viewType: string, serializer: unknown): { dispose(): void } {
      fake.registered.serializers.set(viewType, serializer);
      return noDispose;
    },
    registerTerminalLinkProvider(provider: unknown): { dispose(): void } {
      fake.registered.terminalLinkProviders.push(provider);
      return noDispose;
    },
    setStatusBarMessage(message: string): { dispose(): void } {
      fake.messages.push(message);
      return { dispose: () => undefined };
    },
    async showInformationMessage(message: string): Promise<undefined> {
      fake.messages.push(message);
      return undefined;
    },
    async showErrorMessage(message: string): Promise<undefined> {
      fake.messages.push(message);
      return undefined;
    },
  },
  languages: {
    registerHoverProvider(_selector: unknown, provider: unknown): { dispose(): void } {
      fake.registered.hoverProviders.push(provider);
      return noDispose;
    },
  },
  commands: {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown): { dispose(): void } {
      if (fake.registered.commands.has(id)) throw new Error(`command '${id}' already exists`);
      fake.registered.commands.set(id, handler);
      return { dispose: () => fake.registered.commands.delete(id) };
    },
    async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
      if (id === 'setContext') fake.contextKeys.set(String(args[0]), args[1]);
      return undefined;
    },
  },
  EventEmitter,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
};

let installed = false;

/** Makes `require('vscode')` return the stub (idempotent). */
export function installVscodeStub(): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]): string {
    if (request === 'vscode') return 'vscode';
    return original.call(this, request, ...rest);
  };
  M._cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };
}

/** A SecretStorage in memory. */
export class FakeSecrets {
  readonly map = new Map<string, string>();
  private readonly emitter = new EventEmitter<{ key: string }>();
  readonly onDidChange = this.emitter.event;
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.map.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.map.delete(key);
    this.emitter.fire({ key });
  }
  async keys(): Promise<string[]> {
    return [...this.map.keys()];
  }
}

/** A LogOutputChannel that keeps its lines. */
export class FakeLog {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(m);
  }
  debug(m: string): void {
    this.lines.push(m);
  }
  info(m: string): void {
    this.lines.push(m);
  }
  warn(m: string): void {
    this.lines.push(m);
  }
  error(m: string | Error): void {
    this.lines.push(String(m));
  }
}

/**
 * Resolves once `check` holds, checked after each turn of the event loop (no fixed sleep): for
 * what the code under test does in a promise it does not return (a notification's answer).
 */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
