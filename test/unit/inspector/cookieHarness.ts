/**
 * A stand-in for the inspector panel showing a signed cookie: the real `buildShown` over
 * inspector dependencies with configured providers, their listed sessions, the sandbox's secrets,
 * an in-memory SecretStorage and a log that keeps its lines. Installs the vscode stub and the
 * providers bundle alias before requiring the inspector.
 */
import type { ConfiguredProvider } from '../../../src/plumbing/config';
import type { InspectorDeps, SandboxSecret } from '../../../src/inspector/deps';
import type { PanelAccess } from '../../../src/inspector/requests/context';
import type { Shown } from '../../../src/inspector/shown';
import type { SessionInfo } from '../../../src/providers/types';
import type { InspectInput } from '../../../src/shared/inspectInput';
import { FakeLog, FakeSecrets, installVscodeStub } from '../security/vscodeStub';
import { installProvidersBundle } from '../security/providersBundleStub';

installVscodeStub();
installProvidersBundle();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildShown } = require('../../../src/inspector/shown') as typeof import('../../../src/inspector/shown');

export interface CookieWorld {
  /** Configured providers (as `authlens.providers` entries). */
  readonly providers?: readonly ConfiguredProvider[];
  /** Listed sessions by provider id. */
  readonly listed?: Readonly<Record<string, readonly SessionInfo[]>>;
  readonly sandboxSecrets?: readonly SandboxSecret[];
}

export interface CookieHarness {
  readonly deps: InspectorDeps;
  readonly secrets: FakeSecrets;
  readonly log: FakeLog;
  readonly panel: PanelAccess;
  shown(): Shown;
}

/** A panel showing `input` in `world`. */
export function cookieHarness(input: InspectInput, world: CookieWorld = {}, now = Date.now()): CookieHarness {
  const secrets = new FakeSecrets();
  const log = new FakeLog();
  const providers = world.providers ?? [];
  const deps = {
    secrets,
    log,
    extensionUri: undefined,
    sessions: {
      provider: (id: string) => providers.find((p) => p.id === id),
      canRevoke: () => false,
      listedSessionKey: () => undefined,
      listedSession: () => undefined,
      refresh: async () => undefined,
      revoke: async () => undefined,
      pickToken: async () => undefined,
      sandboxSecrets: () => world.sandboxSecrets ?? [],
      listedSessions: (id: string) => world.listed?.[id] ?? [],
    },
    settings: () => ({ http: {}, providers }),
  } as unknown as InspectorDeps;
  let shown = buildShown(input, deps, now);
  const panel: PanelAccess = {
    current: () => shown,
    show: (next) => {
      shown = buildShown(next, deps, now);
    },
    showDerived: (next) => {
      shown = buildShown(next, deps, now);
    },
    derivedFrom: () => undefined,
  };
  return { deps, secrets, log, panel, shown: () => shown };
}
