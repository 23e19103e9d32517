/**
 * Issuer quirks of the big identity providers: the documented ways a correct token still fails a
 * strict `iss` (or token type, audience) check. Each is recognised from the token's claims and
 * the expected issuer, and explained with what to change. Pure; texts are English templates
 * (l10n keys) whose arguments are token or setting text, made plain by `issuerCheck.ts`.
 */
import type { JsonObject } from './json';
import { MAX_ISSUER_LENGTH, recogniseIssuer, type RecognisedIssuer } from './identityProviders';

export type IssuerQuirkCode =
  | 'auth0-trailing-slash'
  | 'trailing-slash'
  | 'entra-tenant-placeholder'
  | 'entra-multi-tenant'
  | 'entra-v1-token'
  | 'entra-v2-token'
  | 'keycloak-hostname'
  | 'google-issuer-form'
  | 'cognito-token-use'
  | 'cognito-access-no-aud'
  | 'google-azp'
  | 'google-hd'
  | 'google-no-hd';

/** What the token is checked against. */
export interface IssuerQuirkInput {
  /** The token's claims (decoded payload). */
  readonly claims: JsonObject;
  /** The issuer the token should name: from discovery or from the provider setting. */
  readonly expectedIssuer?: string;
  /** The kind of token the caller expected. */
  readonly expectedTokenUse?: 'id' | 'access';
  /** The client ID an audience check compares with. */
  readonly clientId?: string;
  /** Google: the Workspace domain the account must belong to. */
  readonly hostedDomain?: string;
}

/** A recognised quirk: English templates (l10n keys) with their arguments. */
export interface IssuerQuirk {
  readonly code: IssuerQuirkCode;
  /** The token is right once the quirk is understood (Google's two issuer forms, `{tenantid}`). */
  readonly acceptable: boolean;
  readonly explanation: string;
  readonly change: string;
  readonly args: readonly string[];
}

const ENTRA_SHARED_TENANTS = new Set(['common', 'organizations', 'consumers']);
const TENANT_PLACEHOLDER = /\{tenantid\}/i;

function text(claims: JsonObject, name: string): string | undefined {
  const v = Object.prototype.hasOwnProperty.call(claims, name) ? claims[name] : undefined;
  return typeof v === 'string' && v.length <= MAX_ISSUER_LENGTH ? v : undefined;
}

function audiences(claims: JsonObject): string[] {
  const aud = Object.prototype.hasOwnProperty.call(claims, 'aud') ? claims['aud'] : undefined;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.slice(0, 50).filter((a): a is string => typeof a === 'string') : [];
}

/** Explanation and what to change, per quirk: English templates, keys of the l10n bundles. */
const QUIRK_TEXTS: Readonly<Record<IssuerQuirkCode, { readonly explanation: string; readonly change: string }>> = {
  'auth0-trailing-slash': {
    explanation:
      'Auth0 issuers end with a slash ({0}); the expected issuer {1} differs only by that slash. A strict check compares them character by character.',
    change: 'Write the issuer exactly as Auth0 does, with the trailing slash: {0}',
  },
  'trailing-slash': {
    explanation: 'The token names {0} and the expected issuer is {1}: they differ only by a trailing slash, and issuers are compared character by character.',
    change: 'Write the issuer exactly as the token names it: {0}',
  },
  'entra-tenant-placeholder': {
    explanation:
      "The expected issuer {0} comes from Microsoft's shared (/common or /organizations) discovery document, which holds the placeholder {3}; with the token's tid it reads {1}, exactly the token's issuer.",
    change:
      "Nothing, if the tenant {2} is one you accept: apps on the shared endpoint check the issuer with the token's tid filled in, and allow only the tenants they trust.",
  },
  'keycloak-hostname': {
    explanation:
      'Same Keycloak realm ({0}) on another host: Keycloak writes the URL the token was requested through into iss. The token came through {1}, the expected issuer is on {2} (a front-channel and a back-channel hostname).',
    change:
      'Give Keycloak one public hostname (the hostname option, with hostname-backchannel-dynamic for internal calls) so every token names it, or request tokens through the same URL as the issuer setting.',
  },
  'google-issuer-form': {
    explanation:
      'Google names its issuer in two forms, https://accounts.google.com and accounts.google.com; the token uses {0}, the expected issuer is {1}. Both are Google.',
    change: "Accept both forms of Google's issuer.",
  },
  'entra-v1-token': {
    explanation:
      "This is a v1.0 token (issuer {0}) although the expected issuer is the v2.0 one ({1}): Entra issues the version the API's manifest asks for (accessTokenAcceptedVersion), whatever endpoint was used.",
    change: "Set accessTokenAcceptedVersion to 2 in the API's app registration manifest, or accept {0} as the issuer of this API's tokens.",
  },
  'entra-v2-token': {
    explanation:
      "This is a v2.0 token (issuer {0}) where a v1.0 issuer ({1}) is expected: the API's manifest asks for v2.0 tokens (accessTokenAcceptedVersion 2).",
    change: 'Use the v2.0 issuer https://login.microsoftonline.com/<tenant-id>/v2.0, or set accessTokenAcceptedVersion to 1 (or null) in the manifest.',
  },
  'entra-multi-tenant': {
    explanation: "The expected issuer {1} is Microsoft's shared /{2} endpoint, but tokens always name the user's own tenant ({0}).",
    change:
      "Set the issuer to the tenant's own (https://login.microsoftonline.com/<tenant-id>/v2.0), or, for a multi-tenant app, check the token's tid against the tenants you accept.",
  },
  'cognito-token-use': {
    explanation: 'This is a Cognito {0} token (token_use) where an {1} token is expected; the user pool signs both, so only token_use tells them apart.',
    change: 'Use the {1} token (Cognito returns id_token and access_token side by side), or accept token_use {0} where that is meant.',
  },
  'cognito-access-no-aud': {
    explanation: 'Cognito access tokens carry no aud: the app client they were issued to is in client_id ({0}).',
    change: 'Check client_id instead of aud for Cognito access tokens.',
  },
  'google-azp': {
    explanation:
      "The client ID {0} is the token's authorized party (azp), the app that asked for it; its audience (aud) is {1}, the client ID of the server it is meant for.",
    change: "Compare aud with your server's (web) client ID; azp only names the app that asked.",
  },
  'google-hd': {
    explanation: "The account's hosted domain (hd) is {0}, not {1}.",
    change: 'Sign in with an account of {1}; check hd, never the email address, to admit only one domain.',
  },
  'google-no-hd': {
    explanation: 'The account has no hosted domain (hd): it is a personal Google account, not one of {1}.',
    change: 'Sign in with an account of {1}; check hd, never the email address, to admit only one domain.',
  },
};

const quirk = (code: IssuerQuirkCode, acceptable: boolean, ...args: string[]): IssuerQuirk => ({ code, acceptable, ...QUIRK_TEXTS[code], args });

/** Quirks where the token's `iss` and the expected issuer differ. */
function issuerMismatchQuirk(iss: string, expected: string, claims: JsonObject): IssuerQuirk | undefined {
  const actual = recogniseIssuer(iss);
  const wanted = recogniseIssuer(expected);
  if (iss.replace(/\/+$/, '') === expected.replace(/\/+$/, '')) {
    return actual?.provider === 'auth0' || wanted?.provider === 'auth0'
      ? quirk('auth0-trailing-slash', false, iss, expected)
      : quirk('trailing-slash', false, iss, expected);
  }
  const tid = text(claims, 'tid');
  if (TENANT_PLACEHOLDER.test(expected)) {
    const resolved = tid !== undefined ? expected.replace(TENANT_PLACEHOLDER, tid) : undefined;
    if (resolved === iss) {
      return quirk('entra-tenant-placeholder', true, expected, iss, tid ?? '', '{tenantid}');
    }
  }
  if (actual?.provider === 'entra' && wanted?.provider === 'entra') return entraQuirk(actual, wanted, iss, expected, tid);
  if (actual?.provider === 'keycloak' && wanted?.provider === 'keycloak' && actual.path === wanted.path && actual.host !== wanted.host) {
    return quirk('keycloak-hostname', false, actual.realm ?? '', actual.host, wanted.host);
  }
  if (actual?.provider === 'google' && wanted?.provider === 'google') {
    return quirk('google-issuer-form', true, iss, expected);
  }
  return undefined;
}

function entraQuirk(actual: RecognisedIssuer, wanted: RecognisedIssuer, iss: string, expected: string, tid: string | undefined): IssuerQuirk | undefined {
  if (actual.entraVersion === 'v1' && wanted.entraVersion === 'v2') {
    return quirk('entra-v1-token', false, iss, expected);
  }
  if (actual.entraVersion === 'v2' && wanted.entraVersion === 'v1') {
    return quirk('entra-v2-token', false, iss, expected);
  }
  if (wanted.tenant !== undefined && ENTRA_SHARED_TENANTS.has(wanted.tenant.toLowerCase()) && actual.tenant !== wanted.tenant) {
    return quirk('entra-multi-tenant', false, iss, expected, wanted.tenant, tid ?? '');
  }
  return undefined;
}

/** Quirks of the token itself, whatever its issuer: Cognito's token_use and aud, Google's azp and hd. */
function tokenQuirk(input: IssuerQuirkInput, provider: string | undefined): IssuerQuirk | undefined {
  const { claims } = input;
  if (provider === 'cognito') {
    const use = text(claims, 'token_use');
    if (input.expectedTokenUse !== undefined && use !== undefined && use !== input.expectedTokenUse) {
      return quirk('cognito-token-use', false, use, input.expectedTokenUse);
    }
    if (use === 'access' && audiences(claims).length === 0) {
      return quirk('cognito-access-no-aud', true, text(claims, 'client_id') ?? '');
    }
  }
  if (provider === 'google') {
    const azp = text(claims, 'azp');
    const aud = audiences(claims);
    if (input.clientId !== undefined && azp === input.clientId && !aud.includes(input.clientId)) {
      return quirk('google-azp', false, input.clientId, aud.join(', '));
    }
    const hd = text(claims, 'hd');
    if (input.hostedDomain !== undefined && hd !== input.hostedDomain) {
      return quirk(hd === undefined ? 'google-no-hd' : 'google-hd', false, hd ?? '', input.hostedDomain);
    }
  }
  return undefined;
}

/**
 * The provider quirk that explains why a token fails (or nearly fails) a check, or undefined
 * when none applies: a plain mismatch stays a plain mismatch. Issuer quirks come first.
 *
 * @example
 * findIssuerQuirk({ claims: { iss: 'https://sts.windows.net/T/', tid: 'T' }, expectedIssuer: 'https://login.microsoftonline.com/T/v2.0' })?.code
 * // 'entra-v1-token'
 * findIssuerQuirk({ claims: { iss: 'https://a.example' }, expectedIssuer: 'https://b.example' }) // undefined
 */
export function findIssuerQuirk(input: IssuerQuirkInput): IssuerQuirk | undefined {
  const iss = text(input.claims, 'iss');
  const expected = input.expectedIssuer !== undefined && input.expectedIssuer.length <= MAX_ISSUER_LENGTH ? input.expectedIssuer : undefined;
  if (iss !== undefined && expected !== undefined && iss !== expected) {
    const found = issuerMismatchQuirk(iss, expected, input.claims);
    if (found) return found;
  }
  return tokenQuirk(input, recogniseIssuer(iss)?.provider);
}

/** Every English text of the quirks, for the l10n bundles and their test. */
export function issuerQuirkTemplates(): string[] {
  return Object.values(QUIRK_TEXTS).flatMap((q) => [q.explanation, q.change]);
}
