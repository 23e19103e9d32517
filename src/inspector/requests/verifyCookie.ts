import * as vscode from 'vscode';
import { loadProviders } from '../../plumbing/lazy';
import type { CookieSignatureReason, SignedCookie } from '../../core/signedCookie';
import type { CookieVerifyOutcome } from '../../shared/inspectorCookie';
import type { CookieSecretRequest, RequestOf } from '../../shared/inspectorProtocol';
import { cookieSecretKeyOf, sandboxSecretOf } from '../cookieShown';
import type { InspectorDeps } from '../deps';
import type { Shown } from '../shown';
import type { RequestHandler } from './context';

/**
 * `verifyCookie`: checks the shown signed cookie's HMAC with the server's secret (typed,
 * remembered for its provider, or the running sandbox's). The secret is never logged and never
 * sent back; a typed one is remembered only when the person ticked "Remember" and it was right.
 */
export const verifyCookieRequest: RequestHandler<RequestOf<'verifyCookie'>> = async ({ key }, { deps, panel }) => {
  const cur = panel.current();
  if (!cur?.built.cookie) return { kind: 'failed', message: vscode.l10n.t('No signed cookie is shown.') };
  const secret = await secretFor(key, cur, deps);
  if (typeof secret !== 'string') return { kind: 'cookieVerified', outcome: secret };
  const cookie = cur.built.cookie;
  const result = loadProviders().verifySignedCookie(cookie, secret);
  let remembered = false;
  const storeKey = cookieSecretKeyOf(cookie, cur.input, deps);
  if (key.kind === 'secret' && key.remember && result.valid && storeKey !== undefined) {
    await deps.secrets.store(storeKey, key.secret);
    remembered = true;
    deps.log.info('Inspector: stored a cookie-signing secret for a provider in SecretStorage');
  }
  deps.log.info(`Inspector: ${cookie.format} cookie signature ${result.valid ? 'valid' : `invalid (${result.reason})`} (secret: ${key.kind})`);
  const outcome: CookieVerifyOutcome = {
    valid: result.valid,
    code: result.valid ? 'valid' : result.reason,
    message: reasonText(result.reason, cookie),
    ...(remembered ? { remembered } : {}),
  };
  return { kind: 'cookieVerified', outcome };
};

/** The reason in words: which bytes the HMAC covers and what a mismatch means. */
function reasonText(reason: CookieSignatureReason, cookie: SignedCookie): string {
  switch (reason) {
    case 'valid':
      return vscode.l10n.t('The signature matches the secret.');
    case 'wrong-secret':
      return vscode.l10n.t(
        'The {0} of the signed part with this secret differs from the cookie’s signature: the server signs with another secret, or the value was changed after signing.',
        cookie.algorithm,
      );
    case 'not-a-signature':
      return vscode.l10n.t('The signature part does not decode to an {0} value of the right length: the cookie was cut or altered.', cookie.algorithm);
    case 'empty-secret':
      return vscode.l10n.t('The secret is empty.');
  }
}

/** The secret the request names, or the outcome saying why there is none. */
async function secretFor(key: CookieSecretRequest, cur: Shown, deps: InspectorDeps): Promise<string | CookieVerifyOutcome> {
  const cookie = cur.built.cookie!;
  switch (key.kind) {
    case 'secret':
      return key.secret;
    case 'storedSecret': {
      const storeKey = cookieSecretKeyOf(cookie, cur.input, deps);
      const stored = storeKey !== undefined ? await deps.secrets.get(storeKey) : undefined;
      return stored ?? { valid: false, code: 'no-secret', message: vscode.l10n.t('No secret is remembered for this cookie’s provider.') };
    }
    case 'sandboxSecret': {
      const sandbox = sandboxSecretOf(cookie, cur.input, deps);
      return sandbox?.secret ?? { valid: false, code: 'no-sandbox', message: vscode.l10n.t('The sandbox is not running, or this is not one of its cookies.') };
    }
  }
}
