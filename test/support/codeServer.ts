/**
 * Starts code-server (VS Code 1.100.3's server and web workbench, installed by
 * `scripts/setupVscode.mjs` into `.vscode-test/code-server/`) and Debian's Chromium via
 * playwright-core. Shared by the in-host driver (`test/vscode/runInCodeServer.ts`), the UI
 * harness (`test/ui/harness.ts`) and `npm run demo`. See /work/shared/REAL-VSCODE.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { installLanguagePack, type UiLocale } from './languagePack';

// From __filename: under tsx's `tsImport` (scripts/demo.mjs) __dirname is not this folder.
export const repoRoot = resolve(dirname(__filename), '..', '..');
export const codeServerBin = join(repoRoot, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
/** The test-only extension the UI harness loads beside AuthLens (settings and commands by API). */
export const uiDriverPath = join(repoRoot, 'test', 'support', 'uiDriver');
export const chromiumPath = process.env.AUTHLENS_CHROMIUM ?? '/usr/bin/chromium';

/** User settings that keep the trust dialog, welcome page and tips off the workbench. */
export const baseUserSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'git.enabled': false,
};

export interface CodeServerOptions {
  /** Folder opened in the workbench. A fresh temp folder when omitted. */
  readonly workspaceDir?: string;
  /** Written over {@link baseUserSettings} into `User/settings.json` before start. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server (its extension host inherits it). */
  readonly env?: NodeJS.ProcessEnv;
  /** Port to bind; a free one when omitted. */
  readonly port?: number;
  /** Host to bind (default 127.0.0.1). */
  readonly host?: string;
  /**
   * Extension folders to install (copied into the extensions dir before start). The server
   * loads only one `extensionDevelopmentPath`, so helpers such as the UI driver go here.
   */
  readonly extraExtensions?: readonly string[];
  /** Display language of the workbench (default English): installs a stub language pack. */
  readonly locale?: UiLocale;
}

export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  readonly workspaceDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** URL that opens the workspace with the extension at `extensionDevelopmentPath` loaded from source. */
  workbenchUrl(opts?: { extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  /** What code-server printed (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Starts code-server detached (own process group) and waits until it answers `/healthz`. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}; run node scripts/setupVscode.mjs`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'authlens-cs-'));
  const workspaceDir = opts.workspaceDir ?? join(scratch, 'workspace');
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  for (const d of [workspaceDir, join(userDataDir, 'User'), extensionsDir]) mkdirSync(d, { recursive: true });
  for (const dir of opts.extraExtensions ?? []) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    cpSync(dir, join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), { recursive: true });
  }
  const localeArgs = opts.locale ? installLanguagePack(opts.locale, extensionsDir, userDataDir) : [];
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...baseUserSettings, ...opts.userSettings }, null, 2));
  const port = opts.port ?? (await freePort());
  const host = opts.host ?? '127.0.0.1';
  let out = '';
  const child: ChildProcess = spawn(
    codeServerBin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `${host}:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      ...localeArgs,
      workspaceDir,
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Tests in the extension host find the logs (e.g. the AuthLens output channel) through this.
      env: { ...process.env, AUTHLENS_TEST_USER_DATA_DIR: userDataDir, ...opts.env },
    },
  );
  const collect = (b: Buffer): void => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exitPromise = new Promise<void>((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );

  const baseUrl = `http://${host}:${port}`;
  const stop = async (): Promise<void> => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killed = await Promise.race([exitPromise.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await Promise.race([exitPromise, sleep(2000)]);
      }
    }
    // Stragglers of the group (extension host, file watcher) get the same treatment.
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group empty */
      }
    }
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer within 30 s:\n${out}`);
    }
    await sleep(150);
  }

  const remote = (p: string): string => `vscode-remote://${host}:${port}${p}`;
  return {
    port,
    baseUrl,
    workspaceDir,
    userDataDir,
    extensionsDir,
    workbenchUrl(o = {}) {
      const payload: [string, string][] = [];
      if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
      if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
      let url = `${baseUrl}/?folder=${encodeURIComponent(workspaceDir)}`;
      if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    output: () => out,
    stop,
  };
}

/** Console lines that code-server produces on these offline machines and that mean nothing. */
const harmless = [
  /vsda(_bg)?\.(js|wasm)/,
  /ERR_NAME_NOT_RESOLVED/,
  /ENOTFOUND/,
  /open-vsx\.org/,
  /unexpected operator/,
  /An unknown error occurred/,
  /Failed to load resource: the server responded with a status of 404/,
  /\[Extension Host\]/, // echoes of extension-host logs; they live in the output channels
  /webview.*sandbox/i,
];

export function isHarmlessConsole(text: string): boolean {
  return harmless.some((re) => re.test(text));
}

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors that were not harmless noise, in order. */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/** Chromium flags that work on these machines (REAL-VSCODE.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * Launches headless Chromium with clipboard access granted for `origin`
 * (the workbench's clipboard goes through `navigator.clipboard`).
 */
export async function launchBrowser(origin: string, opts: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserSession> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}; run node scripts/setupVscode.mjs`);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  // The browser's own locale too, so that dates a page formats itself match the workbench's language.
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, ...(opts.locale ? { locale: opts.locale } : {}) });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (!isHarmlessConsole(text)) consoleErrors.push(text);
  });
  page.on('pageerror', (err) => {
    if (!isHarmlessConsole(String(err))) consoleErrors.push(String(err));
  });
  return {
    browser,
    context,
    page,
    consoleErrors,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Reads a JSON file, or undefined while it is missing or half-written. */
export function readJsonIfComplete<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
