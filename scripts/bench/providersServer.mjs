// Server side of the providers benchmark, run as its own process so the server's CPU and heap
// stay out of the client's figures. Starts the built sandbox (dist/sandbox.js) and prints one
// JSON line: {sandbox: {url, providers, credentials}, authms: {baseUrl, bearer, authUserId, total, source}}.
//
// The AuthMS figure wants 10,000 sessions for one user. The sandbox is asked for them with the
// option `authmsPagedSessions`; if it does not honour it (it seeds 250), an AuthMS stub on its
// own port serves 10,000 sessions cloned from the sandbox's own items (same fields, same
// paging), and `source` says `stub`.
import * as http from 'node:http';
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
let authms = { baseUrl: authmsConfig.baseUrl, bearer, authUserId: authmsConfig.authUserId, total: first.total, source: 'sandbox' };

if (first.total < target) {
  const templates = first.items;
  const items = Array.from({ length: target }, (_, i) => ({
    ...templates[i % templates.length],
    id: `sess_${i.toString(16).padStart(16, '0')}`,
  }));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${bearer}` || url.pathname !== '/authms/sessions') {
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Unauthorized', status: 401 }));
      return;
    }
    const page = Number(url.searchParams.get('page') ?? 1);
    const pageSize = Number(url.searchParams.get('page_size') ?? 20);
    const totalPages = Math.ceil(items.length / pageSize);
    const body = JSON.stringify({
      code: 0,
      items: items.slice((page - 1) * pageSize, page * pageSize),
      message: 'success',
      pagination: { has_next: page < totalPages, has_prev: page > 1, page, page_size: pageSize, total: items.length, total_pages: totalPages },
      timestamp: new Date().toISOString(),
      total: items.length,
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  authms = { ...authms, baseUrl: `http://127.0.0.1:${server.address().port}/authms`, total: items.length, source: 'stub', sandboxTotal: first.total };
}

process.stdout.write(`${JSON.stringify({ sandbox: { url: sandbox.url, providers: sandbox.providerConfigs(), credentials: sandbox.credentials }, authms })}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
