/**
 * Waits that wait for a state and, when the state never comes, say what the screen showed:
 * the open quick input (title, placeholder, message, visible rows), notifications, dialogs,
 * the focused element, the active tab, and a screenshot path. No retries: a wait that times out
 * fails the test with that report, so a flake can be diagnosed from the log alone.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { redactText } from '../../src/core/redact';
import { repoRoot } from '../support/codeServer';

export interface ScreenState {
  readonly quickInput?: {
    readonly title: string;
    readonly placeholder: string;
    readonly value: string;
    readonly message: string;
    readonly rows: readonly string[];
  };
  readonly notifications: readonly string[];
  readonly dialog?: string;
  readonly focused: string;
  readonly activeTab: string;
}

/** Reads what a person would see in the workbench's transient UI right now. */
export async function screenState(page: Page): Promise<ScreenState> {
  // A string, not a function: tsx/esbuild wrap named inner functions in a `__name` helper
  // that does not exist in the page.
  return page.evaluate<ScreenState>(SCREEN_STATE_SCRIPT);
}

const SCREEN_STATE_SCRIPT = `(() => {
  const text = (el, max = 200) => ((el && (el.innerText || el.textContent)) || '').replace(/\\s+/g, ' ').trim().slice(0, max);
  const visible = (el) => !!el && el.offsetParent !== null;
  const widget = document.querySelector('.quick-input-widget');
  let quickInput;
  if (visible(widget)) {
    const input = widget.querySelector('.quick-input-box input');
    // A password box's value is a credential: never report it.
    const value = input && input.getAttribute('type') === 'password' ? '(password, hidden)' : ((input && input.value) || '');
    quickInput = {
      title: text(widget.querySelector('.quick-input-title')),
      placeholder: (input && input.getAttribute('placeholder')) || '',
      value: value.slice(0, 200),
      message: text(widget.querySelector('.quick-input-message')),
      rows: Array.from(widget.querySelectorAll('.quick-input-list .monaco-list-row')).slice(0, 15).map((r) => r.getAttribute('aria-label') || text(r, 120)),
    };
  }
  const notifications = Array.from(document.querySelectorAll('.notifications-toasts .notification-toast')).slice(0, 6).map((n) => text(n, 300));
  const dialogEl = document.querySelector('.monaco-dialog-box');
  const f = document.activeElement;
  const focused = f ? f.tagName.toLowerCase() + '.' + String(f.className).split(' ').slice(0, 3).join('.') + ' "' + (f.getAttribute('aria-label') || text(f, 80)) + '"' : '(none)';
  const out = { notifications, focused, activeTab: text(document.querySelector('.editor-group-container.active .tab.active'), 120) };
  if (quickInput) out.quickInput = quickInput;
  if (visible(dialogEl)) out.dialog = text(dialogEl, 400);
  return out;
})()`;

/** A multi-line report of {@link screenState} plus a screenshot, for timeout errors. */
export async function screenReport(page: Page, name: string): Promise<string> {
  if (page.isClosed()) return '(page closed)';
  const lines: string[] = [];
  try {
    const s = await screenState(page);
    if (s.quickInput) {
      const q = s.quickInput;
      lines.push(`quick input: title "${q.title}", placeholder "${q.placeholder}", value "${q.value}", message "${q.message}"`);
      lines.push(`  rows: ${q.rows.length ? q.rows.map((r) => `"${r}"`).join(', ') : '(none)'}`);
    } else {
      lines.push('quick input: closed');
    }
    lines.push(`notifications: ${s.notifications.length ? s.notifications.map((n) => `"${n}"`).join(' | ') : '(none)'}`);
    if (s.dialog) lines.push(`dialog: "${s.dialog}"`);
    lines.push(`focused: ${s.focused}`);
    lines.push(`active tab: "${s.activeTab}"`);
  } catch (err) {
    lines.push(`(could not read the screen: ${String(err)})`);
  }
  try {
    const dir = join(repoRoot, 'test-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `TIMEOUT-${name.replace(/[^\w.-]+/g, '-').slice(0, 80)}-${Date.now()}.png`);
    await page.screenshot({ path: file });
    lines.push(`screenshot: ${file}`);
  } catch {
    lines.push('screenshot: (failed)');
  }
  // Test tokens can sit in an input box or a notification: mask them like the product's logs do.
  return redactText(lines.join('\n'), [], undefined, 10_000);
}

/** An Error whose message carries the screen report. */
export async function timeoutError(page: Page, what: string, timeoutMs: number): Promise<Error> {
  return new Error(`timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}\n--- the screen showed ---\n${await screenReport(page, what)}`);
}

/** Waits for `locator` to reach `state`; on timeout throws with the screen report. */
export async function waitForState(
  page: Page,
  locator: Locator,
  what: string,
  { timeout = 15_000, state = 'visible' }: { timeout?: number; state?: 'visible' | 'hidden' | 'attached' | 'detached' } = {},
): Promise<Locator> {
  try {
    await locator.waitFor({ state, timeout });
    return locator;
  } catch {
    throw await timeoutError(page, `${what} (${state})`, timeout);
  }
}

/**
 * Polls `check` (every 100 ms) until it returns a value other than undefined; on timeout throws
 * with the screen report. For states a locator cannot express (a title text, a setting).
 */
export async function until<T>(page: Page, what: string, check: () => Promise<T | undefined>, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    // An error marked `fatal` is an answer (e.g. a command that failed), not a state to wait out.
    const value = await check().catch((err: unknown) => {
      if (err instanceof Error && (err as Error & { fatal?: boolean }).fatal) throw err;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw await timeoutError(page, what, timeout);
    await new Promise((r) => setTimeout(r, 100));
  }
}
