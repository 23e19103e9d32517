/**
 * The inspector's open time against the floor, in one window (driven by
 * `scripts/bench/openSpeedDriver.ts`, which opens several fresh windows of one code-server run).
 * Registered only when the driver names a plan file in `$AUTHLENS_BENCH_PLAN`: the ordinary suite
 * has no floor extension to measure against. Figures, not assertions: the assertions check that
 * each measured open really rendered what it was given.
 *
 * Per window: activation of AuthLens and of the floor (VS Code's own extension-host performance
 * marks), the window's first panel ("cold": the floor or the inspector, as the plan says), then
 * rounds of "fresh" panels (closed, then opened again) and "warm" opens (the panel reused) for
 * the floor and three inspector cases.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import * as vscode from 'vscode';
import { activateAuthLens, closeAllEditors, EXTENSION_ID, waitFor } from './helpers';

const FLOOR_ID = 'authlens-bench.floor';
const FLOOR_COMMAND = 'authlensBench.floorPanel';
/** AuthLens's start-up registrations with no AuthLens code behind them (`scripts/bench/registrationsExtension/`). */
const REGISTRATIONS_ID = 'authlens-bench.registrations';

/** What the driver writes before it opens the window. */
interface Plan {
  /** Which panel is the window's first. */
  readonly first: Case;
  readonly rounds: number;
  readonly warmRuns: number;
  /** Where this window's figures go. */
  readonly out: string;
}

type Case = 'floor' | 'typical' | 'authing' | 'hostile';
const cases: readonly Case[] = ['floor', 'typical', 'authing', 'hostile'];

/** One window's figures (ms); the driver aggregates them. */
export interface WindowFigures {
  activation: Record<'authlens' | 'floor' | 'registrations', { loadMs: number; activateMs: number } | undefined>;
  /** The same, timed with process.hrtime by the bench's wrapper main (`floorExtension/timed.js`). */
  activationHr: Record<'authlens' | 'floor' | 'registrations', HrActivation | undefined>;
  cold: { case: Case; ms: number };
  fresh: Record<Case, number[]>;
  warm: Record<Case, number[]>;
}

const secret = new TextEncoder().encode('open-speed-bench-secret-not-real-0123456789');
const nowS = Math.floor(Date.now() / 1000);

function sign(payload: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(nowS - 60)
    .setExpirationTime(nowS + 900)
    .sign(secret);
}

/** The same three inputs as the model-build bench (scripts/bench/inspector.mjs), two of each. */
async function inputs(): Promise<Record<Exclude<Case, 'floor'>, unknown[]>> {
  const typical = (sub: string): Promise<string> =>
    sign({
      iss: 'https://issuer.example',
      sub,
      aud: ['api'],
      scope: 'openid profile email',
      email: 'a@example.com',
      address: { country: 'CN' },
      amr: ['pwd', 'mfa'],
    });
  const user = {
    id: 'u1',
    email: 'a@b.c',
    password: 'f'.repeat(32),
    salt: 's'.repeat(30),
    loginsCount: 3,
    metadata: { a: 1 },
    identities: [{ provider: 'x' }],
  };
  const authing = async (sub: string): Promise<unknown> => {
    const token = await typical(sub);
    const session = {
      id: `s-${sub}`,
      user: { name: sub },
      status: 'active',
      tokens: [{ kind: 'jwt', label: 'User token', value: token, opaque: false }],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      raw: { session: { _id: `s-${sub}`, cookie: { expires: new Date().toISOString() } }, user },
    };
    return { token, source: { providerId: 'authing-bench', providerLabel: 'Authing', providerKind: 'authing', session } };
  };
  const hostile = (sub: string): Promise<string> =>
    sign({ sub, big: 'A'.repeat(150_000), wide: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) });
  return {
    typical: [await typical('alice'), await typical('bob')],
    authing: [await authing('carol'), await authing('dave')],
    hostile: [await hostile('erin'), await hostile('frank')],
  };
}

/** `activate()` and code loading of an extension, from the extension host's own performance marks. */
function activationMs(id: string): { loadMs: number; activateMs: number } | undefined {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  const marks = new Map((perf?.getMarks() ?? []).map((m) => [m.name, m.startTime]));
  const span = (from: string, to: string): number | undefined => {
    const a = marks.get(`code/extHost/${from}/${id}`);
    const b = marks.get(`code/extHost/${to}/${id}`);
    return a !== undefined && b !== undefined ? b - a : undefined;
  };
  const loadMs = span('willLoadExtensionCode', 'didLoadExtensionCode');
  const activateMs = span('willActivateExtension', 'didActivateExtension');
  return loadMs !== undefined && activateMs !== undefined ? { loadMs, activateMs } : undefined;
}

/** One extension's activation as `floorExtension/timed.js` timed it (`order` 1 = the first of the bench's extensions to load). */
interface HrActivation {
  order: number;
  requireMs: number;
  apiMs: number;
  activateMs: number;
}

/** Left by `floorExtension/timed.js`, the main of every extension in the bench (once activated). */
function hrActivation(id: string): HrActivation | undefined {
  return (globalThis as { authlensBenchActivation?: Record<string, HrActivation> }).authlensBenchActivation?.[id];
}

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
}

const plan = process.env.AUTHLENS_BENCH_PLAN;
if (plan) {
  describe('Open speed against the floor (bench)', function () {
    this.timeout(300_000);

    it('measures activation, cold, fresh and warm opens of the floor and the inspector', async () => {
      const p = JSON.parse(readFileSync(plan, 'utf8')) as Plan;
      const floor = vscode.extensions.getExtension(FLOOR_ID);
      assert.ok(floor, `${FLOOR_ID} is installed beside AuthLens`);
      await floor.activate();
      const registrations = vscode.extensions.getExtension(REGISTRATIONS_ID);
      assert.ok(registrations, `${REGISTRATIONS_ID} is installed beside AuthLens`);
      await registrations.activate();
      const authlens = await activateAuthLens();
      // The inspector's own report of its webview's "rendered" (the command also resolves after 5 s
      // without one). Read only after the first inspector open: reading the test hooks loads the
      // features bundle, which a person's first open pays for and so must the cold figure.
      let hooked: { lastOpenMs?: number } | undefined;
      const stats = (): { lastOpenMs?: number } => {
        hooked ??= (authlens.exports as { inspector?: { stats: { lastOpenMs?: number } } } | undefined)?.inspector?.stats;
        assert.ok(hooked, 'AuthLens exports its test hooks in test mode');
        return hooked;
      };
      const byCase = await inputs();
      let n = 0;
      /** Opens `c` (its n-th input) and returns ms from the command's call until it rendered. */
      const open = async (c: Case): Promise<number> => {
        n++;
        if (hooked) hooked.lastOpenMs = undefined;
        const started = performance.now();
        if (c === 'floor') await vscode.commands.executeCommand(FLOOR_COMMAND, `floor ${n}`);
        else await vscode.commands.executeCommand('authlens.inspectToken', byCase[c][n % 2]);
        // The command gives up waiting after 5 s; a slower first paint is still a figure.
        if (c !== 'floor') await waitFor(() => typeof stats().lastOpenMs === 'number', 120_000, `the inspector's webview to render the ${c} input`);
        const ms = performance.now() - started;
        const tabs = webviewTabs();
        assert.equal(tabs.length, 1, 'one webview tab');
        const viewType = (tabs[0]!.input as vscode.TabInputWebview).viewType;
        assert.ok(viewType.endsWith(c === 'floor' ? 'authlensBench.floor' : 'authlens.inspector'), `${c} opened ${viewType}`);
        return Math.round(ms * 10) / 10;
      };
      const closeAll = async (): Promise<void> => {
        await closeAllEditors();
        await waitFor(() => webviewTabs().length === 0, 10_000, 'the panels to close');
      };

      await closeAll();
      const figures: WindowFigures = {
        activation: { authlens: activationMs(EXTENSION_ID), floor: activationMs(FLOOR_ID), registrations: activationMs(REGISTRATIONS_ID) },
        activationHr: { authlens: hrActivation(EXTENSION_ID), floor: hrActivation(FLOOR_ID), registrations: hrActivation(REGISTRATIONS_ID) },
        cold: { case: p.first, ms: await open(p.first) },
        fresh: { floor: [], typical: [], authing: [], hostile: [] },
        warm: { floor: [], typical: [], authing: [], hostile: [] },
      };
      // Fresh and warm opens measure a window that has used AuthLens: the features are loaded.
      stats();
      for (let round = 0; round < p.rounds; round++) {
        for (const c of cases) {
          await closeAll();
          figures.fresh[c].push(await open(c));
          for (let i = 0; i < p.warmRuns; i++) figures.warm[c].push(await open(c));
        }
      }
      writeFileSync(p.out, JSON.stringify(figures));
    });
  });
}
