/**
 * A root hook of the in-host suite (index.ts registers it before any test file runs): watches
 * AuthLens's SecretStorage for the whole run and records every credential and token any test
 * stores there (sandbox credentials, OIDC token sets, the inspector's panel token, verification
 * secrets), so the log scan (`logScan.test.ts`, run last) can check that none reached a log,
 * whichever test used them. A fixture, not a test: it asserts only that it could start.
 */
import type { ExplorerTestHooks } from '../../src/sessions/explorer';
import { activateAuthLens } from './helpers';
import { recordSecret } from './secretsUsed';

const SECRET_FIELDS = /^(value|token|accessToken|refreshToken|idToken|secret|clientSecret)$/;

function secretLeaves(value: unknown, key: string, out: string[], depth = 0): void {
  if (depth > 8) return;
  if (typeof value === 'string') {
    if (SECRET_FIELDS.test(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) secretLeaves(v, key, out, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) secretLeaves(v, k, out, depth + 1);
  }
}

export async function startSecretRecorder(): Promise<void> {
  const ext = await activateAuthLens();
  const hooks = (ext.exports as { explorer?: ExplorerTestHooks } | undefined)?.explorer;
  if (!hooks) throw new Error('the extension does not expose its test hooks in test mode');
  const secrets = hooks.credentials.secrets;
  // Lives until the window closes: the scan runs in the same extension host.
  secrets.onDidChange(async (e) => {
    const text = await secrets.get(e.key);
    if (text === undefined) return;
    const found: string[] = [];
    try {
      secretLeaves(JSON.parse(text) as unknown, '', found);
    } catch {
      found.push(text);
    }
    for (const v of found) recordSecret(`SecretStorage ${e.key}`, v);
  });
}
