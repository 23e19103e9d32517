// Providers benchmark (issue 4). Build first: `node esbuild.mjs`.
//
//   node scripts/bench/providers.mjs [--json] [--sessions 10000] [--seconds 2]
//
// 1. AuthMS: list 10,000 sessions of one user in pages of 100 through the provider
//    (dist/providers.js) and through plain undici (request + body.json(), same Agent settings):
//    time to first page, total time, peak heap growth. Median of 3 runs after a warm-up.
// 2. Better Auth get-session round trips per second against the sandbox: one http.ts call
//    (HttpClient.send) vs undici.request, and a whole provider listSessions (get-session +
//    list-sessions) vs the same two plain requests.
// Each provider figure is printed beside the plain one with their ratio (provider / plain; for
// throughput plain / provider), so the provider's own overhead shows. The server runs in a child
// process so its CPU and heap stay out of these figures.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const argNum = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const SESSIONS = argNum('--sessions', 10_000);
const SECONDS = argNum('--seconds', 2);
const PAGE = 100;
const RUNS = 3;

for (const f of ['../../dist/providers.js', '../../dist/sandbox.js']) {
  if (!existsSync(here(f))) {
    console.error(`bench: ${f.slice(6)} is missing; run \`node esbuild.mjs\` first`);
    process.exit(2);
  }
}
const providers = require(here('../../dist/providers.js'));
const { Agent, request } = require('undici');

const server = spawn(process.execPath, [here('./providersServer.mjs'), String(SESSIONS)], { stdio: ['pipe', 'pipe', 'inherit'] });
const info = JSON.parse(
  await new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  }),
);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => bytes / 1024 / 1024;
const gc = () => globalThis.gc?.();

/** Runs `fn(onPage)` while sampling the heap; returns first-page and total ms and peak heap growth. */
async function measureListing(fn) {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > peak) peak = h;
  };
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  let first;
  let kept;
  try {
    kept = await fn(() => {
      first ??= performance.now() - t0;
      sample();
    });
  } finally {
    clearInterval(timer);
  }
  const total = performance.now() - t0;
  sample();
  if (kept !== SESSIONS_EXPECTED) throw new Error(`listed ${kept} sessions, expected ${SESSIONS_EXPECTED}`);
  return { firstMs: first, totalMs: total, peakHeapMB: mb(peak - base) };
}
const SESSIONS_EXPECTED = info.authms.total;

const authmsConfig = { id: 'bench-authms', kind: 'authms', label: 'bench', baseUrl: info.authms.baseUrl, authUserId: info.authms.authUserId, pageSize: PAGE };
const authmsCreds = { bearer: info.authms.bearer };

async function providerListing(onPage) {
  const p = providers.createProvider(authmsConfig);
  const all = [];
  let cursor;
  do {
    const page = await p.listSessions({ credentials: authmsCreds }, cursor);
    all.push(...page.sessions);
    onPage();
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  await p.close();
  return all.length;
}

async function plainListing(onPage) {
  const agent = new Agent({ connect: { timeout: 10_000 }, headersTimeout: 10_000, bodyTimeout: 10_000, keepAliveTimeout: 10_000 });
  const all = [];
  let page = 1;
  for (;;) {
    const url = `${info.authms.baseUrl}/sessions?auth_user_id=${encodeURIComponent(info.authms.authUserId)}&page=${page}&page_size=${PAGE}`;
    const res = await request(url, { headers: { authorization: `Bearer ${info.authms.bearer}`, accept: 'application/json' }, dispatcher: agent });
    const body = await res.body.json();
    all.push(...body.items);
    onPage();
    if (!body.pagination?.has_next) break;
    page++;
  }
  await agent.close();
  return all.length;
}

/** Calls `fn` back to back for `ms`; returns calls per second. */
async function rate(fn, ms) {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < ms) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Both functions' calls per second: warm-up, then 3 alternating rounds (medians). */
async function compareRates(a, b) {
  for (let i = 0; i < 30; i++) {
    await a();
    await b();
  }
  const ra = [];
  const rb = [];
  for (let round = 0; round < 3; round++) {
    ra.push(await rate(a, (SECONDS * 1000) / 3));
    rb.push(await rate(b, (SECONDS * 1000) / 3));
  }
  return [median(ra), median(rb)];
}

const ba = info.sandbox.providers.find((c) => c.kind === 'better-auth');
const baCookie = `better-auth.session_token=${info.sandbox.credentials['sandbox-better-auth'].cookie}`;

const results = {};
try {
  // 1. AuthMS listing: warm-up both, then alternate runs.
  await providerListing(() => {});
  await plainListing(() => {});
  const prov = [];
  const plain = [];
  for (let i = 0; i < RUNS; i++) {
    prov.push(await measureListing(providerListing));
    plain.push(await measureListing(plainListing));
  }
  const pick = (runs, k) => median(runs.map((r) => r[k]));
  results.authmsListing = {
    sessions: SESSIONS_EXPECTED,
    pageSize: PAGE,
    provider: { firstPageMs: pick(prov, 'firstMs'), totalMs: pick(prov, 'totalMs'), peakHeapMB: pick(prov, 'peakHeapMB') },
    plainUndici: { firstPageMs: pick(plain, 'firstMs'), totalMs: pick(plain, 'totalMs'), peakHeapMB: pick(plain, 'peakHeapMB') },
  };

  // 2. get-session round trips per second.
  const client = new providers.HttpClient({ baseUrl: ba.baseUrl });
  const agent = new Agent({ connect: { timeout: 10_000 }, headersTimeout: 10_000, bodyTimeout: 10_000, keepAliveTimeout: 10_000 });
  const getSessionProvider = () => client.send({ method: 'GET', url: `${ba.baseUrl}/get-session`, headers: { cookie: baCookie } });
  const plainGet = async (path) => {
    const res = await request(`${ba.baseUrl}${path}`, { headers: { cookie: baCookie, accept: 'application/json' }, dispatcher: agent });
    return res.body.json();
  };
  const [httpRps, plainRps] = await compareRates(getSessionProvider, () => plainGet('/get-session'));
  const provider = providers.createProvider(ba);
  const userCreds = { cookie: info.sandbox.credentials['sandbox-better-auth'].cookie };
  const [listRps, plainListRps] = await compareRates(
    () => provider.listSessions({ credentials: userCreds }),
    async () => {
      await plainGet('/get-session');
      await plainGet('/list-sessions');
    },
  );
  await Promise.all([client.close(), agent.close(), provider.close()]);
  results.betterAuthGetSession = {
    httpTs: { perSecond: httpRps },
    plainUndici: { perSecond: plainRps },
    providerListSessions: { perSecond: listRps, requestsEach: 2 },
    plainUndiciSameTwoRequests: { perSecond: plainListRps },
  };
} finally {
  server.kill('SIGTERM');
}

if (asJson) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const a = results.authmsListing;
  const g = results.betterAuthGetSession;
  const f = (n, d = 1) => n.toFixed(d);
  const lines = [
    `Providers benchmark (Node ${process.versions.node}; server in a child process${globalThis.gc ? '' : '; run with --expose-gc for steadier heap figures'})`,
    '',
    `AuthMS: ${a.sessions.toLocaleString('en')} sessions in pages of ${a.pageSize} (sandbox), median of ${RUNS}`,
    `                     provider    plain undici   ratio`,
    `  first page (ms)  ${f(a.provider.firstPageMs).padStart(9)}  ${f(a.plainUndici.firstPageMs).padStart(13)}   ${f(a.provider.firstPageMs / a.plainUndici.firstPageMs, 2)}x`,
    `  total (ms)       ${f(a.provider.totalMs).padStart(9)}  ${f(a.plainUndici.totalMs).padStart(13)}   ${f(a.provider.totalMs / a.plainUndici.totalMs, 2)}x`,
    `  peak heap (MB)   ${f(a.provider.peakHeapMB).padStart(9)}  ${f(a.plainUndici.peakHeapMB).padStart(13)}   ${f(a.provider.peakHeapMB / a.plainUndici.peakHeapMB, 2)}x`,
    '',
    `Better Auth get-session against the sandbox (sequential, one connection, ${SECONDS} s each, 3 alternating rounds)`,
    `  http.ts send         ${f(g.httpTs.perSecond, 0).padStart(6)}/s   plain undici ${f(g.plainUndici.perSecond, 0).padStart(6)}/s   overhead ${f(g.plainUndici.perSecond / g.httpTs.perSecond, 2)}x`,
    `  provider list (2 req) ${f(g.providerListSessions.perSecond, 0).padStart(5)}/s   plain undici ${f(g.plainUndiciSameTwoRequests.perSecond, 0).padStart(6)}/s   overhead ${f(g.plainUndiciSameTwoRequests.perSecond / g.providerListSessions.perSecond, 2)}x`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
