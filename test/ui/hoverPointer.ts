import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { selectors } from './harness';

/** AuthLens's hover widget (VS Code may show other hovers beside it). */
export const authLensHover = (page: Page): Locator => page.locator('.monaco-hover').filter({ hasText: 'AuthLens' });

/** Moves the mouse onto character `index` of `needle` in the active editor, as a person would. */
export async function hoverText(page: Page, needle: string, index = 8): Promise<void> {
  const span = page
    .locator(`${selectors.activeEditorLines} .view-line span span`)
    .filter({ hasText: needle.slice(0, 24) })
    .first();
  await span.waitFor({ timeout: 15_000 });
  const box = await span.boundingBox();
  const text = await span.innerText();
  assert.ok(box, 'the token is on screen');
  const at = text.indexOf(needle.slice(0, 24)) + index;
  const x = box.x + ((at + 0.5) * box.width) / text.length;
  const y = box.y + box.height / 2;
  // Twice: the first move can land before the editor listens (REAL-VSCODE.md).
  await page.mouse.move(x - 30, y);
  await page.mouse.move(x, y, { steps: 3 });
  try {
    await authLensHover(page).waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    await page.mouse.move(x + 3, y, { steps: 2 });
    await authLensHover(page).waitFor({ state: 'visible', timeout: 10_000 });
  }
}
