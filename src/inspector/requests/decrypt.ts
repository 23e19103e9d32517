import * as vscode from 'vscode';
import { plainText } from '../../core/hostileText';
import { describePlaintext } from '../../core/jwePlaintext';
import { tokenVerdict } from '../../core/verdict';
import { translate } from '../../plumbing/l10n';
import { loadProviders } from '../../plumbing/lazy';
import type { RequestOf, ReplyTo } from '../../shared/inspectorProtocol';
import { showDerivedToken } from '../derivedToken';
import type { RequestHandler } from './context';

type DecryptReply = ReplyTo<RequestOf<'decrypt'>>;

/**
 * `decrypt`: decrypts the shown JWE with the key the person gave (jose, lazily loaded) and shows
 * the plaintext; with `inspectInner`, shows the nested token in this panel as a token AuthLens
 * derived, the JWE kept as the original. The key is used once and dropped: never logged, stored
 * or sent back. The log says only the outcome and the plaintext's size.
 */
export const decryptRequest: RequestHandler<RequestOf<'decrypt'>> = async ({ key, inspectInner }, { deps, panel }): Promise<DecryptReply> => {
  const shown = panel.current();
  const verdict = shown ? tokenVerdict(shown.input.token, Date.now()) : undefined;
  if (!shown || verdict?.kind !== 'jwe') {
    return { kind: 'failed', message: vscode.l10n.t('The shown token is not encrypted (JWE): there is nothing to decrypt.') };
  }
  const result = await loadProviders().decryptJwe(verdict.token, key, { t: translate });
  if (panel.current() !== shown) return { kind: 'failed', message: vscode.l10n.t('The panel shows another token now.') };
  if (!result.ok) {
    const algs = `alg=${plainText(result.alg ?? '?', 40)} enc=${plainText(result.enc ?? '?', 40)}`;
    deps.log.info(`Inspector: JWE not decrypted (${result.failure.code}) ${algs}`);
    return { kind: 'decrypted', view: result };
  }
  deps.log.info(`Inspector: JWE decrypted, ${result.plaintext.length} bytes (alg=${result.alg} enc=${result.enc})`);
  const plaintext = describePlaintext(result.plaintext, result.header, Date.now(), translate);
  if (!inspectInner) {
    return { kind: 'decrypted', view: { ok: true, alg: result.alg, enc: result.enc, keyDescription: result.keyDescription, plaintext } };
  }
  if (!plaintext.nested) return { kind: 'failed', message: vscode.l10n.t('The plaintext is not a token, so there is no inner token to inspect.') };
  const inner = new TextDecoder().decode(result.plaintext).trim();
  showDerivedToken(panel, deps, inner, { kind: 'decrypted', alg: result.alg, enc: result.enc });
  return { kind: 'done', message: vscode.l10n.t('Showing the inner token, decrypted by AuthLens.') };
};
