/**
 * The issuer check Verify reports beside the signature: the token's `iss` against the expected
 * issuer (discovery's or the provider setting's), exact as OIDC requires, and, when they differ,
 * which provider quirk explains it and what to change. Pure; the one place its texts are made.
 */
import { plainText } from './hostileText';
import { findIssuerQuirk, type IssuerQuirk, type IssuerQuirkCode, type IssuerQuirkInput } from './issuerQuirks';
import { MAX_ISSUER_LENGTH } from './identityProviders';
import { english, fillTemplate, type Translate } from './template';

/** The outcome of an issuer check (the shape `VerifyOutcome.issuer` carries to the webview). */
export interface IssuerCheckResult {
  /** True when `iss` is the expected issuer, or is it as its provider documents (`{tenantid}`). */
  readonly matches: boolean;
  readonly expected: string;
  readonly actual?: string;
  readonly quirk?: IssuerQuirkCode;
  /** Plain text, one paragraph: what was compared, the quirk, what to change. */
  readonly message: string;
}

const MATCH = "The token's issuer matches the expected issuer {0}.";
const MATCH_AS_DOCUMENTED = "The token's issuer {0} is the expected issuer {1} as its provider documents it.";
const MISMATCH = "The token's issuer {0} is not the expected issuer {1}.";
const MISMATCH_PLAIN = "Check the provider's issuer setting, or whether the token comes from another server.";
const NO_ISS = 'The token has no iss claim (or not a text one), so it cannot be matched with the expected issuer {0}.';
const WHAT_TO_DO = 'What to do: {0}';

/** Token and setting text inside a message: bounded, one line, no invisible characters. */
const shown = (s: string): string => plainText(s, 300);

function quirkText(q: IssuerQuirk, t: Translate): string {
  const args = q.args.map(shown);
  return `${fillTemplate(t(q.explanation), ...args)} ${fillTemplate(t(WHAT_TO_DO), fillTemplate(t(q.change), ...args))}`;
}

/**
 * Compares the token's `iss` with the expected issuer and explains a difference when a provider
 * quirk accounts for it (Auth0's trailing slash, Entra v1 tokens and `{tenantid}`, Keycloak's
 * two hostnames, Google's two issuer forms), or a token quirk worth knowing (Cognito's
 * `token_use` and missing `aud`, Google's `azp` and `hd`).
 *
 * @example
 * checkIssuer({ claims: { iss: 'https://t.auth0.com/' }, expectedIssuer: 'https://t.auth0.com' })
 * // { matches: false, quirk: 'auth0-trailing-slash', message: "The token's issuer https://t.auth0.com/ is not …" }
 */
export function checkIssuer(input: IssuerQuirkInput & { readonly expectedIssuer: string }, t: Translate = english): IssuerCheckResult {
  const expected = input.expectedIssuer.slice(0, MAX_ISSUER_LENGTH);
  const raw = Object.prototype.hasOwnProperty.call(input.claims, 'iss') ? input.claims['iss'] : undefined;
  const actual = typeof raw === 'string' ? raw.slice(0, MAX_ISSUER_LENGTH) : undefined;
  if (actual === undefined) return { matches: false, expected, message: fillTemplate(t(NO_ISS), shown(expected)) };
  const q = findIssuerQuirk({ ...input, expectedIssuer: expected });
  const base = { expected, actual, ...(q ? { quirk: q.code } : {}) };
  if (actual === expected) {
    const head = fillTemplate(t(MATCH), shown(expected));
    return { matches: true, ...base, message: q ? `${head} ${quirkText(q, t)}` : head };
  }
  if (q?.acceptable && isIssuerQuirk(q.code)) {
    return { matches: true, ...base, message: `${fillTemplate(t(MATCH_AS_DOCUMENTED), shown(actual), shown(expected))} ${quirkText(q, t)}` };
  }
  // A token quirk (Cognito's token_use, Google's azp) does not explain another issuer.
  const head = fillTemplate(t(MISMATCH), shown(actual), shown(expected));
  if (q && isIssuerQuirk(q.code)) return { matches: false, ...base, message: `${head} ${quirkText(q, t)}` };
  return { matches: false, expected, actual, message: `${head} ${t(MISMATCH_PLAIN)}` };
}

/** Quirks about the issuer itself (the others are about the token's type or audience). */
function isIssuerQuirk(code: IssuerQuirkCode): boolean {
  return !['cognito-token-use', 'cognito-access-no-aud', 'google-azp', 'google-hd'].includes(code);
}

/** Every English text an issuer check can show, for the l10n bundles and their test. */
export function issuerCheckTemplates(): string[] {
  return [MATCH, MATCH_AS_DOCUMENTED, MISMATCH, MISMATCH_PLAIN, NO_ISS, WHAT_TO_DO];
}
