/**
 * What the token inspector's webview is given for a token: field rows with explanations, time
 * facts, warnings, masked secrets, raw segments and JSON views. Pure (core only, no vscode), and
 * bounded: long strings are cut, wide objects and deep nesting are limited, and each limit leaves
 * a visible note. Sensitive values are never put into the model: they go into `withheld`, which
 * stays in the extension host until the person asks to reveal one.
 *
 * This file assembles the model; its parts are built in `rows.ts` (field tables),
 * `boundedJson.ts` (JSON views and limits) and `summary.ts` (summary, times, warnings, verify).
 */
import type { DecodedJwt } from '../core/decode';
import type { Json, JsonObject } from '../core/json';
import { identityProviderOf } from '../core/identityProviders';
import { english, fillTemplate, type Translate } from '../core/template';
import { tokenVerdict, type Repair, type TokenVerdict } from '../core/verdict';
import { verdictWords } from '../core/verdictText';
import { sensitiveFields, tokenWarnings, type WarningTokenKind } from '../core/warnings';
import { claimContextsFor } from '../providers/kinds';
import type { TokenKind } from '../providers/types';
import type { FieldTable, InspectorModel, JsonViews, PanelContent } from '../shared/inspectorModel';
import type { SignedCookie } from '../core/signedCookie';
import { boundedJson, defaultLimits, type ModelLimits } from './boundedJson';
import { cookieModelOf, cookiePayloadOf, cookieWithStoredSecret, payloadContext, type CookieContext } from './cookieModel';
import { RowBuilder } from './rows';
import { groupWarnings, rawOf, responseWarnings, summaryOf, timesOf, verdictModel, verifyOf, type InspectorSource, type KeySource } from './summary';

export { boundedJson, defaultLimits, preview, type ModelLimits } from './boundedJson';
export type { InspectorSource } from './summary';

export interface BuildOptions {
  /** Epoch ms. */
  readonly now: number;
  readonly source?: InspectorSource;
  /**
   * Where Verify finds keys when that is not the source's provider: a pasted token whose `iss`
   * is a configured Better Auth server (see `keySource.ts`). Default: the source.
   */
  readonly keySource?: KeySource;
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
  /** What the host knows about a signed cookie: its session, name, secrets (`cookieShown.ts`). */
  readonly cookie?: CookieContext;
}

/** The model plus what stays in the host: masked values by row id, and parts for copying. */
export interface BuiltInspector {
  readonly content: PanelContent;
  /** Masked values by `FieldRow.id`, already cut to `maxReveal`. */
  readonly withheld: ReadonlyMap<string, { readonly value: string; readonly truncated: boolean }>;
  /** The decoded token, when it decoded. */
  readonly decoded?: DecodedJwt;
  /** The signed session cookie, when the token is one (its parts and signed bytes, for Verify and Copy). */
  readonly cookie?: SignedCookie;
}

function sensitivePaths(value: Json): Set<string> {
  return new Set(sensitiveFields(value).map((f) => f.path));
}

/**
 * The built inspector once the host found a stored secret for the token's issuer: "Use stored
 * secret" is offered only then, and only where a shared secret can check the token.
 */
export function withStoredSecret(built: BuiltInspector): BuiltInspector {
  if (built.content.kind !== 'token') return built;
  const model = built.content.model;
  if (model.cookie) return { ...built, content: { kind: 'token', model: { ...model, cookie: cookieWithStoredSecret(model.cookie) } } };
  const storedSecret = model.verify.family === 'hmac' || model.verify.family === 'unknown';
  if (storedSecret === model.verify.storedSecret) return built;
  return { ...built, content: { kind: 'token', model: { ...model, verify: { ...model.verify, storedSecret } } } };
}

/** For a verdict without an error (an opaque value): the sentence the hover uses. */
function notAJwt(verdict: TokenVerdict, t: Translate): string {
  return fillTemplate(
    t('Not a JWT ({0} characters): it carries no readable claims. Only its issuer can tell what it means (token introspection).'),
    verdict.token.length,
  );
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
  const cookie = verdict.cookie;
  const raw = verdict.token.length > 0 ? verdict.token : token;
  const tokenInfo = session?.tokens.find((x) => x.value === raw || x.value === token);
  const payload: JsonObject | undefined = decoded?.payload ?? tokenInfo?.introspection ?? cookiePayloadOf(cookie, opts.cookie);
  const failure = decoded || jweHeader || cookie ? undefined : { code: verdict.error?.code ?? verdict.kind, message: words.reason ?? notAJwt(verdict, t) };

  if (failure && !session && !tokenInfo?.introspection) {
    return {
      content: { kind: 'error', ...failure, ...(words.repaired !== undefined ? { repaired: words.repaired } : {}) },
      withheld: new Map(),
    };
  }

  const rows = new RowBuilder(limits, t);
  const ctx = claimContextsFor(source?.providerKind);
  const tables: FieldTable[] = [];
  const header = decoded?.header ?? jweHeader;
  if (header) tables.push(rows.table('header', header, 'jwt-header'));
  // The issuer names the provider whose claim names apply (`scp` at Entra is not `scp` at Okta).
  if (payload) tables.push(rows.table('payload', payload, payloadContext(decoded, cookie), identityProviderOf(payload['iss'])));
  if (session) {
    tables.push(rows.table('session', session.raw.session, ctx.session));
    if (session.raw.user) tables.push(rows.table('user', session.raw.user, ctx.user));
  }

  const tokenKind = source?.tokenKind ?? tokenInfo?.kind;
  const warnings = groupWarnings([
    ...(decoded
      ? tokenWarnings(decoded, opts.now, {
          t,
          ...(warningKind(tokenKind) ? { kind: warningKind(tokenKind)! } : {}),
          ...(opts.skewMs !== undefined ? { skewMs: opts.skewMs } : {}),
        })
      : []),
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
    raw: decoded
      ? rawOf(raw, limits)
      : jweHeader
        ? { ...rawOf(raw.split('.')[0] ?? '', limits), length: raw.length }
        : { header: '', payload: '', signature: '', truncated: false, length: raw.length },
    json,
    verify: verifyOf(decoded, jweHeader, opts.keySource ?? source, opts.storedSecret === true),
    actions: { canRevoke: session !== undefined && opts.canRevoke === true, canRefresh: source !== undefined && opts.canRefresh === true },
    ...(failure ? { decodeError: failure } : {}),
    ...(cookie ? { cookie: cookieModelOf(cookie, { ...opts.cookie, t, limits, storedSecret: opts.storedSecret === true }) } : {}),
  };
  return { content: { kind: 'token', model }, withheld: rows.withheld, ...(decoded ? { decoded } : {}), ...(cookie ? { cookie } : {}) };
}
