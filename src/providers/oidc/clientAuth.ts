/**
 * How the client proves who it is at every endpoint that authenticates it (token,
 * introspection, revocation, device authorization; PAR later): the one function that chooses the
 * method ({@link chooseClientAuthMethod}) and builds the headers and form fields for it.
 */
import { randomUUID } from 'node:crypto';
import { AuthLensError, isAuthLensError } from '../../core/errors';
import type { DiscoveryDocument } from './discovery';
import { JWT_BEARER_ASSERTION_TYPE, signClientAssertion } from './clientAssertion';
import { chooseClientAuthMethod, clientAuthChoiceError, type ClientAuthMethod } from './clientAuthMethod';
import { importClientPrivateKey } from './clientPrivateKey';
import { oauthErrorOf } from './errors';

/** The client of an `oidc` entry: its id, the credentials it has, and the method the settings name. */
export interface ClientAuth {
  readonly clientId: string;
  /** The `clientSecret` credential; absent for public clients. */
  readonly clientSecret?: string;
  /** The `privateKey` credential (PKCS#8 PEM or private JWK), for `private_key_jwt`. */
  readonly privateKey?: string;
  /** True when the entry names a TLS client certificate and key (`tls_client_auth`). */
  readonly certificate?: boolean;
  /** The entry's `tokenEndpointAuthMethod`; absent = chosen from discovery and the credentials. */
  readonly method?: ClientAuthMethod;
  /** The caller's clock (epoch ms, the context's `now`): a client assertion's `iat`. Default: now. */
  readonly now?: number;
}

/** What one request needs to authenticate the client. `secrets` go to the HTTP client's `secrets`. */
export interface ClientAuthParts {
  readonly method: ClientAuthMethod;
  readonly headers: Record<string, string>;
  readonly form: Record<string, string>;
  readonly secrets: string[];
}

/** The parts of a discovery document the choice and the assertion read. */
export type ClientAuthDiscovery = Pick<DiscoveryDocument, 'tokenEndpointAuthMethodsSupported'> & Partial<Pick<DiscoveryDocument, 'tokenEndpoint' | 'raw'>>;

/** The method this client uses against this server, or the error that says why there is none. */
export function clientAuthMethodOf(client: ClientAuth, discovery: ClientAuthDiscovery): ClientAuthMethod {
  const choice = chooseClientAuthMethod({
    setting: client.method,
    serverMethods: discovery.tokenEndpointAuthMethodsSupported,
    has: { clientSecret: nonEmpty(client.clientSecret), privateKey: nonEmpty(client.privateKey), certificate: client.certificate === true },
  });
  if (!choice.ok) throw clientAuthChoiceError(choice, client.method !== undefined);
  return choice.method;
}

/**
 * Headers and form fields that authenticate the client:
 * - `client_secret_basic`: `Authorization: Basic` of the form-encoded id and secret (RFC 6749 §2.3.1);
 * - `client_secret_post`: `client_id` and `client_secret` in the form;
 * - `client_secret_jwt` / `private_key_jwt`: a signed assertion (RFC 7523) with `aud` = the token
 *   endpoint, `jti` fresh, `exp` 60 s after `now`;
 * - `tls_client_auth`: `client_id` in the form, the certificate in the TLS handshake (the HTTP client's);
 * - `none`: `client_id` in the form and no Authorization header at all.
 *
 * @example
 * const auth = await clientAuthentication(client, discovery, { now: Date.now() });
 * http.send({ method: 'POST', url, headers: auth.headers, form: { ...auth.form, ...grant }, secrets: auth.secrets });
 */
export async function clientAuthentication(
  client: ClientAuth,
  discovery: ClientAuthDiscovery,
  opts: { readonly now?: number; readonly endpoint?: string } = {},
): Promise<ClientAuthParts> {
  const method = clientAuthMethodOf(client, discovery);
  const secret = client.clientSecret ?? '';
  switch (method) {
    case 'client_secret_basic': {
      const encode = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
      const basic = Buffer.from(`${encode(client.clientId)}:${encode(secret)}`).toString('base64');
      return { method, headers: { authorization: `Basic ${basic}` }, form: {}, secrets: [secret] };
    }
    case 'client_secret_post':
      return { method, headers: {}, form: { client_id: client.clientId, client_secret: secret }, secrets: [secret] };
    case 'client_secret_jwt':
    case 'private_key_jwt': {
      const audience = discovery.tokenEndpoint ?? opts.endpoint;
      if (audience === undefined) {
        throw new AuthLensError('unsupported', { where: 'token_endpoint' }, 'unsupported: a client assertion needs the token endpoint as its audience');
      }
      const algs = signingAlgs(discovery);
      const key =
        method === 'client_secret_jwt'
          ? ({ kind: 'secret', secret, alg: algs.find((a) => a.startsWith('HS')) ?? 'HS256' } as const)
          : ({ kind: 'private', ...(await importClientPrivateKey(client.privateKey ?? '', algs)) } as const);
      const assertion = await signClientAssertion({ clientId: client.clientId, audience, now: opts.now ?? client.now ?? Date.now(), jti: randomUUID(), key });
      const secrets = method === 'client_secret_jwt' ? [assertion, secret] : [assertion, client.privateKey ?? ''];
      return {
        method,
        headers: {},
        form: { client_id: client.clientId, client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: assertion },
        secrets,
      };
    }
    case 'tls_client_auth':
    case 'none':
      return { method, headers: {}, form: { client_id: client.clientId }, secrets: [] };
  }
}

/**
 * Runs a request that authenticated the client; an `invalid_client` answer gets the method in its
 * `where` ("token endpoint, client authentication private_key_jwt"), so the message says which
 * proof the server refused.
 */
export async function withClientAuthContext<T>(endpoint: string, method: ClientAuthMethod, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!isAuthLensError(err) || oauthErrorOf(err)?.error !== 'invalid_client') throw err;
    const where = `${endpoint} endpoint, client authentication ${method}`;
    throw new AuthLensError(
      'oauth-error',
      { ...err.details, serverCode: 'invalid_client', where },
      `oauth-error: ${where} answered ${err.details.status ?? ''} invalid_client${err.details.serverMessage !== undefined ? `: ${err.details.serverMessage}` : ''}`,
    );
  }
}

function signingAlgs(discovery: ClientAuthDiscovery): readonly string[] {
  const value = discovery.raw?.['token_endpoint_auth_signing_alg_values_supported'];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
