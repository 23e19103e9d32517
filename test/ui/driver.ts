/**
 * The harness's line into the extension host, through the test-only extension in
 * `test/support/uiDriver/` (loaded beside AuthLens). Set-up that is not what a test tests goes
 * through here: settings and themes by the configuration API, commands by id. A test of a
 * picker drives that picker by hand; every other test gets its state without racing one.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readJsonIfComplete, type CodeServer } from '../support/codeServer';
import { until } from './screen';

interface DriverInfo {
  readonly port: number;
  readonly secret: string;
}

/** What a test needs to reach the driver: the server (where its port file is) and the page (for reports). */
export interface DriverTarget {
  readonly page: Page;
  readonly server: Pick<CodeServer, 'userDataDir'>;
}

/**
 * Calls a driver route. Waits (up to `timeout`) for the driver to be listening: it starts with
 * the extension host, and again after a window reload.
 */
export async function callDriver<T>(wb: DriverTarget, route: 'setting' | 'get' | 'command' | 'state', body: unknown, timeout = 30_000): Promise<T> {
  const file = join(wb.server.userDataDir, 'authlens-ui-driver.json');
  return until(
    wb.page,
    `the UI driver (test/support/uiDriver) to answer "${route}"`,
    async () => {
      const info = readJsonIfComplete<DriverInfo>(file);
      if (!info) return undefined;
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${info.port}/${route}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-driver-secret': info.secret },
          body: JSON.stringify(body ?? {}),
        });
      } catch {
        return undefined; // a reload left the old port in the file: wait for the new one
      }
      const answer = (await res.json()) as { ok: boolean; result?: T; error?: string };
      // A failing command or setting is an answer, not a reason to wait.
      if (!answer.ok) throw Object.assign(new Error(`UI driver ${route} failed: ${answer.error ?? res.status}`), { fatal: true });
      return { value: answer.result as T };
    },
    timeout,
  ).then((r) => r.value);
}

/** Writes a setting through `WorkspaceConfiguration.update` (user settings unless `workspace`). */
export async function setSetting(wb: DriverTarget, key: string, value: unknown, target: 'user' | 'workspace' = 'user'): Promise<void> {
  await callDriver(wb, 'setting', { key, value, target: target === 'workspace' ? 'workspace' : 'global' });
}

/** Reads a setting's effective value in the extension host. */
export async function getSetting<T = unknown>(wb: DriverTarget, key: string): Promise<T> {
  return callDriver<T>(wb, 'get', { key });
}

/** Runs a command by id in the extension host and returns its result (JSON-cloned). */
export async function executeCommand<T = unknown>(wb: DriverTarget, command: string, ...args: unknown[]): Promise<T> {
  return callDriver<T>(wb, 'command', { command, args });
}

export interface HostState {
  readonly colorTheme: string;
  /** vscode.ColorThemeKind: 1 light, 2 dark, 3 high contrast, 4 high contrast light. */
  readonly themeKind: number;
  readonly focused: boolean;
  readonly activeEditor?: string;
  /** AuthLens has activated (its commands are registered). */
  readonly authlensActive: boolean;
}

export async function hostState(wb: DriverTarget): Promise<HostState> {
  return callDriver<HostState>(wb, 'state', {});
}
