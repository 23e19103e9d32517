import { SeededRandom } from '../random';

export interface OidcClient {
  readonly clientId: string;
  /** Absent for the public (PKCE) client. */
  readonly clientSecret?: string;
  readonly grantTypes: readonly string[];
  /** ID token signing alg. */
  readonly idTokenAlg: 'RS256' | 'ES256';
}

export interface OidcUser {
  readonly sub: string;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly login: string;
}

export interface AuthCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly nonce?: string;
  readonly resource?: string;
  readonly sub: string;
  readonly authTime: number;
  readonly expiresAt: number;
  used: boolean;
}

/** An opaque token (access or refresh); times in epoch seconds. */
export interface OpaqueToken {
  readonly kind: 'access_token' | 'refresh_token';
  readonly clientId: string;
  readonly sub?: string;
  readonly scope: string;
  readonly iat: number;
  readonly exp: number;
  readonly grantId: string;
  readonly authTime?: number;
  readonly resource?: string;
  revoked: boolean;
  /** Refresh tokens: used once (rotation); using it again is replay. */
  consumed?: boolean;
}

export interface OidcState {
  readonly clients: readonly OidcClient[];
  readonly users: readonly OidcUser[];
  readonly codes: Map<string, AuthCode>;
  readonly tokens: Map<string, OpaqueToken>;
  /** Access tokens are also JWTs sometimes; their jti is recorded so revocation can refuse them. */
  readonly jwtIds: Set<string>;
}

export const PUBLIC_CLIENT = 'authlens-sandbox';
export const SERVICE_CLIENT = 'authlens-service';
/** The resource indicator for which access tokens are JWTs (RFC 8707 + RFC 9068). */
export const JWT_RESOURCE = 'urn:authlens:sandbox-api';

export function createOidcState(): OidcState {
  const rnd = new SeededRandom(0x01dc);
  return {
    clients: [
      { clientId: PUBLIC_CLIENT, grantTypes: ['authorization_code', 'refresh_token'], idTokenAlg: 'ES256' },
      {
        clientId: SERVICE_CLIENT,
        clientSecret: `sandbox-secret-${rnd.base64url(24)}`,
        grantTypes: ['client_credentials', 'authorization_code', 'refresh_token'],
        idTokenAlg: 'RS256',
      },
    ],
    users: [
      {
        sub: `usr_${rnd.alnum(20)}`,
        name: 'Alice Martin',
        givenName: 'Alice',
        familyName: 'Martin',
        email: 'alice.martin@example.com',
        emailVerified: true,
        login: 'alice',
      },
      {
        sub: `usr_${rnd.alnum(20)}`,
        name: 'Bob Chen',
        givenName: 'Bob',
        familyName: 'Chen',
        email: 'bob.chen@example.com',
        emailVerified: false,
        login: 'bob',
      },
    ],
    codes: new Map(),
    tokens: new Map(),
    jwtIds: new Set(),
  };
}
