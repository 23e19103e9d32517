import * as assert from 'node:assert/strict';
import { executeCommand, openActivityBarView, screenshot, screenshotOnFailure, startWorkbench, treeRow, waitForState, type Workbench } from './harness';

describe('UI: AuthLens in Simplified Chinese', function () {
  this.timeout(240_000);
  let wb: Workbench;
  screenshotOnFailure(() => wb?.page);

  before(async () => {
    wb = await startWorkbench({ locale: 'zh-cn', theme: 'dark', viewport: { width: 1400, height: 860 } });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows the Sessions tree in Chinese', async () => {
    assert.equal(await executeCommand(wb, 'authlens.startSandbox'), true);
    await openActivityBarView(wb.page, 'AuthLens');
    await waitForState(wb.page, treeRow(wb.page, 'Sandbox: Better Auth').first(), 'sandbox', { timeout: 30_000 });
    await screenshot(wb.page, 'zh-probe');
  });
});
