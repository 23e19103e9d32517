import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'authlens.authlens';

describe('activation', () => {
  it('declares an engines.vscode range this host satisfies (the oldest VS Code it is tested on)', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    const range = String((ext.packageJSON as { engines?: { vscode?: string } }).engines?.vscode ?? '');
    const min = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    assert.ok(min, `engines.vscode is a caret range: "${range}"`);
    const host = vscode.version.split('.').map(Number);
    const [maj, mnr] = [Number(min[1]), Number(min[2])];
    // A caret range on 1.x admits 1.y for y >= the minimum; an extension that asks for a newer
    // VS Code than the tests run on would not install there.
    assert.equal(host[0], maj, `host ${vscode.version} vs ${range}`);
    assert.ok((host[1] ?? 0) >= mnr, `host ${vscode.version} is older than ${range}`);
  });

  it('activates and registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const contributed = (ext.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(registered.has(id), `${id} is registered`);
  });
});
