/**
 * What the token inspector's webview is given for a token: field rows with explanations, time
 * facts, warnings, masked secrets, raw segments and JSON views. Pure (core only, no vscode), and
 * bounded: long strings are cut, wide objects and deep nesting are limited, and each limit leaves
 * a visible note. Sensitive values are never put into the model: they go into `withheld`, which
 * stays in the extension host until the person asks to reveal one.
 */
import type { DecodedJwt } from '../core/decode';
import type { Json, JsonObject } from '../core/json';
import { english, fillTemplate, type Translate } from '../core/template';
import { DEFAULT_SKEW_MS, DEFAULT_SOON_MS, parseInstant } from '../core/time';
import { readNumericDate, type TokenTimeClaim } from '../core/tokenTime';
import { tokenVerdict, type Repair, type TokenVerdict } from '../core/verdict';
import { verdictWords, type VerdictWords } from '../core/verdictText';
import { sensitiveFields, tokenWarnings, warningTexts, type TokenWarning, type WarningTokenKind } from '../core/warnings';
import type { ProviderKind, SessionInfo, TokenKind } from '../providers/types';
import type { FieldRow, FieldTable, InspectorModel, JsonViews, JwksCandidate, PanelContent, RawModel, Severity, SummaryModel, TimeFacts, VerdictModel, VerifyModel, WarningGroup } from '../shared/inspectorModel';
import { isFetchableKeyUrl } from '../shared/keyUrl';
import { cut, displayText } from './displayText';
import { boundedJson, contextsFor, defaultLimits, preview, RowBuilder, type ModelLimits } from './modelRows';

export { boundedJson, defaultLimits, preview, type ModelLimits } from './modelRows';

/** Where the token came from, as the extension knows it. */
export interface InspectorSource {
  readonly providerId: string;
  readonly providerLabel: string;
  readonly providerKind?: ProviderKind;
  readonly session?: SessionInfo;
  readonly tokenKind?: TokenKind;
  /** The provider's configured JWKS URL. */
  readonly jwksUrl?: string;
  /** The provider's configured issuer (discovery base). */
  readonly issuer?: string;
}

export interface BuildOptions {
  /** Epoch ms. */
  readonly now: number;
  readonly source?: InspectorSource;
  /** A secret for this token's issuer is stored. */
  readonly storedSecret?: boolean;
  /** Revoke / refresh handlers exist for the source. */
  readonly canRevoke?: boolean;
  readonly canRefresh?: boolean;
  /** Localises core texts (warnings, explanations): `(s) => vscode.l10n.t(s)`. */
  readonly t?: Translate;
  readonly limits?: Partial<ModelLimits>;
  readonly skewMs?: number;
  readonly soonMs?: number;
  /** Wrappers removed before the token got here (`Bearer `, quotes): listed among the repairs. */
  readonly stripped?: readonly Repair[];
}

/** The model plus what stays in the host: masked values by row id, and parts for copying. */
export interface BuiltInspector {
  readonly content: PanelContent;
  /** Masked values by {@link FieldRow.id}, already cut to `maxReveal`. */
  readonly withheld: ReadonlyMap<string, { readonly value: string; readonly truncated: boolean }>;
  /** The decoded token, when it decoded. */
  readonly decoded?: DecodedJwt;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function sensitivePaths(value: Json): Set<string> {
  return new Set(sensitiveFields(value).map((f) => f.path));
}

function stringClaim(v: Json | undefined, max = 500): string | undefined {
  if (v === undefined) return undefined;
  return displayText(typeof v === 'string' ? v : preview(v, max), max).text;
}

function summaryOf(header: JsonObject | undefined, source: InspectorSource | undefined, payload: JsonObject | undefined, token: string): SummaryModel {
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

function timesOf(verdict: TokenVerdict, payload: JsonObject | undefined, source: InspectorSource | undefined, token: string, opts: BuildOptions): TimeFacts {
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
  } as TimeFacts;
}

/** The verdict's words, as the webview gets them. */
function verdictModel(words: VerdictWords): VerdictModel {
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

function groupWarnings(items: readonly TokenWarning[]): WarningGroup[] {
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
function responseWarnings(session: SessionInfo | undefined, t: Translate): TokenWarning[] {
  if (!session) return [];
  const text = warningTexts['sensitive-field'];
  const found = [
    ...sensitiveFields(session.raw.session, 'session'),
    ...(session.raw.user ? sensitiveFields(session.raw.user, 'user') : []),
  ];
  return found
    .filter((f) => !f.empty)
    .map((f) => ({ code: 'sensitive-field', severity: text.severity, message: t(text.message), hint: t(text.hint), field: f.path }));
}

function verifyOf(decoded: DecodedJwt | undefined, jweHeader: JsonObject | undefined, source: InspectorSource | undefined, storedSecret: boolean): VerifyModel {
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
    const issuers = [source?.issuer, typeof decoded?.payload['iss'] === 'string' ? decoded.payload['iss'] : undefined];
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

function rawOf(token: string, limits: ModelLimits): RawModel {
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

/** The SecretStorage key of the HMAC secret remembered for an issuer. */
export function hsSecretKey(iss: string): string {
  return `authlens.inspector.hsSecret/${iss}`;
}

/**
 * The built inspector once the host found a stored secret for the token's issuer: "Use stored
 * secret" is offered only then, and only where a shared secret can check the token.
 */
export function withStoredSecret(built: BuiltInspector): BuiltInspector {
  if (built.content.kind !== 'token') return built;
  const model = built.content.model;
  const storedSecret = model.verify.family === 'hmac' || model.verify.family === 'unknown';
  if (storedSecret === model.verify.storedSecret) return built;
  return { ...built, content: { kind: 'token', model: { ...model, verify: { ...model.verify, storedSecret } } } };
}

/** For a verdict without an error (an opaque value): the sentence the hover uses. */
function notAJwt(verdict: TokenVerdict, t: Translate): string {
  return fillTemplate(t('Not a JWT ({0} characters): it carries no readable claims. Only its issuer can tell what it means (token introspection).'), verdict.token.length);
}

function warningKind(kind: TokenKind | undefined): WarningTokenKind | undefined {
  return kind;
}

/**
 * Builds what the inspector shows for `token` at `opts.now`.
 *
 * @example
 * const built = buildInspectorModel(raw, { now: Date.now(), t: (s) => vscode.l10n.t(s) });
 * if (built.content.kind === 'token') panel.webview.postMessage({ type: 'init', content: built.content, ... });
 */
export function buildInspectorModel(token: string, opts: BuildOptions): BuiltInspector {
  const limits: ModelLimits = { ...defaultLimits, ...opts.limits };
  const t = opts.t ?? english;
  const source = opts.source;
  const session = source?.session;
  // One verdict: what the hover and the JSON document would say about the same text.
  const verdict = tokenVerdict(token, opts.now, {
    ...(opts.skewMs !== undefined ? { skewMs: opts.skewMs } : {}),
    ...(opts.soonMs !== undefined ? { soonMs: opts.soonMs } : {}),
    ...(opts.stripped ? { stripped: opts.stripped } : {}),
  });
  const words = verdictWords(verdict, t);
  const decoded = verdict.decoded;
  const jweHeader = verdict.kind === 'jwe' ? verdict.header : undefined;
  const raw = verdict.token.length > 0 ? verdict.token : token;
  const tokenInfo = session?.tokens.find((x) => x.value === raw || x.value === token);
  const payload: JsonObject | undefined = decoded?.payload ?? tokenInfo?.introspection;
  const failure = decoded || jweHeader ? undefined : { code: verdict.error?.code ?? verdict.kind, message: words.reason ?? notAJwt(verdict, t) };

  if (failure && !session && !tokenInfo?.introspection) {
    return {
      content: { kind: 'error', ...failure, ...(words.repaired !== undefined ? { repaired: words.repaired } : {}) },
      withheld: new Map(),
    };
  }

  const rows = new RowBuilder(limits, t);
  const ctx = contextsFor(source?.providerKind);
  const tables: FieldTable[] = [];
  const header = decoded?.header ?? jweHeader;
  if (header) tables.push(rows.table('header', header, 'jwt-header'));
  if (payload) tables.push(rows.table('payload', payload, decoded ? 'jwt-payload' : 'oidc.introspection'));
  if (session) {
    tables.push(rows.table('session', session.raw.session, ctx.session));
    if (session.raw.user) tables.push(rows.table('user', session.raw.user, ctx.user));
  }

  const tokenKind = source?.tokenKind ?? tokenInfo?.kind;
  const warnings = groupWarnings([
    ...(decoded ? tokenWarnings(decoded, opts.now, { t, ...(warningKind(tokenKind) ? { kind: warningKind(tokenKind)! } : {}), ...(opts.skewMs !== undefined ? { skewMs: opts.skewMs } : {}) }) : []),
    ...responseWarnings(session, t),
  ]);

  const jsonPart = (v: Json): { text: string; truncated: boolean } => boundedJson(v, sensitivePaths(v), limits);
  const h = header ? jsonPart(header) : { text: '', truncated: false };
  const p = payload ? jsonPart(payload) : { text: '', truncated: false };
  const s = session ? jsonPart(session.raw.session) : undefined;
  const u = session?.raw.user ? jsonPart(session.raw.user) : undefined;
  const json: JsonViews = {
    header: h.text,
    payload: p.text,
    ...(s ? { session: s.text } : {}),
    ...(u ? { user: u.text } : {}),
    truncated: [h, p, s, u].some((x) => x?.truncated === true),
  };

  const model: InspectorModel = {
    verdict: verdictModel(words),
    summary: summaryOf(header, source, payload, raw),
    times: timesOf(verdict, payload, source, raw, opts),
    tables,
    warnings,
    raw: decoded ? rawOf(raw, limits) : jweHeader ? { ...rawOf(raw.split('.')[0] ?? '', limits), length: raw.length } : { header: '', payload: '', signature: '', truncated: false, length: raw.length },
    json,
    verify: verifyOf(decoded, jweHeader, source, opts.storedSecret === true),
    actions: { canRevoke: session !== undefined && opts.canRevoke === true, canRefresh: source !== undefined && opts.canRefresh === true },
    ...(failure ? { decodeError: failure } : {}),
  };
  return { content: { kind: 'token', model }, withheld: rows.withheld, ...(decoded ? { decoded } : {}) };
}
