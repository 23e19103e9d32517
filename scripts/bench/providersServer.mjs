// Server side of the providers benchmark, run as its own process so the server's CPU and heap
// stay out of the client's figures. Starts the built sandbox (dist/sandbox.js) with
// `authmsPagedSessions` = the wanted number of AuthMS sessions (argv[2], default 10,000; the
// sandbox takes up to 100,000) and prints one JSON line:
// {sandbox: {url, providers, credentials}, authms: {baseUrl, bearer, authUserId, total}}.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const target = Number(process.argv[2] ?? 10_000);
const { startSandbox } = require(fileURLToPath(new URL('../../dist/sandbox.js', import.meta.url)));

const sandbox = await startSandbox({ authmsPagedSessions: target });
const authmsConfig = sandbox.providerConfigs().find((c) => c.kind === 'authms');
const bearer = sandbox.credentials['sandbox-authms'].bearer;
const probe = await fetch(`${authmsConfig.baseUrl}/sessions?auth_user_id=${authmsConfig.authUserId}&page=1&page_size=100`, {
  headers: { authorization: `Bearer ${bearer}` },
});
const first = await probe.json();
if (first.total !== target) {
  console.error(`bench server: the sandbox seeded ${first.total} AuthMS sessions, not ${target}`);
  process.exit(1);
}
const authms = { baseUrl: authmsConfig.baseUrl, bearer, authUserId: authmsConfig.authUserId, total: first.total };

process.stdout.write(`${JSON.stringify({ sandbox: { url: sandbox.url, providers: sandbox.providerConfigs(), credentials: sandbox.credentials }, authms })}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
