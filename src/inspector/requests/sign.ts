/**
 * `sign` (the Edit tab): makes a new token from the edited header and payload and shows it in the
 * panel as a token AuthLens made (`derivedToken.ts`), the original kept beside it. Signs with a
 * typed secret or private key, a remembered one, or the running sandbox's HS256 key (jose, in
 * the lazily loaded providers bundle); or makes it unsigned (`alg: none`, confirmed in the
 * webview), or keeps the original signature. Secrets and keys are never logged or sent back.
 */
import * as vscode from 'vscode';
import { decodeJwt, type DecodedJwt } from '../../core/decode';
import { parseEditedJson } from '../../core/editedJson';
import { editedJsonMessage } from '../../core/editedJsonText';
import type { JsonObject } from '../../core/json';
import { unsignedJwt, withOriginalSignature } from '../../core/jwtCompose';
import { loadProviders } from '../../plumbing/lazy';
import { translate } from '../../plumbing/l10n';
import type { SigningKey } from '../../providers/signJwt';
import type { RequestOf } from '../../shared/inspectorProtocol';
import type { SignKeyRequest, SignedReply } from '../../shared/signProtocol';
import type { InspectorDeps } from '../deps';
import { showDerivedToken } from '../derivedToken';
import { signProblemMessage } from '../signMessages';
import { rememberSigningKey, sandboxSecretFor, storedPrivateKeyFor, storedSecretFor } from '../signingKeys';
import type { Shown } from '../shown';
import type { RequestHandler } from './context';

function decodedOf(token: string): DecodedJwt | undefined {
  const result = decodeJwt(token);
  return result.ok ? result.token : undefined;
}

type Failed = { readonly kind: 'failed'; readonly message: string };
const failed = (message: string): Failed => ({ kind: 'failed', message });

/** The key `request` names, read from where it is kept; or why there is none. */
async function signingKey(request: SignKeyRequest, shown: Shown, deps: InspectorDeps): Promise<SigningKey | Failed> {
  switch (request.kind) {
    case 'secret':
      return { kind: 'secret', secret: request.secret };
    case 'privateKey':
      return { kind: 'privateKey', text: request.text };
    case 'storedSecret': {
      const secret = await storedSecretFor(shown, deps);
      return secret ? { kind: 'secret', secret } : failed(vscode.l10n.t('No secret is stored for this issuer.'));
    }
    case 'storedPrivateKey': {
      const text = await storedPrivateKeyFor(shown, deps);
      return text ? { kind: 'privateKey', text } : failed(vscode.l10n.t('No private key is stored for this issuer.'));
    }
    case 'sandboxSecret': {
      const found = sandboxSecretFor(shown, deps);
      return found ? { kind: 'secret', secret: found.secret } : failed(vscode.l10n.t('This token was not issued by the running sandbox.'));
    }
    case 'none':
    case 'originalSignature':
      return failed(vscode.l10n.t('Nothing to sign with.'));
  }
}

/** Signs (or assembles) the new token; the reply says how, the panel shows the token. */
async function makeToken(
  key: SignKeyRequest,
  header: JsonObject,
  payload: JsonObject,
  shown: Shown,
  original: DecodedJwt | undefined,
  deps: InspectorDeps,
): Promise<{ token: string; reply: SignedReply } | Failed> {
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  if (key.kind === 'none') return { token: unsignedJwt(header, payload), reply: { kind: 'signed', how: 'unsigned', alg: 'none' } };
  if (key.kind === 'originalSignature') {
    if (!original) return failed(vscode.l10n.t('No decodable token is shown.'));
    return { token: withOriginalSignature(original, header, payload), reply: { kind: 'signed', how: 'original-signature', alg } };
  }
  const signing = await signingKey(key, shown, deps);
  if ('message' in signing) return signing;
  const result = await loadProviders().signJwt(header, payload, signing);
  if (!result.ok) return failed(signProblemMessage(result.problem));
  if (key.kind === 'secret' && key.remember) await rememberSigningKey(shown, deps, { kind: 'secret', value: key.secret });
  if (key.kind === 'privateKey' && key.remember) await rememberSigningKey(shown, deps, { kind: 'privateKey', value: key.text });
  return { token: result.token, reply: { kind: 'signed', how: 'signed', alg } };
}

export const signRequest: RequestHandler<RequestOf<'sign'>> = async ({ header, payload, key }, { deps, panel }) => {
  const shown = panel.current();
  if (!shown?.built.decoded) return failed(vscode.l10n.t('No decodable token is shown.'));
  const h = parseEditedJson(header, 'header');
  if (!h.ok) return failed(editedJsonMessage('header', h.problem, translate));
  const p = parseEditedJson(payload, 'payload');
  if (!p.ok) return failed(editedJsonMessage('payload', p.problem, translate));
  // "Keep the original signature" means the server's: after an edit, that of the token it was made from.
  const from = panel.derivedFrom();
  const original = from ? decodedOf(from.original.token) : shown.built.decoded;
  const made = await makeToken(key, h.value, p.value, shown, original, deps);
  if ('message' in made) {
    deps.log.info(`Inspector: sign (${key.kind}) refused`);
    return made;
  }
  // The person may have moved on while jose signed: derive only from what is still shown.
  if (panel.current() !== shown) return failed(vscode.l10n.t('The inspector shows another token now.'));
  showDerivedToken(panel, deps, made.token, { kind: 'edited', how: made.reply.how, alg: made.reply.alg });
  return made.reply;
};
