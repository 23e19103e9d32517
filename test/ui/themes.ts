/**
 * Colour themes for the UI tests: set through the configuration API for set-up
 * ({@link setTheme}), or through the theme picker in the one test of the picker ({@link switchTheme}).
 */
import { hostState, setSetting } from './driver';
import { escapeRegExp, runCommand, selectors, waitForQuickInputStep, type Workbench } from './harness';
import { until, waitForState } from './screen';
import type { Page } from 'playwright-core';

export type Theme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** `workbench.colorTheme` values of VS Code 1.100's built-in themes. */
export const themeNames: Readonly<Record<Theme, string>> = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
  'high-contrast-light': 'Default High Contrast Light',
};

/** The same themes as labelled in the theme picker (Preferences: Color Theme). */
export const themePickerLabels: Readonly<Record<Theme, string>> = {
  light: 'Light Modern',
  dark: 'Dark Modern',
  'high-contrast': 'Dark High Contrast',
  'high-contrast-light': 'Light High Contrast',
};

/** CSS class the workbench root carries for each theme kind. */
export const themeClasses: Readonly<Record<Theme, string>> = {
  light: 'vs',
  dark: 'vs-dark',
  'high-contrast': 'hc-black',
  'high-contrast-light': 'hc-light',
};

/**
 * Switches the colour theme through the theme picker (Preferences: Color Theme), as a person
 * does. Only the test of the picker itself uses this; set-up uses {@link setTheme}.
 */
export async function switchTheme(page: Page, theme: Theme): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  await waitForQuickInputStep(page, /Select Color Theme/);
  const label = themePickerLabels[theme];
  await page.locator(selectors.quickInputBox).fill(label);
  const row = page
    .locator(selectors.quickInputRow)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
  await waitForState(page, row, `the theme "${label}" in the picker`);
  await row.click();
  await waitForState(page, page.locator(`.monaco-workbench.${themeClasses[theme]}`), `the workbench in the ${theme} theme`);
}

/**
 * Sets the colour theme through the configuration API (user settings) and waits until the
 * extension host and the workbench both show it.
 */
export async function setTheme(wb: Pick<Workbench, 'page' | 'server'>, theme: Theme): Promise<void> {
  const kind = { light: 1, dark: 2, 'high-contrast': 3, 'high-contrast-light': 4 }[theme];
  const now = await hostState(wb);
  if (now.colorTheme === themeNames[theme] && now.themeKind !== kind) {
    // Saved but not applied (the start-up fallback): writing the same value changes nothing,
    // so write another theme first; the change to the wanted one then applies.
    await setSetting(wb, 'workbench.colorTheme', themeNames[theme === 'light' ? 'dark' : 'light']);
  }
  await setSetting(wb, 'workbench.colorTheme', themeNames[theme]);
  await until(wb.page, `the ${theme} theme in the extension host`, async () => ((await hostState(wb)).themeKind === kind ? true : undefined));
  await waitForState(wb.page, wb.page.locator(`.monaco-workbench.${themeClasses[theme]}`), `the workbench in the ${theme} theme`);
}
