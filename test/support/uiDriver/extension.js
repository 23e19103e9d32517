// @ts-check
/**
 * Test-only extension the UI harness (test/ui/harness.ts) loads next to AuthLens. The browser
 * cannot reach the extension host, so this listens on 127.0.0.1 and lets the harness
 *   - write settings through the configuration API (the workbench applies them live; editing
 *     settings.json on disk while code-server runs does not),
 *   - run a command and get its (JSON) result, and read a little state.
 * Set-up goes through here so a test only drives by hand the thing it tests, never races a
 * picker to get there. Each request must carry the per-start secret written next to the port.
 */
const http = require('node:http');
const { randomBytes, timingSafeEqual } = require('node:crypto');
const { writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');

/** @param {unknown} value */
function jsonSafe(value) {
  try {
    return JSON.parse(JSON.stringify(value ?? null));
  } catch {
    return String(value);
  }
}

/** @param {http.IncomingMessage} req */
function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      body += c;
      if (body.length > 1_000_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/** @type {Record<string, (args: any) => Promise<unknown>>} */
const routes = {
  async setting({ key, value, target }) {
    const t = target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration().update(key, value, t);
    return vscode.workspace.getConfiguration().inspect(key);
  },
  async get({ key }) {
    return vscode.workspace.getConfiguration().get(key);
  },
  async command({ command, args }) {
    return jsonSafe(await vscode.commands.executeCommand(command, ...(Array.isArray(args) ? args : [])));
  },
  async state() {
    return {
      colorTheme: vscode.workspace.getConfiguration('workbench').get('colorTheme'),
      themeKind: vscode.window.activeColorTheme.kind,
      focused: vscode.window.state.focused,
      activeEditor: vscode.window.activeTextEditor?.document.uri.toString(),
      authlensActive: vscode.extensions.getExtension('authlens.authlens')?.isActive === true,
    };
  },
};

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  const dir = process.env.AUTHLENS_TEST_USER_DATA_DIR;
  if (!dir) return; // only under the harness's code-server
  const secret = randomBytes(24).toString('hex');
  const server = http.createServer(async (req, res) => {
    const given = Buffer.from(String(req.headers['x-driver-secret'] ?? ''));
    const expected = Buffer.from(secret);
    const route = routes[(req.url ?? '').replace(/^\//, '')];
    if (req.method !== 'POST' || given.length !== expected.length || !timingSafeEqual(given, expected) || !route) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readBody(req);
      const result = await route(body ? JSON.parse(body) : {});
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: jsonSafe(result) }));
    } catch (err) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (!address || typeof address === 'string') return;
    const file = join(dir, 'authlens-ui-driver.json');
    // Write then rename: the harness polls this file and must never read half of it.
    writeFileSync(`${file}.tmp`, JSON.stringify({ port: address.port, secret, pid: process.pid }));
    renameSync(`${file}.tmp`, file);
  });
  context.subscriptions.push({ dispose: () => server.close() });
}

module.exports = { activate, deactivate() {} };
