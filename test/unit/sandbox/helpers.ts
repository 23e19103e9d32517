import { startSandbox, type SandboxHandle } from '../../../src/sandbox/index';

/** Starts one sandbox for a suite; `reset()` before each test keeps tests independent. */
export function useSandbox(): { readonly sb: SandboxHandle } {
  const holder: { sb: SandboxHandle } = { sb: undefined as unknown as SandboxHandle };
  before(async function () {
    // Key generation competes with other test runs for 2 cores; start-up time is asserted elsewhere.
    this.timeout(15_000);
    holder.sb = await startSandbox();
  });
  beforeEach(() => holder.sb.reset());
  after(async () => {
    await holder.sb?.close();
  });
  return holder;
}

export function cred(sb: SandboxHandle, providerId: string, kind: 'cookie' | 'bearer' | 'admin' | 'clientSecret'): string {
  const value = sb.credentials[providerId]?.[kind];
  if (!value) throw new Error(`no ${kind} credential for ${providerId}`);
  return value;
}

export async function getJson(res: Response): Promise<unknown> {
  const text = await res.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

export function form(values: Record<string, string>): { method: 'POST'; headers: Record<string, string>; body: string } {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(values).toString(),
  };
}
