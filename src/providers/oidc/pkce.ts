import { createHash, randomBytes } from 'node:crypto';

/** What one authorization request needs to be checked when the code comes back. */
export interface AuthorizationRequestSecrets {
  /** RFC 7636 §4.1: 43 to 128 characters; here 32 random bytes, base64url (43 characters). */
  readonly codeVerifier: string;
  /** RFC 7636 §4.2: BASE64URL(SHA256(verifier)). */
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
  /** RFC 6749 §10.12: binds the response to this request (CSRF). */
  readonly state: string;
  /** OIDC Core §3.1.2.1: binds the ID token to this request (replay). */
  readonly nonce: string;
}

function randomUrlSafe(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The S256 challenge of a verifier.
 * @example s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk') // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
 */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Fresh verifier, challenge, state and nonce for one sign-in. */
export function createAuthorizationRequestSecrets(): AuthorizationRequestSecrets {
  const codeVerifier = randomUrlSafe(32);
  return {
    codeVerifier,
    codeChallenge: s256Challenge(codeVerifier),
    codeChallengeMethod: 'S256',
    state: randomUrlSafe(24),
    nonce: randomUrlSafe(24),
  };
}

/** Parameters of an authorization request (RFC 6749 §4.1.1 + RFC 7636 + RFC 8707). */
export interface AuthorizationUrlParams {
  readonly authorizationEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly secrets: AuthorizationRequestSecrets;
  readonly resource?: string;
  /** Auth0's API identifier parameter. */
  readonly audience?: string;
  /** `consent` makes servers like oidc-provider issue a refresh token with `offline_access`. */
  readonly prompt?: string;
}

/**
 * Builds the URL the system browser opens.
 * @example buildAuthorizationUrl({ authorizationEndpoint: 'https://id/auth', clientId: 'c', redirectUri: 'http://127.0.0.1:5/callback', scopes: ['openid'], secrets })
 */
export function buildAuthorizationUrl(p: AuthorizationUrlParams): string {
  const url = new URL(p.authorizationEndpoint);
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scopes.join(' '),
    state: p.secrets.state,
    nonce: p.scopes.includes('openid') ? p.secrets.nonce : undefined,
    code_challenge: p.secrets.codeChallenge,
    code_challenge_method: p.secrets.codeChallengeMethod,
    resource: p.resource,
    audience: p.audience,
    prompt: p.prompt,
  };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  // Spaces as %20, not '+': the URL goes through vscode.Uri, which would turn '+' into %2B.
  url.search = url.searchParams.toString().replace(/\+/g, '%20');
  return url.href;
}
