/**
 * The one place where an {@link AuthLensError} becomes text a person reads. English templates;
 * each is a key of the runtime l10n bundles, so `errorMessage(err, (s) => vscode.l10n.t(s))`
 * gives the localised message.
 */
import type { AuthLensError, ErrorCode, ErrorDetails, OriginRefusal, TlsCause } from './errors';
import { plainText, truncate } from './hostileText';
import { describeOAuthError } from './oauthErrors';
import { redactText } from './redact';
import { english, fillTemplate, type Translate } from './template';

/** The base sentence for each code. `satisfies` makes the compiler demand every code. */
const base = {
  'token-empty': 'The token is empty.',
  'token-too-large': 'The token is too large to decode (over {0} KiB).',
  'token-segment-count': 'This is not a JWT: a JWT has 3 parts separated by dots, this text has {0}.',
  'token-encrypted': 'The token is encrypted (JWE, 5 parts): its claims cannot be read without the decryption key.',
  'token-empty-part': 'A part of the token is empty.',
  'token-bad-base64url': 'The token is not valid base64url.',
  'token-not-json': 'The token is not JSON.',
  'token-not-object': 'The token is JSON but not a JSON object.',
  'token-missing-alg': 'The token header has no "alg" (algorithm), which every JWT header must have.',
  'token-too-deep': 'The token nests JSON too deeply (over {0} levels).',
  'token-scan-limit': 'This token-like text is too long to examine around the cursor; select it and run Decode Token.',
  'net-refused': 'The server refused the connection. Is it running, and is the base URL right?',
  'net-dns': 'The server name could not be resolved. Check the host in the base URL.',
  'net-timeout': 'The server did not answer in time.',
  'net-tls': 'The secure connection failed (certificate or TLS problem).',
  'net-other': 'The request failed on the network.',
  cancelled: 'The request was cancelled.',
  'response-not-json': 'The server answered with something that is not JSON.',
  'response-html': 'The server answered with an HTML page instead of JSON. Is the base URL right?',
  'response-shape': 'The server answer does not have the expected fields.',
  'response-too-large': 'The server answer is too large to read.',
  'http-unauthorized': 'The server rejected the credential (401 Unauthorized). Sign in again or update the credential.',
  'http-forbidden': 'The server refused this action (403 Forbidden): the credential is valid but not allowed to do this.',
  'http-not-found': 'Not found (404). Check the base URL and the resource.',
  'http-rate-limited': 'Too many requests (429): the server is rate limiting AuthLens.',
  'http-server': 'The server failed while answering (server error).',
  'http-other': 'The server answered with an unexpected status.',
  'redirect-blocked': 'The server redirected the request; AuthLens does not follow redirects with credentials.',
  'origin-mismatch': 'AuthLens did not send the credential to this origin.',
  'not-configured': 'This provider is not configured yet.',
  unsupported: 'This provider does not support this action.',
  'config-invalid': 'The provider settings are invalid.',
  'oauth-error': 'The authorization server answered with an OAuth error.',
  'oidc-discovery-failed': 'The OpenID Connect discovery document could not be read.',
  'oidc-issuer-mismatch': 'The discovery document names another issuer than the one configured.',
  'oidc-state-mismatch': 'The sign-in redirect carried another state than AuthLens sent; it was ignored.',
  'oidc-login-timeout': 'The sign-in did not finish in time.',
  'oidc-id-token-invalid': 'The ID token the server returned is not valid.',
  'oidc-no-refresh-token': 'The server did not issue a refresh token (ask for offline_access, or enable refresh tokens for this client).',
} as const satisfies Record<ErrorCode, string>;

/** Token errors that name the broken part have their own sentence per part. */
const perPart = {
  'token-empty-part': {
    header: 'The token header is empty.',
    payload: 'The token payload is empty.',
  },
  'token-bad-base64url': {
    header: 'The token header is not valid base64url.',
    payload: 'The token payload is not valid base64url.',
    signature: 'The token signature is not valid base64url.',
  },
  'token-not-json': {
    header: 'The token header is not JSON.',
    payload: 'The token payload is not JSON.',
  },
  'token-not-object': {
    header: 'The token header is JSON but not an object.',
    payload: 'The token payload is JSON but not an object.',
  },
  'token-too-deep': {
    header: 'The token header nests JSON too deeply (over {0} levels).',
    payload: 'The token payload nests JSON too deeply (over {0} levels).',
  },
} as const;

/** Sentences appended when the details hold the fact. */
const extra = {
  standardBase64: 'It contains "{0}", a character of standard base64; JWTs use base64url ("-" and "_", no "=" padding, RFC 7515 §2).',
  badCharacter: 'It contains the character {0}, which base64url does not allow.',
  standardBase64At: 'It contains "{0}" at position {1}, a character of standard base64; JWTs use base64url ("-" and "_", no "=" padding, RFC 7515 §2).',
  badCharacterAt: 'It contains the character {0} at position {1}, which base64url does not allow.',
  fivePartsNoEnc: 'Five parts would make an encrypted token (JWE), but its header has no "enc".',
  badLength: 'Its length is impossible for base64url.',
  segmentCountUnknown: 'This is not a JWT: a JWT has 3 parts separated by dots.',
  timeoutAfter: 'The server did not send a complete answer within {0} s, so AuthLens stopped waiting.',
  timeoutConnect: 'The server did not accept the connection within {0} s.',
  timeoutHeaders: 'The server sent no answer within {0} s.',
  timeoutBody: 'The server stopped sending its answer: nothing arrived for {0} s.',
  tlsSelfSigned: 'The server certificate is self-signed: no certificate authority this machine trusts vouches for it.',
  tlsUnknownIssuer:
    'The server certificate comes from an issuer this machine does not trust (unknown issuer, as with a development or company certificate authority).',
  tlsHostnameMismatch: 'The server certificate is for another host name than the one in the URL.',
  tlsExpired: 'The server certificate has expired.',
  tlsNotYetValid: 'The server certificate is not valid yet (check this machine’s clock).',
  tlsOptOut:
    'For a development server you trust, add "{0}" to the user setting authlens.insecureTlsProviders: certificate checks are then off for this provider only.',
  problemType: 'Problem type: {0}.',
  problemInstance: 'Problem instance: {0}.',
  attempt: 'Tried {0}: {1}',
  status: 'HTTP status {0}.',
  requestId: 'Request id: {0}.',
  traceId: 'Trace id: {0}.',
  retryAfter: 'Retry after {0} s.',
  serverMessage: 'Server says: {0}',
  serverCode: 'Server code: {0}.',
  oauthMeaning: 'Error "{0}" ({1}): {2}',
  fieldError: 'Field {0}: {1}',
  where: 'Where: {0}.',
  originNotAllowed: 'It is not one of the origins this provider’s credentials are bound to (its base URL and the origins its settings name).',
  originNotInDiscovery: 'It is neither the provider’s base URL or issuer nor an endpoint that the issuer’s discovery document names.',
  originDiscoveryNotHttps:
    'The issuer’s discovery document names it, but that document came over plain http from another machine, so anyone on the path could have written it: endpoints it names on other origins get no credential. Serve discovery over https.',
  originDiscoveryTlsOff:
    'The issuer’s discovery document names it, but that document came with TLS certificate checks off for this provider (authlens.insecureTlsProviders), so anyone on the path could have written it: endpoints it names on other origins get no credential.',
  originEndpointNotHttps: 'The issuer’s discovery document names it, but as a plain http endpoint on another machine: the credential would travel unencrypted.',
  originAddedSinceStored:
    'The issuer’s discovery document names it only since you stored the credential. AuthLens set the credential aside and asks whether it may go there too.',
} as const;

/** Why a credential was not sent (`origin-mismatch`), one sentence per reason. */
const originRefusalSentence = {
  'not-allowed': extra.originNotAllowed,
  'not-in-discovery': extra.originNotInDiscovery,
  'discovery-not-https': extra.originDiscoveryNotHttps,
  'discovery-tls-off': extra.originDiscoveryTlsOff,
  'endpoint-not-https': extra.originEndpointNotHttps,
  'added-since-stored': extra.originAddedSinceStored,
} as const satisfies Record<OriginRefusal, string>;

const MAX_SERVER_TEXT = 300;

/** Codes whose `where` (a field, a setting, or the origin that failed) helps the reader act. */
const codesNamingWhere: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'response-shape',
  'config-invalid',
  'oauth-error',
  'oidc-id-token-invalid',
  'net-refused',
  'net-dns',
  'net-timeout',
  'net-tls',
  'net-other',
  'redirect-blocked',
  'origin-mismatch',
  'not-configured',
]);

/**
 * A server's text as one line of at most `max` characters (the `…` included), then made plain
 * (invisible characters shown as escapes, link and icon syntax broken): the message ends up in
 * notifications.
 */
function oneLine(s: string, max = MAX_SERVER_TEXT): string {
  return plainText(truncate(s.replace(/\s+/g, ' ').trim(), max), max);
}

function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp > 0x20 && cp < 0x7f ? `"${ch}" (${hex})` : hex;
}

function tokenSentence(code: ErrorCode, d: ErrorDetails, t: Translate): string[] {
  const where = d.where as 'header' | 'payload' | 'signature' | undefined;
  const table = perPart[code as keyof typeof perPart] as Partial<Record<string, string>> | undefined;
  const template = (where && table?.[where]) || base[code];
  const out: string[] = [];
  if (code === 'token-segment-count' && d.segmentCount === undefined) {
    out.push(t(extra.segmentCountUnknown));
  } else {
    out.push(fillTemplate(t(template), code === 'token-segment-count' ? (d.segmentCount ?? '?') : (d.limit ?? '?')));
  }
  if (code === 'token-segment-count' && d.segmentCount === 5) out.push(t(extra.fivePartsNoEnc));
  if (code === 'token-bad-base64url') {
    const at = d.position;
    if (d.character === '+' || d.character === '/' || d.character === '=') {
      out.push(at ? fillTemplate(t(extra.standardBase64At), d.character, at) : fillTemplate(t(extra.standardBase64), d.character));
    } else if (d.character) {
      const shown = describeCharacter(d.character);
      out.push(at ? fillTemplate(t(extra.badCharacterAt), shown, at) : fillTemplate(t(extra.badCharacter), shown));
    } else {
      out.push(t(extra.badLength));
    }
  }
  return out;
}

/**
 * The first sentence of a non-token error. A timeout says how long was waited when the client
 * knows (`limit`, in seconds, set for the overall deadline), so "in time" is not left vague.
 */
function baseSentence(code: ErrorCode, d: ErrorDetails, t: Translate): string {
  if (code === 'net-timeout' && typeof d.limit === 'number' && Number.isFinite(d.limit) && d.limit > 0) {
    const phase =
      d.timeoutPhase === 'connect'
        ? extra.timeoutConnect
        : d.timeoutPhase === 'headers'
          ? extra.timeoutHeaders
          : d.timeoutPhase === 'body'
            ? extra.timeoutBody
            : extra.timeoutAfter;
    return fillTemplate(t(phase), Math.ceil(d.limit));
  }
  return t(base[code]);
}

const tlsSentence = {
  'self-signed': extra.tlsSelfSigned,
  'unknown-issuer': extra.tlsUnknownIssuer,
  'hostname-mismatch': extra.tlsHostnameMismatch,
  expired: extra.tlsExpired,
  'not-yet-valid': extra.tlsNotYetValid,
} as const satisfies Record<TlsCause, string>;

/** `net-tls`: what the certificate check found, and the setting that opts this provider out. */
function tlsSentences(code: ErrorCode, d: ErrorDetails, t: Translate): string[] {
  if (code !== 'net-tls') return [];
  const out: string[] = [];
  const cause = d.tlsCause !== undefined ? (tlsSentence as Partial<Record<string, string>>)[d.tlsCause] : undefined;
  if (cause !== undefined) out.push(t(cause));
  if (d.tlsOptOutId) out.push(fillTemplate(t(extra.tlsOptOut), oneLine(d.tlsOptOutId, 100)));
  return out;
}

const MAX_ATTEMPTS_SHOWN = 4;

/** Each URL tried (discovery) with what it answered, as one sentence each. */
function attemptSentences(d: ErrorDetails, t: Translate): string[] {
  return (d.attempts ?? [])
    .slice(0, MAX_ATTEMPTS_SHOWN)
    .map((a) => fillTemplate(t(extra.attempt), oneLine(a.url, 300), oneLine(errorMessage({ code: a.code, details: a.details }, t), 600)));
}

/**
 * The English (or, with `t`, localised) one-line message for an error, made from its code and
 * details: the part of a token that is wrong, the HTTP status, the server's request id and
 * trace id, Retry-After, and the server's own message (redacted again, flattened to one line).
 *
 * @example
 * errorMessage(new AuthLensError('http-rate-limited', { status: 429, retryAfterSeconds: 30 }))
 * // 'Too many requests (429): the server is rate limiting AuthLens. Retry after 30 s.'
 * errorMessage(err, (s) => vscode.l10n.t(s)) // localised
 */
export function errorMessage(err: Pick<AuthLensError, 'code' | 'details'>, t: Translate = english): string {
  const d: ErrorDetails = err.details ?? {};
  const code: ErrorCode = err.code in base ? err.code : 'net-other';
  const parts: string[] = code.startsWith('token-') ? tokenSentence(code, d, t) : [baseSentence(code, d, t), ...tlsSentences(code, d, t)];
  const refusal =
    code === 'origin-mismatch' && d.originRefusal !== undefined ? (originRefusalSentence as Partial<Record<string, string>>)[d.originRefusal] : undefined;
  if (refusal !== undefined) parts.push(t(refusal));
  if (!code.startsWith('token-') && d.where && codesNamingWhere.has(code)) {
    parts.push(fillTemplate(t(extra.where), oneLine(d.where, 100)));
  }
  // "401", "429"... are already in their sentences.
  // With attempts, each names its own status.
  if (typeof d.status === 'number' && !base[code].includes(`(${d.status}`) && d.attempts === undefined) parts.push(fillTemplate(t(extra.status), d.status));
  const oauth = code === 'oauth-error' && d.serverCode ? describeOAuthError(d.serverCode) : undefined;
  if (oauth) parts.push(fillTemplate(t(extra.oauthMeaning), oauth.code, oauth.source, t(oauth.meaning)));
  else if (d.serverCode) parts.push(fillTemplate(t(extra.serverCode), oneLine(redactText(d.serverCode, []), 100)));
  if (d.serverMessage) parts.push(fillTemplate(t(extra.serverMessage), oneLine(redactText(d.serverMessage, []))));
  for (const fe of (d.fieldErrors ?? []).slice(0, 3)) {
    const text = fe.description ?? fe.code;
    if (fe.field && text) parts.push(fillTemplate(t(extra.fieldError), oneLine(fe.field, 100), oneLine(redactText(text, []), 200)));
  }
  if (typeof d.retryAfterSeconds === 'number' && Number.isFinite(d.retryAfterSeconds)) {
    parts.push(fillTemplate(t(extra.retryAfter), Math.max(0, Math.ceil(d.retryAfterSeconds))));
  }
  if (d.problemType) parts.push(fillTemplate(t(extra.problemType), oneLine(redactText(d.problemType, []), 200)));
  if (d.problemInstance) parts.push(fillTemplate(t(extra.problemInstance), oneLine(redactText(d.problemInstance, []), 200)));
  if (d.requestId) parts.push(fillTemplate(t(extra.requestId), oneLine(redactText(d.requestId, []), 200)));
  if (d.traceId) parts.push(fillTemplate(t(extra.traceId), oneLine(redactText(d.traceId, []), 200)));
  parts.push(...attemptSentences(d, t));
  return parts.join(' ');
}

/** Every error code (the keys of the message table, complete by construction). */
export const errorCodes: readonly ErrorCode[] = Object.keys(base) as ErrorCode[];

/** Every English template this module can produce, for the l10n bundles and their test. */
export function errorMessageTemplates(): string[] {
  const all: string[] = [...Object.values(base), ...Object.values(extra)];
  for (const byPart of Object.values(perPart)) all.push(...Object.values(byPart));
  return [...new Set(all)];
}
