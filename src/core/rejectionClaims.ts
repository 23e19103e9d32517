/**
 * The claim checks of "Why would a server reject this token?": `iss`, `aud`, `exp` / `nbf` /
 * `iat` with the person's skew, `typ` (RFC 9068) and the claims a kind of token must carry.
 * Pure; the clock is in the facts. Token values are hostile: they reach messages only through
 * {@link shownValue} (one line, bounded, invisible characters made visible).
 */
import { plainText } from './hostileText';
import { checkIssuer } from './issuerCheck';
import type { Json, JsonObject } from './json';
import type { RejectionCheck, RejectionFacts, RejectionVerdict } from './rejectionTypes';
import { fillTemplate, type Translate } from './template';
import { readNumericDate } from './tokenTime';

/** A token or setting value inside a check: bounded, one line. */
export const shownValue = (s: string): string => plainText(s, 200);

export const NO_PROVIDER = 'Not checked: no configured provider for this issuer.';
const NO_EXPECTED_ISSUER = 'Not checked: the provider names no issuer and its discovery document gave none.';
const NO_EXPECTED_AUD = 'Not checked: the provider sets no audience or client id.';
const AUD_MISSING = 'The token has no aud claim; the server expects {0}.';
const AUD_MISMATCH = 'The token is for {0}, not for {1}.';
const AUD_OK = 'The token is for {0}.';
const AZP_MISMATCH = 'The token has several audiences, and its azp {0} is not the client id {1} (OpenID Connect Core 3.1.3.7).';
const AZP_MISSING = 'The token has several audiences and no azp; some servers require azp to be the client id {0}.';
const TIME_ABSENT_REQUIRED = 'The token has no {0} claim, which this kind of token must carry.';
const TIME_ABSENT_OPTIONAL = 'The token has no {0} claim.';
const TIME_UNREADABLE = 'The {0} claim is not a usable NumericDate (seconds since 1970).';
const EXP_PAST = 'Expired at {0}, {1} s ago: beyond the {2} s skew.';
const EXP_WITHIN_SKEW = 'Expired at {0}, {1} s ago: only a server allowing at least {1} s of skew accepts it.';
const EXP_OK = 'Valid until {0}.';
const NBF_FUTURE = 'Not valid before {0}, in {1} s: beyond the {2} s skew.';
const NBF_WITHIN_SKEW = 'Not valid before {0}, in {1} s: within the {2} s skew.';
const NBF_OK = 'Valid since {0}.';
const IAT_FUTURE = 'Issued at {0}, {1} s in the future: beyond the {2} s skew (the clocks disagree).';
const IAT_OK = 'Issued at {0}.';
const TYP_ACCESS_OK = 'typ is {0}, as RFC 9068 requires of JWT access tokens.';
const TYP_ACCESS_BAD = 'An RFC 9068 resource server rejects an access token whose typ is not at+jwt (here: {0}).';
const TYP_ID_BAD = 'typ {0} marks an access token: a client must not accept it as an ID token.';
const TYP_ID_OK = 'typ {0} is acceptable for an ID token.';
const KIND_UNKNOWN = 'Not checked: the kind of token is not known (choose ID token or access token).';
const REQUIRED_OK = 'Every claim {0} requires is present: {1}.';
const REQUIRED_MISSING = 'Missing claims that {0} requires: {1}.';
const NONCE_NOTE = 'The token carries a nonce: the client compares it with the one it sent.';
const NO_NONCE_NOTE = 'No nonce: a client that sent one in the authorization request rejects the token.';
const NONE = '(none)';
const ABSENT = '(absent)';

const RFC9068 = 'RFC 9068 §2.2';
const OIDC_CORE = 'OpenID Connect Core §2';
const ACCESS_REQUIRED = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];
const ID_REQUIRED = ['iss', 'sub', 'aud', 'exp', 'iat'];

const has = (o: JsonObject, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const own = (o: JsonObject, k: string): Json | undefined => (has(o, k) ? o[k] : undefined);
/** One check; `expected` and `actual` are bounded to one line. */
export const makeCheck = (id: RejectionCheck['id'], verdict: RejectionVerdict, message: string, expected?: string, actual?: string): RejectionCheck => ({
  id,
  verdict,
  message,
  ...(expected !== undefined ? { expected: shownValue(expected) } : {}),
  ...(actual !== undefined ? { actual: shownValue(actual) } : {}),
});
const check = makeCheck;

/** `iss` against the discovered issuer, else the configured one, with the known provider quirks. */
export function issCheck(f: RejectionFacts, t: Translate): RejectionCheck {
  const raw = own(f.payload, 'iss');
  const actual = typeof raw === 'string' ? raw : undefined;
  if (!f.provider) return check('iss', 'skipped', t(NO_PROVIDER), undefined, actual);
  const expected = f.discovery?.issuer ?? f.provider.expected.issuer;
  if (expected === undefined) return check('iss', 'skipped', t(NO_EXPECTED_ISSUER), undefined, actual);
  const use = f.tokenUse === 'unknown' ? {} : { expectedTokenUse: f.tokenUse };
  const r = checkIssuer({ claims: f.payload, expectedIssuer: expected, ...use }, t);
  return check('iss', r.matches ? 'pass' : 'fail', r.message, expected, actual);
}

function audiences(payload: JsonObject): string[] | undefined {
  const aud = own(payload, 'aud');
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.slice(0, 50).filter((a): a is string => typeof a === 'string');
  return undefined;
}

/** `aud` against the configured audience (access tokens) or client id (ID tokens), and `azp`. */
export function audCheck(f: RejectionFacts, t: Translate): RejectionCheck {
  const auds = audiences(f.payload);
  const actual = auds?.join(', ');
  if (!f.provider) return check('aud', 'skipped', t(NO_PROVIDER), undefined, actual);
  const { audience, clientId } = f.provider.expected;
  const expected = f.tokenUse === 'id' ? (clientId ?? audience) : (audience ?? clientId);
  if (expected === undefined) return check('aud', 'skipped', t(NO_EXPECTED_AUD), undefined, actual);
  const shown = shownValue(expected);
  if (auds === undefined || auds.length === 0) return check('aud', 'fail', fillTemplate(t(AUD_MISSING), shown), expected);
  if (!auds.includes(expected)) return check('aud', 'fail', fillTemplate(t(AUD_MISMATCH), shownValue(actual ?? ''), shown), expected, actual);
  if (f.tokenUse === 'id' && auds.length > 1 && clientId !== undefined) {
    const azp = own(f.payload, 'azp');
    if (typeof azp !== 'string') return check('aud', 'warn', fillTemplate(t(AZP_MISSING), shownValue(clientId)), expected, actual);
    if (azp !== clientId) return check('aud', 'fail', fillTemplate(t(AZP_MISMATCH), shownValue(azp), shownValue(clientId)), expected, actual);
  }
  return check('aud', 'pass', fillTemplate(t(AUD_OK), shown), expected, actual);
}

const iso = (ms: number): string => new Date(ms).toISOString();
const seconds = (ms: number): number => Math.ceil(Math.abs(ms) / 1000);

/** Reads a time claim; a check for an absent or unreadable one, else its epoch ms. */
function timeOf(f: RejectionFacts, claim: 'exp' | 'nbf' | 'iat', t: Translate): RejectionCheck | number {
  const raw = own(f.payload, claim);
  const read = readNumericDate(raw);
  if (read === undefined) {
    const required = f.tokenUse !== 'unknown' && claim !== 'nbf';
    return check(
      claim,
      required ? 'fail' : claim === 'exp' ? 'warn' : 'pass',
      fillTemplate(t(required ? TIME_ABSENT_REQUIRED : TIME_ABSENT_OPTIONAL), claim),
      undefined,
      t(ABSENT),
    );
  }
  if (read.status !== 'ok') return check(claim, 'fail', fillTemplate(t(TIME_UNREADABLE), claim), undefined, JSON.stringify(raw)?.slice(0, 200));
  return read.ms;
}

/** `exp`, `nbf` and `iat` against `now` with the person's skew. */
export function timeChecks(f: RejectionFacts, t: Translate): RejectionCheck[] {
  const skew = Math.max(0, f.skewMs);
  const skewS = Math.round(skew / 1000);
  const exp = timeOf(f, 'exp', t);
  const nbf = timeOf(f, 'nbf', t);
  const iat = timeOf(f, 'iat', t);
  const expCheck =
    typeof exp !== 'number'
      ? exp
      : exp > f.now
        ? check('exp', 'pass', fillTemplate(t(EXP_OK), iso(exp)), undefined, iso(exp))
        : check(
            'exp',
            f.now - exp < skew ? 'warn' : 'fail',
            fillTemplate(t(f.now - exp < skew ? EXP_WITHIN_SKEW : EXP_PAST), iso(exp), seconds(f.now - exp), skewS),
            undefined,
            iso(exp),
          );
  const nbfCheck =
    typeof nbf !== 'number'
      ? nbf
      : nbf <= f.now
        ? check('nbf', 'pass', fillTemplate(t(NBF_OK), iso(nbf)), undefined, iso(nbf))
        : check(
            'nbf',
            nbf - f.now <= skew ? 'warn' : 'fail',
            fillTemplate(t(nbf - f.now <= skew ? NBF_WITHIN_SKEW : NBF_FUTURE), iso(nbf), seconds(nbf - f.now), skewS),
            undefined,
            iso(nbf),
          );
  const iatCheck =
    typeof iat !== 'number'
      ? iat
      : iat - f.now > skew
        ? check('iat', 'fail', fillTemplate(t(IAT_FUTURE), iso(iat), seconds(iat - f.now), skewS), undefined, iso(iat))
        : check('iat', 'pass', fillTemplate(t(IAT_OK), iso(iat)), undefined, iso(iat));
  return [expCheck, nbfCheck, iatCheck];
}

/** The header's `typ`: `at+jwt` for access tokens (RFC 9068 §4), not `at+jwt` for ID tokens. */
export function typCheck(f: RejectionFacts, t: Translate): RejectionCheck {
  const raw = own(f.header, 'typ');
  const typ = typeof raw === 'string' ? raw : undefined;
  const actual = typ ?? t(ABSENT);
  const isAt = typ !== undefined && /^(application\/)?at\+jwt$/i.test(typ);
  switch (f.tokenUse) {
    case 'access':
      return isAt
        ? check('typ', 'pass', fillTemplate(t(TYP_ACCESS_OK), shownValue(actual)), 'at+jwt', actual)
        : check('typ', 'fail', fillTemplate(t(TYP_ACCESS_BAD), shownValue(actual)), 'at+jwt', actual);
    case 'id':
      return isAt
        ? check('typ', 'fail', fillTemplate(t(TYP_ID_BAD), shownValue(actual)), 'JWT', actual)
        : check('typ', 'pass', fillTemplate(t(TYP_ID_OK), shownValue(actual)), 'JWT', actual);
    case 'unknown':
      return check('typ', 'skipped', t(KIND_UNKNOWN), undefined, actual);
  }
}

/** The claims RFC 9068 (access tokens) or OpenID Connect Core (ID tokens) make mandatory. */
export function requiredCheck(f: RejectionFacts, t: Translate): RejectionCheck {
  if (f.tokenUse === 'unknown') return check('required', 'skipped', t(KIND_UNKNOWN));
  const [names, spec] = f.tokenUse === 'access' ? [ACCESS_REQUIRED, RFC9068] : [ID_REQUIRED, OIDC_CORE];
  const missing = names.filter((n) => !has(f.payload, n));
  const note = f.tokenUse === 'id' ? ` ${t(has(f.payload, 'nonce') ? NONCE_NOTE : NO_NONCE_NOTE)}` : '';
  if (missing.length > 0) {
    return check(
      'required',
      'fail',
      `${fillTemplate(t(REQUIRED_MISSING), spec, missing.join(', '))}${note}`,
      names.join(', '),
      missing.length === names.length ? t(NONE) : undefined,
    );
  }
  return check('required', 'pass', `${fillTemplate(t(REQUIRED_OK), spec, names.join(', '))}${note}`, names.join(', '));
}

/** Every English text of these checks, for the l10n bundles and their test. */
export function rejectionClaimTemplates(): string[] {
  return [
    NO_PROVIDER,
    NO_EXPECTED_ISSUER,
    NO_EXPECTED_AUD,
    AUD_MISSING,
    AUD_MISMATCH,
    AUD_OK,
    AZP_MISMATCH,
    AZP_MISSING,
    TIME_ABSENT_REQUIRED,
    TIME_ABSENT_OPTIONAL,
    TIME_UNREADABLE,
    EXP_PAST,
    EXP_WITHIN_SKEW,
    EXP_OK,
    NBF_FUTURE,
    NBF_WITHIN_SKEW,
    NBF_OK,
    IAT_FUTURE,
    IAT_OK,
    TYP_ACCESS_OK,
    TYP_ACCESS_BAD,
    TYP_ID_BAD,
    TYP_ID_OK,
    KIND_UNKNOWN,
    REQUIRED_OK,
    REQUIRED_MISSING,
    NONCE_NOTE,
    NO_NONCE_NOTE,
    NONE,
    ABSENT,
  ];
}
