/**
 * The inspector model's summary parts: the facts at the top (issuer, subject, audience...), the
 * time facts the countdowns tick from, the verdict's words, grouped warnings, what Verify offers
 * and the raw segments. Pure (core only, no vscode); `viewModel.ts` assembles the whole model.
 */
import type { DecodedJwt } from '../core/decode';
import type { Json, JsonObject } from '../core/json';
import type { Translate } from '../core/template';
import { DEFAULT_SKEW_MS, DEFAULT_SOON_MS, parseInstant } from '../core/time';
import { readNumericDate, type TokenTimeClaim } from '../core/tokenTime';
import type { TokenVerdict } from '../core/verdict';
import type { VerdictWords } from '../core/verdictText';
import { sensitiveFields, warningTexts, type TokenWarning } from '../core/warnings';
import { providerKindTable } from '../providers/kinds';
import type { ProviderKind, SessionInfo, TokenKind } from '../providers/types';
import type { JwksCandidate, RawModel, Severity, SummaryModel, TimeFacts, VerdictModel, VerifyModel, WarningGroup } from '../shared/inspectorModel';
import { isFetchableKeyUrl } from '../shared/keyUrl';
import { cut } from '../core/hostileText';
import { displayText, preview, type ModelLimits } from './boundedJson';

/** Where the token came from, as the extension knows it. */
export interface InspectorSource {
  readonly providerId: string;
  readonly providerLabel: string;
  readonly providerKind?: ProviderKind;
  readonly session?: SessionInfo;
  readonly tokenKind?: TokenKind;
  /** The provider's JWKS URL: configured, or the one its kind publishes under the base URL (Better Auth `/jwks`). */
  readonly jwksUrl?: string;
  /** The provider's configured issuer (discovery base). */
  readonly issuer?: string;
}

/** What Verify needs of a provider to offer key URLs (an {@link InspectorSource} is one). */
export type KeySource = Pick<InspectorSource, 'providerKind' | 'jwksUrl' | 'issuer'>;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function stringClaim(v: Json | undefined, max = 500): string | undefined {
  if (v === undefined) return undefined;
  return displayText(typeof v === 'string' ? v : preview(v, max), max).text;
}

export function summaryOf(header: JsonObject | undefined, source: InspectorSource | undefined, payload: JsonObject | undefined, token: string): SummaryModel {
  const h = header ?? {};
  const p = payload ?? {};
  const aud = p['aud'];
  const audience = (Array.isArray(aud) ? aud.slice(0, 20) : aud !== undefined ? [aud] : []).map((a) => stringClaim(a, 300) ?? '');
  const session = source?.session;
  const tokenInfo = session?.tokens.find((t) => t.value === token);
  const user = session ? (session.user.name ?? session.user.email ?? session.user.id) : undefined;
  const out: Record<string, unknown> = {
    issuer: stringClaim(p['iss']),
    subject: stringClaim(p['sub']),
    audience,
    alg: stringClaim(h['alg'], 40),
    kid: stringClaim(h['kid'], 200),
    typ: stringClaim(h['typ'], 60),
    enc: stringClaim(h['enc'], 60),
    cty: stringClaim(h['cty'], 60),
    providerLabel: source ? displayText(source.providerLabel, 200).text : undefined,
    tokenKind: source?.tokenKind ?? tokenInfo?.kind,
    session: session
      ? {
          id: displayText(session.id, 200).text,
          status: session.status,
          current: session.current === true,
          ...(user !== undefined ? { user: displayText(user, 200).text } : {}),
        }
      : undefined,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as SummaryModel;
}

export function timesOf(
  verdict: TokenVerdict,
  payload: JsonObject | undefined,
  source: InspectorSource | undefined,
  token: string,
  opts: { readonly now: number; readonly skewMs?: number; readonly soonMs?: number },
): TimeFacts {
  const claims = verdict.times?.claims;
  // A token's own time claims as the verdict read them; an introspection answer's as instants.
  const fromVerdict = (c: TokenTimeClaim): number | undefined => {
    const read = claims?.[c];
    return read?.status === 'ok' ? read.ms : undefined;
  };
  const p = verdict.decoded ? {} : (payload ?? {});
  const numeric = (v: Json | undefined): number | undefined => {
    const read = readNumericDate(v);
    return read?.status === 'ok' ? read.ms : undefined;
  };
  const session = source?.session;
  const tokenInfo = session?.tokens.find((t) => t.value === token);
  const facts: Record<string, number | undefined> = {
    iat: claims ? fromVerdict('iat') : numeric(p['iat']),
    nbf: claims ? fromVerdict('nbf') : numeric(p['nbf']),
    exp: claims ? fromVerdict('exp') : numeric(p['exp']),
    authTime: claims ? fromVerdict('auth_time') : numeric(p['auth_time']),
    sessionExpiresAt: parseInstant(session?.expiresAt),
    idleExpiresAt: parseInstant(session?.idleExpiresAt),
    providerExpiresAt: parseInstant(tokenInfo?.expiresAt),
  };
  for (const k of Object.keys(facts)) if (facts[k] === undefined) delete facts[k];
  const unreadable = verdict.times?.state === 'unknown';
  return {
    ...(facts as Partial<TimeFacts>),
    builtAt: opts.now,
    skewMs: opts.skewMs ?? DEFAULT_SKEW_MS,
    soonMs: opts.soonMs ?? DEFAULT_SOON_MS,
    ...(unreadable ? { unreadable: true } : {}),
  };
}

/** The verdict's words, as the webview gets them. */
export function verdictModel(words: VerdictWords): VerdictModel {
  return {
    kind: words.kind,
    kindLabel: words.kindLabel,
    ...(words.repaired !== undefined ? { repaired: words.repaired } : {}),
    notes: words.notes,
    ...(words.state !== undefined ? { state: words.state } : {}),
    ...(words.stateLabel !== undefined ? { stateLabel: words.stateLabel } : {}),
    ...(words.skewNote !== undefined ? { skewNote: words.skewNote } : {}),
    claimProblems: words.claimProblems,
  };
}

export function groupWarnings(items: readonly TokenWarning[]): WarningGroup[] {
  return SEVERITIES.map((severity) => ({
    severity,
    items: items
      .filter((w) => w.severity === severity)
      .slice(0, 100)
      .map((w) => ({
        code: w.code,
        message: w.message,
        ...(w.hint !== undefined ? { hint: w.hint } : {}),
        ...(w.field !== undefined ? { field: displayText(w.field, 300).text } : {}),
      })),
  })).filter((g) => g.items.length > 0);
}

/** Warnings about the provider's response (session and user objects), beside the token's own. */
export function responseWarnings(session: SessionInfo | undefined, t: Translate): TokenWarning[] {
  if (!session) return [];
  const text = warningTexts['sensitive-field'];
  const found = [...sensitiveFields(session.raw.session, 'session'), ...(session.raw.user ? sensitiveFields(session.raw.user, 'user') : [])];
  return found
    .filter((f) => !f.empty)
    .map((f) => ({ code: 'sensitive-field', severity: text.severity, message: t(text.message), hint: t(text.hint), field: f.path }));
}

export function verifyOf(
  decoded: DecodedJwt | undefined,
  jweHeader: JsonObject | undefined,
  source: KeySource | undefined,
  storedSecret: boolean,
): VerifyModel {
  const h = decoded?.header ?? jweHeader ?? {};
  const alg = typeof h['alg'] === 'string' ? h['alg'] : undefined;
  const kid = typeof h['kid'] === 'string' ? h['kid'] : undefined;
  const family: VerifyModel['family'] =
    jweHeader !== undefined
      ? 'encrypted'
      : alg === undefined
        ? 'unknown'
        : alg.toLowerCase() === 'none'
          ? 'none'
          : /^HS\d+$/.test(alg)
            ? 'hmac'
            : /^(RS|PS|ES)\d+K?$|^EdDSA$|^Ed25519$/.test(alg)
              ? 'asymmetric'
              : 'unknown';
  const candidates: JwksCandidate[] = [];
  const add = (url: string, from: JwksCandidate['source']): void => {
    if (url.length > 2048 || candidates.some((c) => c.url === url)) return;
    candidates.push({ url, source: from, allowed: isFetchableKeyUrl(url) });
  };
  if (family === 'asymmetric') {
    if (source?.jwksUrl) add(source.jwksUrl, 'provider');
    // The configured issuer's discovery document, where the kind table says its keys are found there.
    const kind = source?.providerKind;
    const providerIssuer = kind === undefined || providerKindTable[kind].defaultJwks === 'discovery' ? source?.issuer : undefined;
    // A kind whose keys sit under its base URL (Better Auth) serves no discovery at its `iss`.
    const noIssuerDiscovery = kind !== undefined && typeof providerKindTable[kind].defaultJwks === 'object' && source?.jwksUrl !== undefined;
    const tokenIssuer = typeof decoded?.payload['iss'] === 'string' && !noIssuerDiscovery ? decoded.payload['iss'] : undefined;
    const issuers = [providerIssuer, tokenIssuer];
    for (const iss of issuers) {
      if (iss === undefined || !/^https?:\/\//i.test(iss)) continue;
      try {
        const u = new URL(iss);
        add(`${u.href.replace(/\/+$/, '')}/.well-known/openid-configuration`, 'discovery');
      } catch {
        // not a URL: no discovery
      }
    }
  }
  const ignoredHeaderUrls = (['jku', 'x5u'] as const)
    .map((k) => h[k])
    .filter((v): v is Json => v !== undefined)
    .map((v) => displayText(typeof v === 'string' ? v : preview(v, 300), 300).text);
  return {
    ...(alg !== undefined ? { alg: displayText(alg, 40).text } : {}),
    ...(kid !== undefined ? { kid: displayText(kid, 200).text } : {}),
    family,
    jwksCandidates: candidates,
    ignoredHeaderUrls,
    // Offered only where a stored secret could check this token: an HMAC family and a secret kept.
    storedSecret: storedSecret && (family === 'hmac' || family === 'unknown'),
  };
}

export function rawOf(token: string, limits: ModelLimits): RawModel {
  const [header = '', payload = '', signature = ''] = token.split('.', 3);
  const parts = [header, payload, signature].map((s) => cut(s, limits.maxSegment));
  return {
    header: parts[0]!,
    payload: parts[1]!,
    signature: parts[2]!,
    truncated: parts.some((s, i) => s.length < [header, payload, signature][i]!.length),
    length: token.length,
  };
}
