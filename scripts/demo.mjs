#!/usr/bin/env node
// `npm run demo`: sets up, builds, and serves VS Code (code-server) on 127.0.0.1 with AuthLens
// loaded from this repo, in a demo workspace whose settings start the built-in sandbox auth
// server. Prints the URL to open; runs until Ctrl+C.
//   node scripts/demo.mjs [--port 8080]      (AUTHLENS_DEMO_PORT works too)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensureDeps.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const t0 = Date.now();

const portArg = process.argv.indexOf('--port');
const wantedPort = Number(portArg > 0 ? process.argv[portArg + 1] : (process.env.AUTHLENS_DEMO_PORT ?? 8080));

function must(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

function portFree(port) {
  return new Promise((ok) => {
    const srv = createServer();
    srv.once('error', () => ok(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => ok(true)));
  });
}

ensureDependencies(root);
must(process.execPath, ['scripts/setupVscode.mjs']);
must(process.execPath, ['esbuild.mjs']);

// Imported only now: they need node_modules.
const { tsImport } = await import('tsx/esm/api');
const { startCodeServer, freePort } = await tsImport('../test/support/codeServer.ts', import.meta.url);
const { SignJWT } = await import('jose');

// The demo workspace (kept between runs; .vscode-test/ is git-ignored).
const workspace = join(root, '.vscode-test', 'demo-workspace');
mkdirSync(join(workspace, '.vscode'), { recursive: true });
writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'authlens.sandbox.autoStart': true }, null, 2) + '\n');
// Demo tokens signed with a throw-away secret: not real credentials.
const key = new TextEncoder().encode('authlens-demo-secret-not-a-real-one');
const now = Math.floor(Date.now() / 1000);
const fresh = await new SignJWT({ sub: 'demo-user', email: 'demo@example.test', scope: 'openid profile', amr: ['pwd', 'otp'] })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setIssuer('http://127.0.0.1/demo')
  .setIssuedAt(now)
  .setExpirationTime(now + 3600)
  .sign(key);
const expired = await new SignJWT({ sub: 'demo-user', role: 'admin' })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setIssuedAt(now - 7200)
  .setExpirationTime(now - 3600)
  .sign(key);
writeFileSync(
  join(workspace, 'requests.http'),
  `# Select a token (or put the cursor on it) and run "AuthLens: Decode Token" (F1).\n` +
    `GET https://api.example.test/me\nAuthorization: Bearer ${fresh}\n\n` +
    `# An expired one\nGET https://api.example.test/me\nAuthorization: Bearer ${expired}\n`,
);

const port = (await portFree(wantedPort)) ? wantedPort : await freePort();
const server = await startCodeServer({ workspaceDir: workspace, port, host: '127.0.0.1' });
const url = server.workbenchUrl({ extensionDevelopmentPath: root });

console.log(`\n[demo] ready in ${((Date.now() - t0) / 1000).toFixed(1)} s. Open this URL in a browser:\n\n  ${url}\n`);
console.log('[demo] AuthLens is loaded from this repo (rebuild with `node esbuild.mjs`, then reload the window).');
console.log('[demo] Press Ctrl+C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\n[demo] stopping code-server');
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Keep the process alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
