import * as vscode from 'vscode';
import { formatCookieCopy, formatCopy, isHeaderSafe, type CopyRequest } from '../../core/copyFormats';
import { cookieCopyRequest } from '../cookieCopy';
import { redact } from '../../core/redact';
import { loadProviders } from '../../plumbing/lazy';
import { copyRequestFor } from '../../sessions/copyRequest';
import type { RequestOf } from '../../shared/inspectorProtocol';
import type { InspectorDeps } from '../deps';
import type { Shown } from '../shown';
import type { RequestHandler } from './context';

/** `copy`: puts a part of the shown token (or a request that uses it) on the clipboard. */
export const copyRequest: RequestHandler<RequestOf<'copy'>> = async ({ what }, { deps, panel }) => {
  const cur = panel.current();
  if (!cur) return { kind: 'failed', message: vscode.l10n.t('No token is shown.') };
  const token = cur.built.decoded?.raw ?? cur.built.cookie?.raw ?? cur.input.token;
  const session = cur.input.source?.session;
  let text: string | typeof unsafeCookie | undefined;
  let label: string;
  switch (what) {
    case 'raw':
      text = token;
      label = vscode.l10n.t('the raw token');
      break;
    case 'header':
      text = cur.built.decoded ? JSON.stringify(cur.built.decoded.header, null, 2) : undefined;
      label = vscode.l10n.t('the header JSON');
      break;
    case 'payload':
      text = cur.built.decoded ? JSON.stringify(cur.built.decoded.payload, null, 2) : undefined;
      label = vscode.l10n.t('the payload JSON');
      break;
    case 'session':
      text = session ? JSON.stringify(session.raw.session, null, 2) : undefined;
      label = vscode.l10n.t('the session JSON');
      break;
    case 'user':
      text = session?.raw.user ? JSON.stringify(session.raw.user, null, 2) : undefined;
      label = vscode.l10n.t('the user JSON');
      break;
    case 'cookie':
      text = cur.built.cookie ? cookieCopy('cookieHeader', cur, deps) : undefined;
      label = vscode.l10n.t('the Cookie header');
      break;
    case 'authorization':
    case 'curl': {
      // A session cookie travels in the Cookie header: its curl sends it with --cookie.
      if (cur.built.cookie) {
        text = what === 'curl' ? cookieCopy('curl', cur, deps) : undefined;
        label = vscode.l10n.t('a curl command with the cookie');
        break;
      }
      const req = await requestFor(token, cur, deps);
      if (!isHeaderSafe(token, req.auth)) {
        return {
          kind: 'failed',
          message: vscode.l10n.t('This token contains characters that cannot go into an HTTP header (spaces, line breaks or non-ASCII). Copy it raw instead.'),
        };
      }
      text = formatCopy(what === 'curl' ? 'curl' : 'bearerHeader', req);
      label = what === 'curl' ? vscode.l10n.t('a curl command with the token') : vscode.l10n.t('the Authorization header');
      break;
    }
  }
  if (text === undefined) return { kind: 'failed', message: vscode.l10n.t('There is nothing to copy for that part.') };
  if (text === unsafeCookie) {
    return {
      kind: 'failed',
      message: vscode.l10n.t('This cookie contains characters that cannot go into a Cookie header (spaces, ";", "," or non-ASCII). Copy it raw instead.'),
    };
  }
  await vscode.env.clipboard.writeText(text);
  deps.log.info(`Inspector: copied ${what} of ${redact(token)}`);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(clippy) Copied {0}', label), 5000);
  return { kind: 'copied', what };
};

/** Returned instead of a copy whose cookie value would break the header. */
const unsafeCookie = Symbol('unsafe-cookie');

/** The shown cookie as a `Cookie:` header or a curl command, or {@link unsafeCookie}. */
function cookieCopy(format: 'cookieHeader' | 'curl', cur: Shown, deps: InspectorDeps): string | typeof unsafeCookie | undefined {
  const cookie = cur.built.cookie;
  if (!cookie) return undefined;
  const req = cookieCopyRequest(cookie, cur.input, deps);
  return isHeaderSafe(req.value, { scheme: 'cookie', name: req.name }) ? formatCookieCopy(format, req) : unsafeCookie;
}

/** The request "Copy as Authorization / curl" builds: the provider's, else one to the token's `aud`. */
async function requestFor(token: string, cur: Shown, deps: InspectorDeps): Promise<CopyRequest> {
  const src = cur.input.source;
  const provider = src ? deps.sessions.provider(src.providerId) : undefined;
  if (provider) {
    // OIDC: the discovered userinfo endpoint (the listing cached the document in the providers bundle).
    let userinfoEndpoint: string | undefined;
    if (provider.kind === 'oidc') {
      const mod = loadProviders();
      const oidc = mod.createProvider(provider);
      try {
        userinfoEndpoint = mod.isOidcProvider(oidc) ? (await oidc.discovery()).userinfoEndpoint : undefined;
      } catch {
        userinfoEndpoint = undefined; // copied with the issuer as the URL; the copy itself still works
      } finally {
        await oidc.close();
      }
    }
    return copyRequestFor(provider, { value: token, kind: src?.tokenKind ?? 'jwt' }, { userinfoEndpoint });
  }
  const aud = cur.built.decoded?.payload['aud'];
  const url = typeof aud === 'string' && /^https?:\/\//.test(aud) ? aud : 'https://api.example.com/';
  return { token, url, auth: { scheme: 'bearer' } };
}
