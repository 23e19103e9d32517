/**
 * "Why would my server reject this token?": the checks a resource server or client runs on a
 * JWT, each with its verdict and why, in one list. The signature itself is verified host side
 * (jose, with the provider's keys) and comes in as a fact; everything else is judged here.
 * Pure; the clock is in the facts.
 */
import { isJsonObject, type JsonObject } from './json';
import {
  audCheck,
  issCheck,
  makeCheck as check,
  NO_PROVIDER,
  requiredCheck,
  shownValue,
  timeChecks,
  typCheck,
  rejectionClaimTemplates,
} from './rejectionClaims';
import type { KeyFacts, RejectionCheck, RejectionFacts, TokenUse } from './rejectionTypes';
import { english, fillTemplate, type Translate } from './template';

const SIG_OK = 'Verified with {0}.';
const SIG_NONE = 'The token is unsigned (alg none): a server must reject it (RFC 8725 §3.1).';
const SIG_HMAC = "Not checked: {0} needs the server's shared secret, which a key set never holds. Check it in the Verify tab.";
const SIG_NO_KEYS = 'Not checked: the provider has no key URL (set "jwksUrl", or "issuer" for discovery).';
const SIG_KEYS_FAILED = 'Not checked: {0}';
const KID_IN_SET = 'kid {0} is in the key set at {1}.';
const KID_NOT_IN_SET = 'kid {0} is not in the key set at {1} (it has {2}): the key was rotated, or the token comes from another issuer.';
const KID_ABSENT_ONE = 'The token has no kid; the key set has one key, which most servers then use. Servers that require a kid reject it.';
const KID_ABSENT_MANY = 'The token has no kid and the key set has {0} keys: many servers reject a token that does not say which key signed it.';
const KID_HMAC = 'Not checked: an HMAC token is verified with a shared secret, not a published key.';
const ALG_MISSING = 'The header has no alg: no server can verify the token.';
const ALG_CONFUSION =
  'The token uses {0}, a shared-secret algorithm, while the issuer signs with public keys: a server that accepted it would be open to algorithm confusion, so it must reject it (RFC 8725 §3.1).';
const ALG_MIXED =
  'The token uses {0}, and the shared secret verifies it, while the issuer also publishes public keys: a server that verifies only with its key set rejects it; one that holds the secret accepts it.';
const ALG_KEY_ALG = 'The key {0} is for {1}, not {2}.';
const ALG_KEY_KTY = 'The key {0} is of type {1}, which cannot verify {2}.';
const ALG_DISCOVERY = 'The issuer announces {0} for ID tokens, not {1}.';
const ALG_OK = 'alg {0} fits the key and what the issuer announces.';
const ALG_UNCHECKED = 'Not checked: neither a key nor a discovery document says which algorithms the issuer uses.';
const NONE_LISTED = '(none)';

const KTY_BY_PREFIX: readonly (readonly [RegExp, string])[] = [
  [/^(RS|PS)\d+$/, 'RSA'],
  [/^ES(256|384|512|256K)$/, 'EC'],
  [/^(EdDSA|Ed25519|Ed448)$/, 'OKP'],
  [/^HS\d+$/, 'oct'],
];
const ktyOf = (alg: string): string | undefined => KTY_BY_PREFIX.find(([re]) => re.test(alg))?.[1];
const str = (o: JsonObject, k: string): string | undefined => {
  const v = Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** Facts every key check reads from the header. */
interface AlgFacts {
  readonly alg: string | undefined;
  readonly kid: string | undefined;
  readonly none: boolean;
  readonly hmac: boolean;
}

function algFacts(header: JsonObject): AlgFacts {
  const alg = str(header, 'alg');
  return { alg, kid: str(header, 'kid'), none: alg?.toLowerCase() === 'none', hmac: alg !== undefined && ktyOf(alg) === 'oct' };
}

const keyName = (k: JsonObject): string => shownValue([str(k, 'kty') ?? '?', str(k, 'kid') !== undefined ? `kid=${str(k, 'kid')}` : ''].join(' ').trim());
const kidsOf = (keys: readonly JsonObject[], t: Translate): string =>
  keys
    .map((k) => str(k, 'kid'))
    .filter((k): k is string => k !== undefined)
    .slice(0, 10)
    .map((k) => shownValue(k).slice(0, 60))
    .join(', ') || t(NONE_LISTED);

/** Why the signature could not be checked with keys, or undefined when keys are at hand. */
function noKeys(keys: KeyFacts | undefined, t: Translate): string | undefined {
  if (keys === undefined || keys.kind === 'not-configured') return t(SIG_NO_KEYS);
  if (keys.kind === 'unavailable') return fillTemplate(t(SIG_KEYS_FAILED), shownValue(keys.reason));
  return undefined;
}

function signatureCheck(f: RejectionFacts, a: AlgFacts, t: Translate): RejectionCheck {
  if (a.none) return check('signature', 'fail', t(SIG_NONE), undefined, 'none');
  // An HMAC token is checked only with a secret the person keeps (remembered, or the sandbox's).
  if (a.hmac && f.signature === undefined) return check('signature', 'skipped', fillTemplate(t(SIG_HMAC), shownValue(a.alg ?? '')));
  if (!a.hmac && !f.provider) return check('signature', 'skipped', t(NO_PROVIDER));
  const why = a.hmac ? undefined : noKeys(f.keys, t);
  if (why !== undefined || f.signature === undefined) return check('signature', 'skipped', why ?? t(SIG_NO_KEYS));
  return f.signature.valid
    ? check('signature', 'pass', fillTemplate(t(SIG_OK), shownValue(f.signature.message)))
    : check('signature', 'fail', shownValue(f.signature.message));
}

function kidCheck(f: RejectionFacts, a: AlgFacts, t: Translate): RejectionCheck {
  if (!f.provider) return check('kid', 'skipped', t(NO_PROVIDER), undefined, a.kid);
  if (a.hmac || a.none) return check('kid', 'skipped', t(KID_HMAC), undefined, a.kid);
  const keys = f.keys;
  if (keys?.kind !== 'set') return check('kid', 'skipped', noKeys(keys, t) ?? t(SIG_NO_KEYS), undefined, a.kid);
  const kids = kidsOf(keys.keys, t);
  if (a.kid === undefined) {
    const usable = keys.keys.filter((k) => a.alg === undefined || str(k, 'kty') === ktyOf(a.alg));
    return usable.length === 1 ? check('kid', 'warn', t(KID_ABSENT_ONE), kids) : check('kid', 'warn', fillTemplate(t(KID_ABSENT_MANY), usable.length), kids);
  }
  const found = keys.keys.some((k) => str(k, 'kid') === a.kid);
  const url = shownValue(keys.url);
  return found
    ? check('kid', 'pass', fillTemplate(t(KID_IN_SET), shownValue(a.kid), url), kids, a.kid)
    : check('kid', 'fail', fillTemplate(t(KID_NOT_IN_SET), shownValue(a.kid), url, kids), kids, a.kid);
}

/** Whether the issuer signs with public keys: its key set or its announced algorithms say so. */
function asymmetricIssuer(f: RejectionFacts): boolean {
  const keys = f.keys?.kind === 'set' ? f.keys.keys : [];
  if (keys.some((k) => str(k, 'kty') !== undefined && str(k, 'kty') !== 'oct')) return true;
  const algs = f.discovery?.idTokenAlgs ?? [];
  return algs.length > 0 && algs.every((x) => ktyOf(x) !== 'oct');
}

function algCheck(f: RejectionFacts, a: AlgFacts, t: Translate): RejectionCheck {
  if (a.alg === undefined) return check('alg', 'fail', t(ALG_MISSING));
  const alg = a.alg;
  if (a.none) return check('alg', 'fail', t(SIG_NONE), undefined, alg);
  const announced = f.discovery?.idTokenAlgs;
  if (a.hmac && asymmetricIssuer(f)) {
    // The server's own shared secret verified it: a server holding that secret takes it.
    if (f.signature?.valid === true) return check('alg', 'warn', fillTemplate(t(ALG_MIXED), shownValue(alg)), announced?.join(', '), alg);
    return check('alg', 'fail', fillTemplate(t(ALG_CONFUSION), shownValue(alg)), announced?.join(', '), alg);
  }
  const keys = f.keys?.kind === 'set' ? f.keys.keys : [];
  const key = a.kid !== undefined ? keys.find((k) => str(k, 'kid') === a.kid) : keys.length === 1 ? keys[0] : undefined;
  if (key !== undefined) {
    const keyAlg = str(key, 'alg');
    if (keyAlg !== undefined && keyAlg !== alg)
      return check('alg', 'fail', fillTemplate(t(ALG_KEY_ALG), keyName(key), shownValue(keyAlg), shownValue(alg)), keyAlg, alg);
    const kty = str(key, 'kty');
    if (kty !== ktyOf(alg)) return check('alg', 'fail', fillTemplate(t(ALG_KEY_KTY), keyName(key), shownValue(kty ?? '?'), shownValue(alg)), undefined, alg);
  }
  if (f.tokenUse === 'id' && announced !== undefined && announced.length > 0 && !announced.includes(alg)) {
    return check('alg', 'fail', fillTemplate(t(ALG_DISCOVERY), shownValue(announced.join(', ')), shownValue(alg)), announced.join(', '), alg);
  }
  if (key === undefined && (announced === undefined || f.tokenUse !== 'id')) return check('alg', 'skipped', t(ALG_UNCHECKED), undefined, alg);
  return check('alg', 'pass', fillTemplate(t(ALG_OK), shownValue(alg)), announced?.join(', '), alg);
}

/**
 * The checks, in the order of {@link REJECTION_CHECK_IDS}: signature, kid, alg, iss, aud, exp,
 * nbf, iat, typ, required. Checks that need the provider say so when there is none; the rest run.
 *
 * @example
 * rejectionChecks({ header, payload, now: Date.now(), skewMs: 60_000, tokenUse: 'access',
 *   provider: { expected: { issuer: 'https://id.example', audience: 'urn:api' } }, keys, signature })
 *   .filter((c) => c.verdict === 'fail') // [{ id: 'aud', message: 'The token is for urn:other, not for urn:api.' }]
 */
export function rejectionChecks(facts: RejectionFacts, t: Translate = english): RejectionCheck[] {
  const a = algFacts(facts.header);
  return [
    signatureCheck(facts, a, t),
    kidCheck(facts, a, t),
    algCheck(facts, a, t),
    issCheck(facts, t),
    audCheck(facts, t),
    ...timeChecks(facts, t),
    typCheck(facts, t),
    requiredCheck(facts, t),
  ];
}

/**
 * What a token is meant to be: what its source says (a provider's ID or access token), else an
 * RFC 9068 `typ` makes it an access token; otherwise unknown.
 *
 * @example
 * inferTokenUse(undefined, { alg: 'RS256', typ: 'at+jwt' }) // 'access'
 */
export function inferTokenUse(sourceKind: string | undefined, header: unknown): TokenUse {
  if (sourceKind === 'id-token') return 'id';
  if (sourceKind === 'access-token') return 'access';
  const typ = isJsonObject(header) ? str(header, 'typ') : undefined;
  return typ !== undefined && /^(application\/)?at\+jwt$/i.test(typ) ? 'access' : 'unknown';
}

/** Every English text the checks can show, for the l10n bundles and their test. */
export function rejectionCheckTemplates(): string[] {
  return [
    SIG_OK,
    SIG_NONE,
    SIG_HMAC,
    SIG_NO_KEYS,
    SIG_KEYS_FAILED,
    KID_IN_SET,
    KID_NOT_IN_SET,
    KID_ABSENT_ONE,
    KID_ABSENT_MANY,
    KID_HMAC,
    ALG_MISSING,
    ALG_CONFUSION,
    ALG_MIXED,
    ALG_KEY_ALG,
    ALG_KEY_KTY,
    ALG_DISCOVERY,
    ALG_OK,
    ALG_UNCHECKED,
    NONE_LISTED,
    ...rejectionClaimTemplates(),
  ];
}
