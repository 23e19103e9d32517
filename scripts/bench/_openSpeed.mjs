// Helper of scripts/bench/inspector.mjs (not a benchmark itself): the inspector's open time and
// AuthLens's activation, each as a ratio to a floor measured in the SAME code-server run.
// The floor is `scripts/bench/floorExtension/`: one command, one minimal webview panel under the
// same kind of nonce CSP. One code-server, several fresh windows (a new page each, so a new
// extension host and a new webview service); in each window the in-host test
// `test/vscode/openSpeed.test.ts` measures and writes its figures to a file this driver reads.
// Cold (the window's first panel) alternates between the floor and the inspector across windows.
// The caller holds /tmp/authlens-heavy.lock and has built the extension (`_benchExtension.mjs`).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const range = (xs) => (xs.length ? `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}` : 'n/a');

/**
 * A copy of `registrationsExtension/` in `work` with the floor's hrtime wrapper as its main and as
 * many commands as AuthLens contributes (its package.json `benchCommands`).
 */
function registrationsExtension(root, work) {
  const dir = join(work, 'registrations');
  cpSync(join(root, 'scripts', 'bench', 'registrationsExtension'), dir, { recursive: true });
  cpSync(join(root, 'scripts', 'bench', 'floorExtension', 'timed.js'), join(dir, 'timed.js'));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const commands = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).contributes.commands.length;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, benchCommands: commands }, null, 2));
  return dir;
}

/**
 * Runs `windows` fresh windows and returns every window's figures plus a summary.
 * @param {{ root: string, extensionPath: string, testsEntry: string, windows: number, rounds: number, warmRuns: number, say: (m: string) => void, profile?: boolean }} o
 */
export async function measureOpenSpeed(o) {
  const { tsImport } = await import('tsx/esm/api');
  const { startCodeServer, launchBrowser } = await tsImport('../../test/support/codeServer.ts', import.meta.url);
  const work = mkdtempSync(join(tmpdir(), 'authlens-openspeed-'));
  const planFile = join(work, 'plan.json');
  const resultsFile = join(work, 'results.json');
  const server = await startCodeServer({
    env: { AUTHLENS_TEST_RESULTS: resultsFile, AUTHLENS_TEST_GREP: 'Open speed against the floor', AUTHLENS_BENCH_PLAN: planFile },
    extraExtensions: [join(o.root, 'scripts', 'bench', 'floorExtension'), registrationsExtension(o.root, work)],
  });
  writeFileSync(join(server.workspaceDir, 'README.txt'), 'AuthLens bench workspace\n');
  const session = await launchBrowser(server.baseUrl);
  const windows = [];
  const webviewMarks = [];
  try {
    const url = server.workbenchUrl({ extensionDevelopmentPath: o.extensionPath, extensionTestsPath: o.testsEntry });
    // Window -1 is thrown away: the first window of a code-server run opens its first webview in
    // about 400 ms where every later window takes about 1300 ms (the browser registers the webview
    // service worker then), which would favour whichever panel goes first in it.
    for (let w = -1; w < o.windows; w++) {
      const out = join(work, `window-${w}.json`);
      const first = w < 0 || w % 2 === 0 ? 'floor' : w % 4 === 1 ? 'typical' : 'authing';
      const rounds = w < 0 ? 0 : o.rounds;
      writeFileSync(planFile, JSON.stringify({ first, rounds, warmRuns: o.warmRuns, out }));
      rmSync(resultsFile, { force: true });
      const page = await session.context.newPage();
      const t0 = Date.now();
      await page.goto(url);
      for (;;) {
        if (existsSync(resultsFile)) {
          let results;
          try {
            results = JSON.parse(readFileSync(resultsFile, 'utf8'));
          } catch {
            results = undefined; // half-written: poll again
          }
          if (results) {
            if (results.failures.length || results.fatal || !existsSync(out)) {
              const why = results.fatal ?? (results.failures.map((f) => `${f.fullTitle}: ${f.error}`).join('\n') || 'no figures');
              throw new Error(`window ${w + 1}: ${why}\nbrowser errors:\n${session.consoleErrors.slice(-10).join('\n')}`);
            }
            break;
          }
        }
        if (Date.now() - t0 > 300_000) throw new Error(`window ${w + 1}: no results after 300 s`);
        await new Promise((r) => setTimeout(r, 250));
      }
      if (w < 0) {
        o.say(`warm-up window (not counted) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        await page.close();
        continue;
      }
      windows.push(JSON.parse(readFileSync(out, 'utf8')));
      // The webview's own marks of the last panel (the hostile token's): where its time went.
      webviewMarks.push(await readWebviewTimings(page));
      o.say(`window ${w + 1}/${o.windows} (first panel: ${first}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await page.close();
    }
  } finally {
    await session.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return { windows, webviewMarks: webviewMarks.filter(Boolean), summary: summarize(windows) };
}

/** Navigation, resource and AuthLens marks inside the inspector's frame (the one with `#app`). */
/* global document -- the evaluate() callback below runs in the webview frame */
async function readWebviewTimings(page) {
  for (const frame of page.frames()) {
    const timings = await frame
      .evaluate(() => {
        if (!document.getElementById('app')) return undefined;
        const nav = performance.getEntriesByType('navigation')[0];
        const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
        const resources = performance.getEntriesByType('resource').map((r) => ({
          name: r.name.split('/').slice(-2).join('/').replace(/\?.*$/, ''),
          start: Math.round(r.startTime),
          ms: Math.round(r.duration),
          bytes: r.encodedBodySize,
        }));
        return { domContentLoaded: nav ? Math.round(nav.domContentLoadedEventEnd) : undefined, marks, resources };
      })
      .catch(() => undefined);
    if (timings) return timings;
  }
  return undefined;
}

/**
 * Opens slower than this are counted apart, not in the medians: in code-server, opening a webview
 * right after an inspector panel closed sometimes waits for the webview service worker's 30 s
 * resource timeout (seen for the floor's panel too, never after the floor's panel closed).
 */
const STALL_MS = 25_000;

/** Medians and ratios over the windows. */
export function summarize(windows) {
  const all = (pick) => windows.flatMap(pick).filter((ms) => ms < STALL_MS);
  const cold = (c) => all((w) => (w.cold.case === c ? [w.cold.ms] : []));
  const out = { cold: {}, fresh: {}, warm: {}, activation: {}, activationHr: {}, stalls: {} };
  for (const c of ['floor', 'typical', 'authing', 'hostile']) {
    out.stalls[c] = windows.flatMap((w) => [...w.fresh[c], ...w.warm[c], ...(w.cold.case === c ? [w.cold.ms] : [])]).filter((ms) => ms >= STALL_MS).length;
  }
  for (const c of ['floor', 'typical', 'authing']) out.cold[c] = { median: median(cold(c)), range: range(cold(c)), n: cold(c).length };
  for (const c of ['floor', 'typical', 'authing', 'hostile']) {
    const f = all((w) => w.fresh[c]);
    const wm = all((w) => w.warm[c]);
    out.fresh[c] = { median: median(f), range: range(f), n: f.length };
    out.warm[c] = { median: median(wm), range: range(wm), n: wm.length };
  }
  for (const who of ['authlens', 'floor', 'registrations']) {
    const a = all((w) => (w.activation[who] ? [w.activation[who].loadMs + w.activation[who].activateMs] : []));
    const load = all((w) => (w.activation[who] ? [w.activation[who].loadMs] : []));
    out.activation[who] = { median: median(a), loadMedian: median(load), range: range(a), n: a.length };
    const hr = (pick) => windows.flatMap((w) => (w.activationHr?.[who] ? [pick(w.activationHr[who])] : []));
    const total = hr((x) => x.requireMs + x.activateMs);
    out.activationHr[who] = {
      median: median(total),
      requireMedian: median(hr((x) => x.requireMs)),
      apiMedian: median(hr((x) => x.apiMs ?? NaN)),
      activateMedian: median(hr((x) => x.activateMs)),
      range: range(total),
      n: total.length,
    };
  }
  // AuthLens against its registrations alone, per window, split by which of the two loaded first.
  const pairs = windows.flatMap((w) => {
    const a = w.activationHr?.authlens;
    const g = w.activationHr?.registrations;
    return a && g ? [{ authlensFirst: a.order < g.order, ratio: (a.requireMs + a.activateMs) / (g.requireMs + g.activateMs) }] : [];
  });
  const ratios = (first) => pairs.filter((p) => p.authlensFirst === first).map((p) => p.ratio);
  out.ownCode = {
    authlensFirst: { median: median(ratios(true)), n: ratios(true).length },
    registrationsFirst: { median: median(ratios(false)), n: ratios(false).length },
  };
  return out;
}

/** The report lines: ratios to the floor against the issue's goals. */
export function reportLines(s) {
  const r = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  const ms = (x) => (Number.isFinite(x.median) ? `${x.median.toFixed(0)} ms (${x.range}, n=${x.n})` : 'n/a');
  const lines = [];
  lines.push(`  floor panel            cold ${ms(s.cold.floor)}   fresh ${ms(s.fresh.floor)}   warm ${ms(s.warm.floor)}`);
  for (const c of ['typical', 'authing']) {
    const label = c === 'typical' ? 'typical token' : 'Authing session + user';
    lines.push(`  ${label.padEnd(22)} cold ${ms(s.cold[c])} = ${r(s.cold[c].median, s.cold.floor.median)} of the floor (goal <= 1.2x)`);
    lines.push(`  ${''.padEnd(22)} fresh ${ms(s.fresh[c])} = ${r(s.fresh[c].median, s.fresh.floor.median)} (goal <= 1.2x)`);
    lines.push(`  ${''.padEnd(22)} warm ${ms(s.warm[c])} = floor + ${(s.warm[c].median - s.warm.floor.median).toFixed(0)} ms (goal <= +30 ms)`);
  }
  lines.push(`  hostile 150 KB token   fresh (first paint) ${ms(s.fresh.hostile)} = ${r(s.fresh.hostile.median, s.fresh.floor.median)} (goal <= 2x)`);
  lines.push(`  ${''.padEnd(22)} warm ${ms(s.warm.hostile)} = ${r(s.warm.hostile.median, s.warm.floor.median)} of the floor`);
  const stalls = Object.entries(s.stalls).filter(([, n]) => n > 0);
  if (stalls.length)
    lines.push(`  left out of the medians: opens over ${STALL_MS / 1000} s (the workbench's 30 s stall): ${stalls.map(([c, n]) => `${c} ${n}`).join(', ')}`);
  const a = s.activation;
  lines.push(
    `  activation, VS Code's marks (1 ms steps) AuthLens ${ms(a.authlens)} (code loading ${a.authlens.loadMedian} ms) vs one-command extension ${ms(a.floor)} (code loading ${a.floor.loadMedian} ms) = ${r(a.authlens.median, a.floor.median)} (goal <= 1.2x)`,
  );
  const h = s.activationHr;
  if (h?.authlens?.n && h.floor?.n) {
    const hms = (x) =>
      `${x.median.toFixed(2)} ms (require ${x.requireMedian.toFixed(2)}, of which VS Code's API object ${x.apiMedian.toFixed(2)}, + activate() ${x.activateMedian.toFixed(2)}, n=${x.n})`;
    lines.push(
      `  activation, hrtime around require + activate() AuthLens ${hms(h.authlens)} vs one-command extension ${hms(h.floor)} = ${r(h.authlens.median, h.floor.median)} (goal <= 1.2x)`,
    );
    if (h.registrations?.n)
      lines.push(
        `  activation, hrtime: AuthLens's registrations alone, no AuthLens code (registrationsExtension/) ${hms(h.registrations)} = ${r(h.registrations.median, h.floor.median)} of the one-command extension; AuthLens = ${r(h.authlens.median, h.registrations.median)} of its registrations alone`,
      );
    const own = s.ownCode;
    const x = (v) => (Number.isFinite(v.median) ? `${v.median.toFixed(2)}x (n=${v.n})` : `n/a (n=0)`);
    if (own)
      lines.push(
        `  activation, hrtime, AuthLens / its registrations alone in the same window: ${x(own.authlensFirst)} where AuthLens loaded first, ${x(own.registrationsFirst)} where the registrations extension did (the first pays VS Code's first use of each API)`,
      );
  }
  return lines;
}
