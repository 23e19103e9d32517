/**
 * Sign-in with authorization code + PKCE (RFC 7636) through the system browser and a loopback
 * listener (RFC 8252 §7.3), remote-ready: the redirect URI can be mapped to the one a browser on
 * another machine reaches (`vscode.env.asExternalUri`), and the port can be fixed for servers
 * that want a registered redirect URI.
 */
import { AuthLensError } from '../../core/errors';
import { errorMessage } from '../../core/errorMessages';
import { defined } from '../shape';
import { startLoopbackListener, type LoopbackListener } from './loopback';
import type { SignInOptions } from './options';
import { buildAuthorizationUrl, createAuthorizationRequestSecrets } from './pkce';
import { authorizationCodeGrant, requestToken } from './tokens';
import type { StoredTokenSet } from './tokenStore';
import { signInScopes, storeUserTokens, type UserSignInDeps } from './userSignIn';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The redirect URI to send: what `externalUri` maps the listener's URI to when that mapping
 * forwards the port (http, a loopback host, the same path and query: SSH and container port
 * forwarding), else the listener's own. Other mappings are not used: a proxy URL (code-server's
 * `/proxy/<port>/`, a tunnel domain) can drop the path or the query, and it is not a loopback
 * redirect URI the server would accept on any port (RFC 8252 §7.3). A used mapping's host is
 * also accepted on the callback: the browser names it.
 */
async function redirectUriFor(listener: LoopbackListener, externalUri: SignInOptions['externalUri']): Promise<string> {
  if (externalUri === undefined) return listener.redirectUri;
  const local = new URL(listener.redirectUri);
  let mapped: URL;
  try {
    mapped = new URL(await externalUri(listener.redirectUri));
  } catch {
    return listener.redirectUri;
  }
  const forwardsPort =
    mapped.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(mapped.hostname) &&
    mapped.pathname === local.pathname &&
    mapped.search === '' &&
    mapped.username === '' &&
    mapped.password === '';
  if (!forwardsPort || mapped.href === local.href) return listener.redirectUri;
  listener.allowHost(mapped.host);
  return mapped.href;
}

/**
 * The whole browser sign-in: listener, authorization URL, browser, code, exchange, ID token
 * check, storage in the `user` slot. The browser's callback is answered only after all of that,
 * with the success page or the failure's message.
 *
 * @example
 * const set = await browserSignIn(deps, { openBrowser: (url) => vscode.env.openExternal(vscode.Uri.parse(url)) });
 */
export async function browserSignIn(deps: UserSignInDeps, opts: SignInOptions): Promise<StoredTokenSet> {
  const { discovery, client, config } = deps;
  if (!discovery.authorizationEndpoint) {
    throw new AuthLensError('unsupported', { where: 'authorization_endpoint' }, 'unsupported: the issuer has no authorization endpoint');
  }
  const scopes = signInScopes(config, opts.scopes);
  const secrets = createAuthorizationRequestSecrets();
  const listener = await startLoopbackListener(
    defined({ state: secrets.state, timeoutMs: opts.timeoutMs, pages: opts.pages, signal: deps.signal, port: config.redirectPort }),
  );
  try {
    const redirectUri = await redirectUriFor(listener, opts.externalUri);
    const url = buildAuthorizationUrl(
      defined({
        authorizationEndpoint: discovery.authorizationEndpoint,
        clientId: client.clientId,
        redirectUri,
        scopes,
        secrets,
        resource: config.resource,
        audience: config.audience,
        // Servers such as oidc-provider issue a refresh token only with explicit consent.
        prompt: scopes.includes('offline_access') ? 'consent' : undefined,
      }),
    );
    const opened = await opts.openBrowser(url);
    if (opened === false) throw new AuthLensError('cancelled', { where: 'browser' }, 'cancelled: the browser was not opened');
    const { code, iss } = await listener.result;
    try {
      // RFC 9207: a server that names itself must name the issuer we asked.
      if (iss !== undefined && iss.replace(/\/+$/, '') !== discovery.issuer.replace(/\/+$/, '')) {
        throw new AuthLensError('oidc-issuer-mismatch', { where: 'iss' }, 'oidc-issuer-mismatch: the redirect names another issuer');
      }
      const response = await requestToken(
        deps.http,
        discovery,
        client,
        authorizationCodeGrant(defined({ code, redirectUri, codeVerifier: secrets.codeVerifier, resource: config.resource })),
        [code, secrets.codeVerifier],
        deps.signal,
      );
      const set = await storeUserTokens(deps, response, 'authorization_code', secrets.nonce);
      listener.respond({ ok: true });
      return set;
    } catch (err) {
      // The message is made from the error's code and details (server text redacted); the page is plain text.
      listener.respond({ ok: false, failure: (opts.describeFailure ?? describeForPage)(err) });
      throw err;
    }
  } finally {
    listener.close();
  }
}

function describeForPage(err: unknown): string {
  return err instanceof AuthLensError ? errorMessage(err) : 'Unexpected error.';
}
