/**
 * Which client authentication method (OIDC Core §9, RFC 8705 §2) an `oidc` entry uses at the
 * token, introspection, revocation and device authorization endpoints. Pure: the setting, the
 * server's list and which credentials exist go in, a method or a reason comes out.
 */
import { AuthLensError } from '../../core/errors';

/** Every method AuthLens speaks, in the order the `tokenEndpointAuthMethod` setting lists them. */
export const clientAuthMethods = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt', 'tls_client_auth', 'none'] as const;

export type ClientAuthMethod = (typeof clientAuthMethods)[number];

/** True when `value` names a method of {@link clientAuthMethods} (setting values are untyped). */
export function isClientAuthMethod(value: unknown): value is ClientAuthMethod {
  return typeof value === 'string' && (clientAuthMethods as readonly string[]).includes(value);
}

/** What a method needs besides the client id. */
export type ClientAuthNeed = 'clientSecret' | 'privateKey' | 'certificate';

const needs: Readonly<Record<ClientAuthMethod, ClientAuthNeed | undefined>> = {
  client_secret_basic: 'clientSecret',
  client_secret_post: 'clientSecret',
  client_secret_jwt: 'clientSecret',
  private_key_jwt: 'privateKey',
  tls_client_auth: 'certificate',
  none: undefined,
};

/** What the choice looks at. */
export interface ClientAuthChoiceInput {
  /** The entry's `tokenEndpointAuthMethod`; wins when set. */
  readonly setting?: ClientAuthMethod | undefined;
  /** The discovery document's `token_endpoint_auth_methods_supported`; undefined when absent. */
  readonly serverMethods?: readonly string[] | undefined;
  /** Which credentials the entry has (never their values). */
  readonly has: { readonly clientSecret: boolean; readonly privateKey: boolean; readonly certificate: boolean };
}

export type ClientAuthChoice =
  | { readonly ok: true; readonly method: ClientAuthMethod }
  /** The server's list does not name `method` (the setting, or the one the credentials call for). */
  | { readonly ok: false; readonly problem: 'not-listed'; readonly method: ClientAuthMethod; readonly serverMethods: readonly string[] }
  /** The setting names a method whose credential is missing. */
  | { readonly ok: false; readonly problem: 'missing-credential'; readonly method: ClientAuthMethod; readonly need: ClientAuthNeed };

/**
 * Chooses the method: the setting when set (checked against the server's list and the
 * credentials); otherwise from the credentials, in this order: private key → `private_key_jwt`;
 * client secret → `client_secret_basic` if listed, else `client_secret_post`, else
 * `client_secret_jwt`; certificate → `tls_client_auth`; nothing → `none`. A server without a list
 * gets the first candidate (RFC 8414 §2: the default is `client_secret_basic`). `none` is never
 * refused for missing from the list: many servers leave it out and still take public clients.
 *
 * @example
 * chooseClientAuthMethod({ serverMethods: ['client_secret_post'], has: { clientSecret: true, privateKey: false, certificate: false } })
 * // => { ok: true, method: 'client_secret_post' }
 */
export function chooseClientAuthMethod(input: ClientAuthChoiceInput): ClientAuthChoice {
  const listed = (m: ClientAuthMethod): boolean => input.serverMethods === undefined || m === 'none' || input.serverMethods.includes(m);
  if (input.setting !== undefined) {
    const need = needs[input.setting];
    if (need !== undefined && !input.has[need]) return { ok: false, problem: 'missing-credential', method: input.setting, need };
    if (!listed(input.setting)) return { ok: false, problem: 'not-listed', method: input.setting, serverMethods: input.serverMethods ?? [] };
    return { ok: true, method: input.setting };
  }
  const candidates: ClientAuthMethod[] = [];
  if (input.has.privateKey) candidates.push('private_key_jwt');
  if (input.has.clientSecret) candidates.push('client_secret_basic', 'client_secret_post', 'client_secret_jwt');
  if (input.has.certificate) candidates.push('tls_client_auth');
  if (candidates.length === 0) return { ok: true, method: 'none' };
  const fit = candidates.find(listed);
  if (fit !== undefined) return { ok: true, method: fit };
  return { ok: false, problem: 'not-listed', method: candidates[0] ?? 'none', serverMethods: input.serverMethods ?? [] };
}

const needText: Readonly<Record<ClientAuthNeed, string>> = {
  clientSecret: 'the clientSecret credential (Set Credential)',
  privateKey: 'the privateKey credential (Set Credential)',
  certificate: 'tlsClientCertificate and tlsClientKey',
};

/**
 * The error for a failed choice: `config-invalid` naming the method and, as the server's own
 * words, the methods it lists; `not-configured` naming the missing credential or settings.
 */
export function clientAuthChoiceError(choice: Extract<ClientAuthChoice, { ok: false }>, fromSetting: boolean): AuthLensError {
  const source = fromSetting ? 'tokenEndpointAuthMethod' : 'client authentication';
  if (choice.problem === 'missing-credential') {
    return new AuthLensError(
      'not-configured',
      { where: `${source} ${choice.method} needs ${needText[choice.need]}` },
      `not-configured: ${source} ${choice.method} needs ${needText[choice.need]}`,
    );
  }
  const list = choice.serverMethods.length > 0 ? choice.serverMethods.join(', ') : '(empty)';
  return new AuthLensError(
    'config-invalid',
    { where: `${source} ${choice.method}`, serverMessage: `token_endpoint_auth_methods_supported: ${list}` },
    `config-invalid: the server does not list ${choice.method} in token_endpoint_auth_methods_supported (${list})`,
  );
}
