import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerTestHooks } from '../../src/sessions/explorer';
import { activateAuthLens, readAuthLensLog, waitFor } from './helpers';

/**
 * The `oidc` provider inside the real extension host, against the sandbox's issuer: Get Service
 * Token lands in SecretStorage (never settings or the log) and in the tree, opaque tokens are
 * introspected, revoking shows the inactive token, a JWT's refused revocation is explained.
 */

const ID = 'sandbox-oidc';
let hooks: ExplorerTestHooks;

function oidcSession(key: string) {
  return hooks.model.state(ID).sessions.find((s) => s.key === key)?.session;
}

async function setSandboxOidc(patch: Record<string, unknown>): Promise<void> {
  const cfg = vscode.workspace.getConfiguration('authlens');
  const level = (cfg.inspect<unknown[]>('providers')?.workspaceValue ?? []) as Record<string, unknown>[];
  const next = level.map((p) => (p['id'] === ID ? { ...p, ...patch } : p));
  await cfg.update('providers', next, vscode.ConfigurationTarget.Workspace);
  await waitFor(() => hooks.model.provider(ID)?.resource === patch['resource'], 10_000, 'the new oidc settings');
}

describe('oidc provider (sandbox issuer, in-host)', function () {
  this.timeout(60_000);

  before(async () => {
    const ext = await activateAuthLens();
    hooks = (ext.exports as { explorer: ExplorerTestHooks }).explorer;
    const ok = await vscode.commands.executeCommand<boolean>('authlens.startSandbox');
    assert.equal(ok, true, 'the sandbox started');
    await waitFor(() => hooks.model.provider(ID), 10_000, 'the sandbox oidc provider');
  });

  after(async () => {
    await vscode.commands.executeCommand('authlens.stopSandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the provider as signed out until a token is obtained', async () => {
    await hooks.model.refresh(ID, 'user');
    assert.equal(hooks.model.state(ID).kind, 'signed-out', hooks.model.state(ID).failure?.message);
  });

  it('Get Service Token: an opaque token, introspected, in SecretStorage only', async () => {
    await vscode.commands.executeCommand('authlens.oidcGetServiceToken', { type: 'provider', providerId: ID });
    const session = await waitFor(() => oidcSession('service'), 10_000, 'the service session');
    assert.equal(session.status, 'active');
    const access = session.tokens[0];
    assert.equal(access?.kind, 'access-token');
    assert.equal(access?.opaque, true);
    assert.equal(access?.introspection?.['active'], true);
    assert.equal(access?.introspection?.['client_id'], hooks.model.provider(ID)?.clientId);

    const stored = await hooks.credentials.secrets.get(`authlens.oidcTokens/${ID}/service`);
    assert.ok(stored, 'the token set is in SecretStorage');
    const parsed = JSON.parse(stored) as { origin: string; tokens: { accessToken: string } };
    assert.equal(parsed.origin, new URL(hooks.model.provider(ID)?.baseUrl ?? '').origin, 'bound to the issuer origin');
    assert.equal(parsed.tokens.accessToken, access?.value);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('authlens').inspect('providers'));
    assert.ok(!settings.includes(access?.value ?? '-'), 'not in settings');
    assert.ok(!readAuthLensLog().includes(access?.value ?? '-'), 'not in the log');
  });

  it('Copy Token As and the inspector’s curl go to the discovered userinfo_endpoint', async () => {
    await vscode.commands.executeCommand('authlens.oidcGetServiceToken', { type: 'provider', providerId: ID });
    const session = await waitFor(() => oidcSession('service'), 10_000, 'the service session');
    const access = session.tokens.findIndex((t) => t.kind === 'access-token');
    assert.ok(access >= 0, 'an access token');
    const issuer = hooks.model.provider(ID)?.issuer ?? hooks.model.provider(ID)?.baseUrl ?? '';
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint: string };
    const node = { type: 'token', providerId: ID, sessionKey: 'service', tokenIndex: access };
    assert.equal(await vscode.commands.executeCommand('authlens.copyTokenAs', node, 'curl'), 'curl');
    assert.ok(
      (await vscode.env.clipboard.readText()).startsWith(`curl '${doc.userinfo_endpoint}' -H 'Authorization: Bearer `),
      'Copy Token As targets userinfo_endpoint',
    );
    // The inspector opened on the same token (from the tree) copies the same request.
    const inspector = (vscode.extensions.getExtension('authlens.authlens')?.exports as { inspector: { receive(m: unknown): Promise<boolean> } }).inspector;
    await vscode.commands.executeCommand('authlens.inspectSessionToken', node);
    await vscode.env.clipboard.writeText('');
    assert.equal(await inspector.receive({ type: 'copy', seq: 901, what: 'curl' }), true);
    const copied = await waitFor(async () => (await vscode.env.clipboard.readText()) || undefined, 5_000, 'the inspector’s curl on the clipboard');
    assert.ok(
      copied.startsWith(`curl '${doc.userinfo_endpoint}' -H 'Authorization: Bearer `),
      `the inspector targets userinfo_endpoint: ${copied.split(' -H ')[0] ?? ''}`,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Refresh Discovery reads the document again', async () => {
    await vscode.commands.executeCommand('authlens.oidcRefreshDiscovery', { type: 'provider', providerId: ID });
    await waitFor(() => readAuthLensLog().includes(`[${ID}] discovery refreshed from`), 5_000, 'the log line');
  });

  it('revoking the opaque token: the tree shows it revoked (introspection inactive)', async () => {
    // Its own fresh service token, whatever the tests before it did.
    await vscode.commands.executeCommand('authlens.oidcGetServiceToken', { type: 'provider', providerId: ID });
    await waitFor(() => (oidcSession('service')?.status === 'active' ? true : undefined), 10_000, 'an active service token');
    const outcome = await hooks.model.revoke(ID, 'service');
    assert.deepEqual(outcome, { kind: 'revoked' });
    const session = await waitFor(() => (oidcSession('service')?.status === 'revoked' ? oidcSession('service') : undefined), 5_000, 'revoked status');
    assert.equal(session.tokens[0]?.introspection?.['active'], false);
  });

  it('a JWT service token for the API: revocation refused and explained with its exp', async () => {
    await setSandboxOidc({ resource: 'urn:authlens:sandbox-api' });
    try {
      await vscode.commands.executeCommand('authlens.oidcGetServiceToken', { type: 'provider', providerId: ID });
      const session = await waitFor(() => (oidcSession('service')?.tokens[0]?.opaque === false ? oidcSession('service') : undefined), 10_000, 'a JWT');
      const outcome = await hooks.model.revoke(ID, 'service');
      assert.equal(outcome.kind, 'not-revoked');
      assert.ok(outcome.kind === 'not-revoked');
      assert.match(outcome.reason, /unsupported_token_type/);
      assert.ok(outcome.reason.includes(`stays valid until exp ${session.tokens[0]?.expiresAt}`), outcome.reason);
    } finally {
      // The next suite (or a re-run) gets the sandbox provider as configured, even after a failure.
      await setSandboxOidc({ resource: undefined });
    }
  });
});
