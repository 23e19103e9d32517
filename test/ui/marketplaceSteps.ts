/**
 * Steps shared by the walkthrough and the README-screenshot UI tests: the walkthrough page's
 * steps, a hover on a token, and the OpenID Connect browser sign-in against the sandbox that
 * the extension host runs (started from the walkthrough or the palette).
 */
import type { Locator, Page } from 'playwright-core';
import { authLensHover, hoverText } from './hoverPointer';
import { clickButton, executeCommand, pickQuickInput, readClipboard, selectors, until, waitForNotification, waitForState, type Workbench } from './harness';

/** The walkthrough's id as VS Code knows it: `<publisher>.<name>#<walkthrough id>`. */
export const walkthroughId = 'authlens.authlens#getStarted';

/** Its step ids (package.json `contributes.walkthroughs[0].steps[].id`), in order. */
export const walkthroughStepIds = ['sandbox', 'inspect', 'provider', 'signIn'] as const;
export type WalkthroughStepId = (typeof walkthroughStepIds)[number];

/** Opens the walkthrough page (or brings it back to the front). */
export async function openWalkthrough(wb: Workbench): Promise<void> {
  await executeCommand(wb, 'workbench.action.openWalkthrough', walkthroughId, false);
  await waitForState(wb.page, walkthroughStep(wb.page, 'sandbox'), 'the AuthLens walkthrough page', { timeout: 30_000 });
}

/** One step's button on the walkthrough page; VS Code qualifies the id (`…#getStarted#sandbox`). */
export function walkthroughStep(page: Page, id: WalkthroughStepId): Locator {
  return page.locator(`.getting-started-step[data-step-id$="#${id}"]`).first();
}

/** Whether the step shows as done (the checkbox VS Code draws from `aria-checked`). */
export async function stepDone(page: Page, id: WalkthroughStepId): Promise<boolean> {
  return (await walkthroughStep(page, id).getAttribute('aria-checked')) === 'true';
}

/** Waits until the step's checkbox is ticked. */
export async function waitForStepDone(page: Page, id: WalkthroughStepId, timeout = 30_000): Promise<void> {
  await until(page, `the walkthrough step "${id}" to be checked`, async () => ((await stepDone(page, id)) ? true : undefined), timeout);
}

/** The heading of each step's markdown media (media/walkthrough/<id>.md and <id>.zh-cn.md). */
const mediaHeadings: Readonly<Record<WalkthroughStepId, readonly [string, string]>> = {
  sandbox: ['The sandbox', '沙盒'],
  inspect: ['Hover and inspect', '悬停与检查'],
  provider: ['Your own provider', '你自己的提供方'],
  signIn: ['Sign in to an OpenID Connect issuer', '登录 OpenID Connect 签发方'],
};

/** Waits until the step's markdown media has rendered (a webview of its own, loaded after the step opened), in either language. */
async function waitForStepMedia(page: Page, id: WalkthroughStepId): Promise<void> {
  const headings = mediaHeadings[id];
  await until(page, `the media of the walkthrough step "${id}" ("${headings.join('" or "')}")`, async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const text = await frame.evaluate('document.body ? document.body.innerText : ""').catch(() => '');
      if (typeof text === 'string' && headings.some((h) => text.split('\n').some((line) => line.trim() === h))) return true;
    }
    return undefined;
  });
}

/**
 * Expands a step (a click on its title), waits for its media, and clicks the button `label` in
 * its description. The media first: while it loads, the page can take focus back from a quick
 * input the button opened, which closes it (seen once in a multi-step Add Provider).
 */
export async function clickStepButton(page: Page, id: WalkthroughStepId, label: string): Promise<void> {
  const step = walkthroughStep(page, id);
  if ((await step.getAttribute('aria-expanded')) !== 'true') await step.click();
  await waitForStepMedia(page, id);
  const button = step.locator('.monaco-button', { hasText: label }).first();
  await waitForState(page, button, `the button "${label}" in the walkthrough step "${id}"`);
  await button.click();
}

/** Moves the mouse onto a JWT (`needle` is its start) in the active editor and returns the AuthLens hover. */
export async function hoverToken(page: Page, needle: string): Promise<Locator> {
  await hoverText(page, needle);
  return authLensHover(page);
}

/**
 * Signs in to "Sandbox: OpenID Connect" in the browser, as a person in code-server does: the
 * loopback redirect cannot come through code-server's proxy, so the sign-in URL is copied from
 * AuthLens's offer and opened in a tab of its own (the sandbox approves at once). Returns that
 * tab, left open on the "signed in" page for a screenshot; the caller closes it.
 * `start` runs the sign-in (the palette command, or a walkthrough button).
 */
export async function signInToSandboxInBrowser(wb: Workbench, start: () => Promise<void>): Promise<Page> {
  const { page } = wb;
  const popup = wb.browser.context.waitForEvent('page', { timeout: 30_000 }).catch(() => undefined);
  await start();
  const how = page.locator(selectors.quickInput).filter({ hasText: 'Sign In in the Browser' });
  const ask = page.locator('.monaco-dialog-box');
  const offer = page
    .locator(selectors.notificationToast)
    .filter({ hasText: /If the sign-in page did not open/ })
    .first();
  // Remote or web VS Code first offers a code where the issuer has the device flow; VS Code may
  // ask before opening an external site: wait for whichever comes.
  let first = await until(page, 'the sign-in choice, the open-external question or the copy-URL offer', async () =>
    (await how.isVisible()) ? 'how' : (await ask.isVisible()) ? 'ask' : (await offer.isVisible()) ? 'offer' : undefined,
  );
  if (first === 'how') {
    await pickQuickInput(page, 'Sign In in the Browser');
    first = await until(page, 'the open-external question or the copy-URL offer', async () =>
      (await ask.isVisible()) ? 'ask' : (await offer.isVisible()) ? 'offer' : undefined,
    );
  }
  if (first === 'ask') await clickButton(ask, 'Open');
  await (await popup)?.close().catch(() => undefined);
  await clickButton(await waitForNotification(page, /If the sign-in page did not open/, 15_000), 'Copy Sign-In URL');
  const url = await until(
    page,
    'the sign-in URL on the clipboard',
    async () => {
      const text = await readClipboard(page).catch(() => '');
      return /\/auth\?/.test(text) ? text : undefined;
    },
    10_000,
  );
  const tab = await wb.browser.context.newPage();
  await tab.goto(url);
  await tab.getByText('signed in').first().waitFor({ timeout: 15_000 });
  await page.bringToFront();
  return tab;
}

/** Drags the side bar's edge to `to` px, so tree rows show their descriptions whole. */
export async function widenSideBar(page: Page, to = 560): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(to, y, { steps: 8 });
  await page.mouse.up();
}
