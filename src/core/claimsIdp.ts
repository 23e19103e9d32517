/**
 * Claim knowledge of the big identity providers, each row citing the provider's documentation
 * page (a URL shown as plain text, from this table, never from token data). A name shared by
 * providers (`scp`, `ver`, `azp`) has one row per provider: the token's `iss` says which applies
 * (`identityProviders.ts`). Rows: name, English summary (an l10n key), source, kind.
 */
import type { FieldKind, FieldTable } from './claimsTypes';
import type { IdentityProvider } from './identityProviders';

const ENTRA_ACCESS = 'https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference';
const ENTRA_ID = 'https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference';
const ENTRA_OPTIONAL = 'https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference';
const GOOGLE = 'https://developers.google.com/identity/openid-connect/openid-connect';
const COGNITO_ID = 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html';
const COGNITO_ACCESS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html';
const AUTH0_CLAIMS = 'https://auth0.com/docs/secure/tokens/json-web-tokens/json-web-token-claims';
const AUTH0_M2M = 'https://auth0.com/docs/get-started/authentication-and-authorization-flow/client-credentials-flow';
const AUTH0_RBAC = 'https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis';
const AUTH0_ORGS = 'https://auth0.com/docs/manage-users/organizations/using-tokens';
const AUTH0_CUSTOM = 'https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims';
const OKTA = 'https://developer.okta.com/docs/reference/api/oidc/';
const KEYCLOAK = 'https://www.keycloak.org/docs/latest/server_admin/';

/** Microsoft Entra ID access and ID tokens (v1.0 and v2.0). */
export const entraClaims: FieldTable = [
  [
    'oid',
    'Object ID: the immutable id of the user (or service principal) in the tenant, the same for every app; with tid, the key to identify a user.',
    ENTRA_ACCESS,
    'text',
  ],
  ['tid', 'Tenant ID: the Entra directory the user signed in to (9188040d-6c67-4c5b-b112-36a304b66dad for personal Microsoft accounts).', ENTRA_ACCESS, 'text'],
  ['aio', 'Opaque value Entra uses internally to reuse tokens; do not depend on it.', ENTRA_ACCESS, 'text'],
  ['uti', 'Token identifier Entra uses internally to revalidate tokens; do not depend on it.', ENTRA_ACCESS, 'text'],
  ['rh', 'Opaque value Entra uses internally to revalidate tokens; do not depend on it.', ENTRA_ACCESS, 'text'],
  ['wids', 'Tenant-wide directory roles of the user, as role template ids (e.g. Global Administrator).', ENTRA_ACCESS, 'list'],
  ['roles', "App roles assigned to the user or the calling app, as defined in the API's app registration.", ENTRA_ACCESS, 'list'],
  ['scp', 'Delegated permissions (scopes) the user consented to for this API, space-separated.', ENTRA_ACCESS, 'list'],
  [
    'ver',
    "Token version, 1.0 or 2.0: it follows the API's accessTokenAcceptedVersion setting, not the endpoint the token was requested from.",
    ENTRA_ACCESS,
    'text',
  ],
  [
    'idp',
    "Identity provider that authenticated the user when it is not the token's tenant (a guest's home tenant, or live.com for a personal account).",
    ENTRA_ACCESS,
    'text',
  ],
  ['appid', 'Application (client) ID of the app that requested the token (v1.0 tokens; v2.0 tokens call it azp).', ENTRA_ACCESS, 'text'],
  ['azp', 'Application (client) ID of the app that requested the token (v2.0 tokens; v1.0 tokens call it appid).', ENTRA_ACCESS, 'text'],
  ['upn', 'User principal name: the sign-in name of the user; it can change, so never use it as a key.', ENTRA_ID, 'text'],
];

/** Google ID tokens. */
export const googleClaims: FieldTable = [
  ['hd', 'Hosted domain: the Google Workspace domain of the account, absent for personal accounts; check it to admit only your domain.', GOOGLE, 'text'],
  ['at_hash', 'Access token hash: lets a client check that the access token came with this ID token.', GOOGLE, 'text'],
  [
    'azp',
    "Authorized party: the client ID of the app that asked for the token; it differs from aud when, say, an Android app gets a token for your server's client ID.",
    GOOGLE,
    'text',
  ],
  ['email_verified', 'True when Google verified that the user controls the email address.', GOOGLE, 'flag'],
];

/** AWS Cognito user pool ID and access tokens. */
export const cognitoClaims: FieldTable = [
  ['cognito:groups', 'User pool groups the user belongs to.', COGNITO_ACCESS, 'list'],
  ['cognito:username', "The user's username in the user pool; it may differ from sub, which never changes.", COGNITO_ID, 'text'],
  [
    'token_use',
    'What the token is: id for an ID token, access for an access token; both are signed by the same user pool, so check it.',
    COGNITO_ACCESS,
    'text',
  ],
  ['client_id', 'App client the access token was issued to (Cognito access tokens carry no aud).', COGNITO_ACCESS, 'text'],
  [
    'origin_jti',
    'Revocation id: shared by every token issued from one authentication, so revoking the refresh token revokes them all.',
    COGNITO_ACCESS,
    'text',
  ],
  ['event_id', 'Unique id of the sign-in event that produced the token.', COGNITO_ACCESS, 'text'],
  ['auth_time', 'When the user authenticated; tokens from a refresh keep the original time.', COGNITO_ACCESS, 'time'],
];

/** Auth0 ID and access tokens. */
export const auth0Claims: FieldTable = [
  ['gty', 'Grant type the token came from, e.g. client-credentials for a machine-to-machine token.', AUTH0_M2M, 'text'],
  ['permissions', 'Permissions granted for this API by role-based access control (when the API adds permissions to the access token).', AUTH0_RBAC, 'list'],
  ['org_id', 'Auth0 organization the user signed in through; an API serving several organizations must check it.', AUTH0_ORGS, 'text'],
  ['azp', 'Authorized party: the client ID of the application that requested the token.', AUTH0_CLAIMS, 'text'],
];

/** Okta access and ID tokens (org and custom authorization servers). */
export const oktaClaims: FieldTable = [
  ['cid', 'Client ID of the app that requested the access token.', OKTA, 'text'],
  ['uid', 'Okta user ID of the signed-in user (absent from client-credentials tokens).', OKTA, 'text'],
  ['scp', 'Scopes granted to the access token, as a list.', OKTA, 'list'],
  ['ver', 'Version of the Okta token format (1).', OKTA, 'text'],
  ['auth_time', 'When the user last authenticated.', OKTA, 'time'],
];

/** Keycloak access and ID tokens. */
export const keycloakClaims: FieldTable = [
  ['realm_access', 'Realm roles of the user, in realm_access.roles.', KEYCLOAK, 'object'],
  ['realm_access.roles', 'Realm-level roles granted to the user.', KEYCLOAK, 'list'],
  ['resource_access', 'Client roles of the user, per client: resource_access.<client>.roles.', KEYCLOAK, 'object'],
  ['session_state', "ID of the user's Keycloak session (the same value as sid).", KEYCLOAK, 'text'],
  ['sid', 'Session ID of the Keycloak user session this token belongs to, used for logout.', KEYCLOAK, 'text'],
  ['acr', 'Authentication level: 1 after a full sign-in, 0 when an existing session (SSO cookie) was reused; or a configured level name.', KEYCLOAK, 'text'],
  ['allowed-origins', "Web origins allowed to use this token from a browser (CORS), from the client's Web origins setting.", KEYCLOAK, 'list'],
  ['preferred_username', 'Username of the user in the Keycloak realm.', KEYCLOAK, 'text'],
  ['typ', 'Keycloak token type: Bearer (access token), ID, Refresh or Logout.', KEYCLOAK, 'text'],
];

/** A claim-name rule: every name it matches means the same (a prefix, a namespace, a wildcard). */
export interface ClaimRule {
  readonly test: (name: string) => boolean;
  readonly summary: string;
  readonly source: string;
  readonly kind: FieldKind;
}

/**
 * `resource_access.<client>` and `resource_access.<client>.roles`: the client name is data, and
 * a name that is no identifier is written `resource_access["shop-api"]` (`childPath`).
 */
const CLIENT_KEY = String.raw`(?:\.[A-Za-z_$][\w$]{0,254}|\["(?:[^"\\]|\\.){1,255}"\])`;
const RESOURCE_CLIENT = new RegExp(`^resource_access${CLIENT_KEY}$`);
const RESOURCE_ROLES = new RegExp(`^resource_access${CLIENT_KEY}\\.roles$`);

/** Rules per provider, tried after the exact names. */
export const claimRules: Readonly<Partial<Record<IdentityProvider, readonly ClaimRule[]>>> = {
  entra: [
    {
      test: (n) => n.startsWith('xms_') && n.length > 4,
      summary: 'Microsoft extension claim (xms_ prefix): optional or internal data, described claim by claim in the optional claims reference.',
      source: ENTRA_OPTIONAL,
      kind: 'text',
    },
  ],
  auth0: [
    {
      test: (n) => /^https?:\/\/./.test(n),
      summary: 'Custom claim added by an Auth0 Action; its URL-shaped name (a namespace) keeps it apart from standard claims.',
      source: AUTH0_CUSTOM,
      kind: 'text',
    },
  ],
  keycloak: [
    { test: (n) => RESOURCE_CLIENT.test(n), summary: 'Roles of the user for one client (the key is the client ID).', source: KEYCLOAK, kind: 'object' },
    { test: (n) => RESOURCE_ROLES.test(n), summary: 'Client-level roles granted to the user for this client.', source: KEYCLOAK, kind: 'list' },
  ],
};

/** Exact names per provider. */
export const claimTablesByProvider: Readonly<Record<IdentityProvider, FieldTable>> = {
  entra: entraClaims,
  google: googleClaims,
  cognito: cognitoClaims,
  auth0: auth0Claims,
  okta: oktaClaims,
  keycloak: keycloakClaims,
};
