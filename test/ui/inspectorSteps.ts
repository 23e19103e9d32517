import type { FrameLocator, Locator, Page } from 'playwright-core';
import { focusWorkbench, runCommand, setClipboard, waitForState, webviewFrame } from './harness';

/** Selects an inspector tab and waits for its panel. */
export async function openTab(frame: FrameLocator, tab: string): Promise<void> {
  await frame.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
  await frame.locator(`vscode-tab-panel[data-panel="${tab}"]`).waitFor({ state: 'visible' });
}

/** Sets a vscode-textarea / vscode-textfield value the way typing would, then fires `input`. */
export async function fill(locator: Locator, value: string): Promise<void> {
  await locator.evaluate((el, v) => {
    (el as unknown as { value: string }).value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/**
 * Opens the inspector on `token` from the clipboard and waits until `shown` is on screen (by
 * default the summary's subject): each test opens the token it looks at instead of relying on
 * the panel a previous test left open.
 */
export async function openInspector(page: Page, token: string, sub: string, shown = '#fact-sub'): Promise<FrameLocator> {
  await setClipboard(page, token);
  await focusWorkbench(page);
  await runCommand(page, 'AuthLens: Open Token Inspector');
  const frame = webviewFrame(page);
  await waitForState(page, frame.locator(shown, { hasText: sub }), `the inspector showing ${sub}`, { timeout: 30_000 });
  return frame;
}
