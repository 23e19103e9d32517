/**
 * A stand-in for one inspector panel for the Edit tab's request handlers: what the panel shows
 * (built by the real `buildShown`), what it keeps beside a derived token, and the inspector's
 * dependencies with an in-memory SecretStorage, a log that keeps its lines and the sandbox's
 * secrets. Install the vscode stub (and the providers bundle alias) before requiring this.
 */
import Module from 'node:module';
import type { InspectorDeps, SandboxSecret } from '../../../src/inspector/deps';
import type { DerivedFrom } from '../../../src/inspector/derivedToken';
import type { PanelAccess } from '../../../src/inspector/requests/context';
import type { InspectInput } from '../../../src/shared/inspectInput';
import { FakeLog, FakeSecrets, installVscodeStub } from '../security/vscodeStub';

installVscodeStub();
// `loadProviders()` requires the built bundle (`./providers.js` beside dist/extension.js); here the sources stand in.
const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === './providers.js' ? 'authlens-providers-bundle' : resolve.call(this, request, ...rest);
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
M._cache['authlens-providers-bundle'] = { id: 'authlens-providers-bundle', loaded: true, exports: require('../../../src/providers/index') as unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildShown } = require('../../../src/inspector/shown') as typeof import('../../../src/inspector/shown');

export interface EditHarness {
  readonly deps: InspectorDeps;
  readonly secrets: FakeSecrets;
  readonly log: FakeLog;
  readonly panel: PanelAccess;
  /** The token the panel shows now. */
  shownToken(): string;
}

/** A panel showing `input`, with the given sandbox secrets. */
export function editHarness(input: InspectInput, sandboxSecrets: readonly SandboxSecret[] = []): EditHarness {
  const secrets = new FakeSecrets();
  const log = new FakeLog();
  const deps = {
    secrets,
    log,
    extensionUri: undefined,
    sessions: {
      provider: () => undefined,
      canRevoke: () => false,
      listedSessionKey: () => undefined,
      listedSession: () => undefined,
      refresh: async () => undefined,
      revoke: async () => undefined,
      pickToken: async () => undefined,
      sandboxSecrets: () => sandboxSecrets,
    },
    settings: () => ({ http: {}, providers: [] }),
  } as unknown as InspectorDeps;
  let shown = buildShown(input, deps, Date.now());
  let derived: DerivedFrom | undefined;
  const panel: PanelAccess = {
    current: () => shown,
    show: (next) => {
      shown = buildShown(next, deps, Date.now());
      derived = undefined;
    },
    showDerived: (next, from) => {
      shown = buildShown(next, deps, Date.now());
      derived = from;
    },
    derivedFrom: () => derived,
  };
  return { deps, secrets, log, panel, shownToken: () => shown.input.token };
}
