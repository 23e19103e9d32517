/**
 * A stand-in for one inspector panel for the Edit tab's request handlers: the cookie tests'
 * harness (real `buildShown`, in-memory SecretStorage, a log that keeps its lines, the sandbox's
 * secrets) plus what the panel keeps beside a derived token, as `TokenInspectorPanel` does.
 */
import type { SandboxSecret } from '../../../src/inspector/deps';
import type { DerivedFrom } from '../../../src/inspector/derivedToken';
import type { PanelAccess } from '../../../src/inspector/requests/context';
import type { InspectInput } from '../../../src/shared/inspectInput';
import { cookieHarness, type CookieHarness } from './cookieHarness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildShown } = require('../../../src/inspector/shown') as typeof import('../../../src/inspector/shown');

export interface EditHarness extends Omit<CookieHarness, 'panel' | 'shown'> {
  readonly panel: PanelAccess;
  /** The token the panel shows now. */
  shownToken(): string;
}

/** A panel showing `input`, with the given sandbox secrets. */
export function editHarness(input: InspectInput, sandboxSecrets: readonly SandboxSecret[] = []): EditHarness {
  const base = cookieHarness(input, { sandboxSecrets });
  let shown = base.shown();
  let derived: DerivedFrom | undefined;
  const showing = (next: InspectInput, from: DerivedFrom | undefined): void => {
    shown = buildShown(next, base.deps, Date.now());
    derived = from;
  };
  const panel: PanelAccess = {
    current: () => shown,
    show: (next) => showing(next, undefined),
    showDerived: (next, from) => showing(next, from),
    derivedFrom: () => derived,
  };
  return { deps: base.deps, secrets: base.secrets, log: base.log, panel, shownToken: () => shown.input.token };
}
