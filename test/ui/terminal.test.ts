import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SANDBOX_PROVIDER_IDS, startSandbox, type SandboxHandle } from '../../src/sandbox/index';
import { fakeJwt } from '../fixtures/hoverTokens';
import type { OidcTestServer } from '../fixtures/oidcServer.mjs';
import * as ui from './harness';

/**
 * The loop an engineer wants: sign in, keep the token fresh, export it to the terminal, call the
 * API with curl, and click a token printed in the terminal. Against a real oidc-provider 9 whose
 * access tokens live 20 s, so "fresh" is seen across a real expiry without anyone clicking.
 */
describe('UI: tokens in the terminal (Keep Fresh, Export to Terminals, links)', function () {
  this.timeout(240_000);
  let wb: ui.Workbench;
  let server: OidcTestServer;
  let sandbox: SandboxHandle;
  let device: typeof import('../fixtures/oidcDevice.mjs');
  let outputs = 0;
  const label = 'Terminal IdP';

  /** Runs `command` in a NEW terminal (new terminals get the exported variables) and returns what it wrote to its file. */
  async function runInNewTerminal(page: Page, command: (file: string) => string): Promise<string> {
    const file = join(wb.workspaceDir, `out-${++outputs}.txt`);
    const done = `${file}.done`;
    await ui.runCommand(page, 'Terminal: Create New Terminal');
    const terminal = page.locator('.terminal-wrapper.active .xterm');
    await ui.waitForState(page, terminal, 'a new terminal');
    await terminal.click();
    await page.keyboard.type(`${command(file)}; touch ${done}`);
    await page.keyboard.press('Enter');
    await ui.until(page, `the terminal to finish "${command('…')}"`, async () => (existsSync(done) ? true : undefined), 30_000);
    return readFileSync(file, 'utf8').trim();
  }

  before(async () => {
    device = await import('../fixtures/oidcDevice.mjs');
    const { startOidcServer } = await import('../fixtures/oidcServer.mjs');
    server = await startOidcServer({ features: device.deviceFeatures, clients: [device.deviceClient], ttl: { AccessToken: 20 } });
    sandbox = await startSandbox({ port: 0 });
    wb = await ui.startWorkbench({
      workspaceFiles: { 'notes.txt': 'terminal\n' },
      userSettings: {
        'authlens.providers': [
          { id: 'terminal-idp', kind: 'oidc', label, baseUrl: server.issuer, clientId: device.deviceClient.client_id },
          { id: 'terminal-ba', kind: 'better-auth', label: 'Sandbox API', baseUrl: sandbox.baseUrls.betterAuth },
        ],
        'authlens.refreshAheadSeconds': 5,
        'terminal.integrated.gpuAcceleration': 'off',
      },
    });
    const { page } = wb;
    await ui.openActivityBarView(page, 'AuthLens');
    await ui.treeRow(page, label).first().waitFor({ timeout: 30_000 });
    await ui.runCommand(page, 'AuthLens: Sign In with a Code (OpenID Connect device flow)');
    const prompt = await ui.waitForNotification(page, /enter the code/, 30_000);
    const [, userCode, verificationUri] = /enter the code (\S+) at (\S+) /.exec((await prompt.innerText()).replace(/\s+/g, ' ')) ?? [];
    assert.ok(userCode && verificationUri, 'the code notification');
    await device.driveDeviceApproval(verificationUri, userCode, { login: 'terry' });
    await ui.waitForNotification(page, `Signed in to ${label} as Test terry`, 30_000);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
    await sandbox?.close();
  });
  ui.screenshotOnFailure(() => wb?.page);

  it('exports the access token to new terminals, where curl calls userinfo with it', async () => {
    const { page } = wb;
    await ui.expandRow(ui.treeRow(page, label).first());
    const user = ui.treeRow(page, /Test terry/).first();
    await ui.waitForState(page, user, 'the signed-in user');
    await ui.contextMenu(page, user, 'Export to Terminals');
    await ui.answerQuickInput(page, 'AUTHLENS_TOKEN', /Name of the environment variable/);
    const token = await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`);
    assert.ok(token.length >= 20, `the exported token (${token.length} characters)`);
    assert.equal(await runInNewTerminal(page, (f) => `printenv AUTHLENS_AUTHORIZATION > ${f}`), `Bearer ${token}`);
    const me = JSON.parse(await runInNewTerminal(page, (f) => `curl -s -H "Authorization: $AUTHLENS_AUTHORIZATION" ${server.issuer}/me > ${f}`)) as {
      sub?: string;
    };
    assert.equal(me.sub, 'terry', 'userinfo answered for the exported token');
    await ui.screenshot(page, 'terminal-export-curl');
  });

  it('keeps the token fresh across its 20 s expiry without a click, and new terminals get the new one', async () => {
    const { page } = wb;
    const first = await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`);
    await ui.contextMenu(page, ui.treeRow(page, label).first(), 'Keep Fresh');
    await ui.waitForState(page, ui.treeRow(page, /kept fresh/).first(), 'the provider row saying "kept fresh"');
    // Refreshed 5 s before each expiry: wait until a new terminal sees another token.
    let next = first;
    await ui.until(
      page,
      'a new terminal to get the refreshed token',
      async () => {
        next = await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`);
        return next !== first ? true : undefined;
      },
      90_000,
    );
    const me = JSON.parse(await runInNewTerminal(page, (f) => `curl -s -H "Authorization: $AUTHLENS_AUTHORIZATION" ${server.issuer}/me > ${f}`)) as {
      sub?: string;
    };
    assert.equal(me.sub, 'terry', 'the refreshed token works');
    await ui.contextMenu(page, ui.treeRow(page, label).first(), 'Stop Keeping Fresh');
  });

  it('Stop Exporting: new terminals no longer get the variable', async () => {
    const { page } = wb;
    await ui.runCommand(page, 'AuthLens: Stop Exporting');
    assert.equal(await runInNewTerminal(page, (f) => `printenv AUTHLENS_TOKEN > ${f}`), '');
  });

  it('exports a sandbox session token, and curl from the terminal gets 200 from the sandbox with it', async () => {
    const { page } = wb;
    const provider = ui.treeRow(page, 'Sandbox API').first();
    await ui.waitForState(page, provider, 'the sandbox provider row');
    await ui.contextMenu(page, provider, 'Set Credential');
    await ui.pickQuickInput(page, 'Session cookie', /Which credential/);
    await ui.answerQuickInput(page, sandbox.credentials[SANDBOX_PROVIDER_IDS.betterAuth]?.cookie ?? '', /session cookie value/);
    await ui.until(
      page,
      'the sandbox provider to list its sessions',
      async () => (/(?<!\d)\d+ sessions?\b/.test(await provider.innerText()) ? true : undefined),
      30_000,
    );
    await ui.expandRow(provider);
    // The sandbox user's own session (the oidc user's row also says "this credential").
    const own = ui
      .treeRow(page, /this credential/)
      .filter({ hasText: 'Bob Chen' })
      .first();
    await ui.waitForState(page, own, 'the credential’s own sandbox session');
    await ui.contextMenu(page, own, 'Export to Terminals');
    await ui.answerQuickInput(page, 'AUTHLENS_TOKEN', /Name of the environment variable/);
    const status = await runInNewTerminal(
      page,
      (f) => `curl -s -o ${f}.body -w '%{http_code}' -H "Authorization: $AUTHLENS_AUTHORIZATION" ${sandbox.baseUrls.betterAuth}/get-session > ${f}`,
    );
    assert.equal(status, '200');
    const body = JSON.parse(readFileSync(join(wb.workspaceDir, `out-${outputs}.txt.body`), 'utf8')) as { session?: { token?: string } };
    assert.ok(body.session, 'the sandbox answered with the session the exported token names');
    await ui.runCommand(page, 'AuthLens: Stop Exporting');
  });

  it('a JWT printed in the terminal is a link that opens the inspector', async () => {
    const { page } = wb;
    const nowS = Math.floor(Date.now() / 1000);
    const jwt = fakeJwt({ sub: 'printed-user', iss: 'https://issuer.test', exp: nowS + 600, iat: nowS });
    // The shell computes the marker (42), so only the output line holds "42-printed eyJ…": the
    // typed command holds "$((6*7))-printed", and keys typed before the prompt can echo it twice.
    const marker = '42-printed ';
    await runInNewTerminal(page, (f) => `echo "$((6*7))-printed ${jwt}"; echo ok > ${f}`);
    const row = page.locator('.terminal-wrapper.active .xterm-rows > div', { hasText: marker + jwt.slice(0, 16) });
    await ui.waitForState(page, row, 'the printed token in the terminal');
    // The link's tooltip (it names the subject) shows that VS Code asked AuthLens about the cell
    // under the pointer; only then is a Ctrl+click a link click rather than a plain click.
    const tooltip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'printed-user' });
    const opened = ui.webviewFrame(page).getByText('printed-user').first();
    // One try: hover the cell until the tooltip shows, then Ctrl+click it. Each try first rests
    // the pointer on another row of the terminal: xterm asks the link providers once per row and
    // keeps the replies while the pointer stays on that row, and VS Code's extension host answers
    // an ask with no links when a newer ask for the same terminal overtakes it (one core busy, CI
    // runs 13 and 15), so only a new row makes xterm ask again. A try is repeated only while no
    // inspector shows the token.
    const rows = page.locator('.terminal-wrapper.active .xterm-rows > div');
    let tries = 0;
    await ui.until(
      page,
      'the inspector opened from the terminal link (hover, tooltip, Ctrl+click)',
      async () => {
        // Read the cell's place each time: the terminal can scroll while it renders.
        const point = await cellCentre(row, marker.length + 4);
        const away = await awayFrom(rows, point.y);
        if (tries++ > 0) console.log(`      (terminal link: try ${tries})`);
        await page.mouse.move(away.x, away.y);
        await page.mouse.move(point.x, point.y);
        try {
          await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
        } catch {
          return undefined;
        }
        await page.keyboard.down('Control');
        await page.mouse.click(point.x, point.y);
        await page.keyboard.up('Control');
        try {
          await opened.waitFor({ state: 'visible', timeout: 10_000 });
        } catch {
          return undefined;
        }
        return true;
      },
      60_000,
    );
    await ui.screenshot(page, 'terminal-link-inspector');
  });
});

/** The centre of the first or the last terminal row, whichever is not at height `y`. */
async function awayFrom(rows: Locator, y: number): Promise<{ x: number; y: number }> {
  for (const candidate of [rows.first(), rows.last()]) {
    const box = await candidate.boundingBox();
    if (box && Math.abs(box.y + box.height / 2 - y) > box.height / 2) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  assert.fail('the terminal has a row other than the token’s');
}

/** The DOM the row's evaluate uses (the tests compile without the DOM library). */
interface RowGlobals {
  document: {
    createTreeWalker(root: unknown, show: number): { nextNode(): { textContent: string | null } | null };
    createRange(): {
      setStart(node: unknown, offset: number): void;
      setEnd(node: unknown, offset: number): void;
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
    };
  };
}

/** The centre of character `index` of a terminal row (the DOM renderer keeps the row's text in text nodes). */
async function cellCentre(row: Locator, index: number): Promise<{ x: number; y: number }> {
  const point = await row.evaluate((el, at) => {
    const { document } = globalThis as unknown as RowGlobals;
    const walker = document.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (at < offset + length) {
        const range = document.createRange();
        range.setStart(node, at - offset);
        range.setEnd(node, at - offset + 1);
        const r = range.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
      offset += length;
    }
    return undefined;
  }, index);
  assert.ok(point, `the row has a character ${index}`);
  return point;
}
