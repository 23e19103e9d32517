/**
 * The token inspector's messages between the extension host and its webview, and the model the
 * webview is given. Both sides import this file; nothing here may import `vscode` or the DOM.
 *
 * Protocol: the webview posts `ready` once its script runs; only then does the host send `init`.
 * Every webview request carries a `seq` number; the host answers it with exactly one `reply`
 * holding the same `seq`. The host validates every incoming message with
 * {@link parseWebviewMessage} and ignores anything that does not parse.
 */

// ---------------------------------------------------------------------------------------------
// The model (what the webview renders). Built by `src/inspector/viewModel.ts`.

/** Which table a field belongs to. */
export type FieldPart = 'header' | 'payload' | 'session' | 'user';

/** How a value is shown; `secret` values are withheld until revealed. */
export type FieldKind = 'time' | 'text' | 'list' | 'object' | 'flag' | 'secret' | 'number' | 'null';

/** JSON type of the original value. */
export type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** A limit the model builder applied, shown to the person as a visible note. */
export type LimitNote =
  | { readonly kind: 'string-truncated'; readonly total: number; readonly shown: number }
  | { readonly kind: 'keys-truncated'; readonly total: number; readonly shown: number }
  | { readonly kind: 'depth-limit'; readonly depth: number }
  | { readonly kind: 'row-budget'; readonly shown: number };

/** One row of a field table. All strings are display text: the webview puts them in text nodes. */
export interface FieldRow {
  /** Opaque id, unique in the model (used to ask for a masked value). */
  readonly id: string;
  /** The key as sent (control and direction characters made visible). */
  readonly name: string;
  /** Path from the part's root, for display ("data.userId"). */
  readonly path: string;
  readonly valueType: ValueType;
  readonly kind: FieldKind;
  /** Display text of the value; for objects/arrays a short summary ("3 fields"). Empty if masked. */
  readonly display: string;
  /** Epoch ms when the value is an instant (numeric date claims, ISO strings). */
  readonly time?: number;
  /** Claim knowledge from the core (`describeField`). */
  readonly explanation?: { readonly summary: string; readonly source: string };
  /** True when AuthLens knows nothing about this field name in this context. */
  readonly unknown: boolean;
  /** Sensitive (password, salt, secret...): value withheld, revealed on request. */
  readonly masked?: { readonly length: number; readonly reason: string };
  /** The value held control or bidirectional-override characters (shown escaped). */
  readonly controlChars?: boolean;
  readonly children?: readonly FieldRow[];
  /** A time claim that is not a usable NumericDate: what is wrong, in the verdict's words. */
  readonly timeProblem?: string;
  /** Number of keys or items of an object or array value. */
  readonly count?: number;
  /** Limits applied to this row's value or children. */
  readonly notes?: readonly LimitNote[];
}

/** The fields of one part (header, payload, session or user). */
export interface FieldTable {
  readonly part: FieldPart;
  readonly rows: readonly FieldRow[];
  readonly notes?: readonly LimitNote[];
}

/** Instants relevant to the token, in epoch milliseconds. The webview ticks countdowns from them. */
export interface TimeFacts {
  readonly iat?: number;
  readonly nbf?: number;
  readonly exp?: number;
  readonly authTime?: number;
  /** Expiry of the session the token came from. */
  readonly sessionExpiresAt?: number;
  /** Idle (inactivity) expiry of that session. */
  readonly idleExpiresAt?: number;
  /** An expiry the provider states apart from the token (Authing's `tokenExpiredAt`). */
  readonly providerExpiresAt?: number;
  /** When the host built the model (the webview corrects for its own clock offset). */
  readonly builtAt: number;
  /** Clock skew allowed when judging validity. */
  readonly skewMs: number;
  /** `exp` or `nbf` is present but not a usable NumericDate: the state is "unknown". */
  readonly unreadable?: boolean;
  /** Countdowns change colour below this many ms. */
  readonly soonMs: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface WarningItem {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly field?: string;
}

export interface WarningGroup {
  readonly severity: Severity;
  readonly items: readonly WarningItem[];
}

/** The short facts at the top of the panel. */
export interface SummaryModel {
  readonly issuer?: string;
  readonly subject?: string;
  readonly audience: readonly string[];
  readonly alg?: string;
  readonly kid?: string;
  readonly typ?: string;
  /** JWE only: content encryption and content type from the protected header. */
  readonly enc?: string;
  readonly cty?: string;
  /** Where the token came from ("Better Auth (local) · Session token"). */
  readonly providerLabel?: string;
  readonly tokenKind?: string;
  readonly session?: { readonly id: string; readonly status: string; readonly current: boolean; readonly user?: string };
}

/** What the verification UI offers. JWKS URLs are fetched only after the person clicks. */
export interface VerifyModel {
  readonly alg?: string;
  readonly kid?: string;
  /** `hmac` needs a shared secret; `asymmetric` a public key or JWKS; `none` cannot be verified. */
  readonly family: 'hmac' | 'asymmetric' | 'none' | 'unknown' | 'encrypted';
  readonly jwksCandidates: readonly JwksCandidate[];
  /** `jku` / `x5u` header URLs: shown, never followed. */
  readonly ignoredHeaderUrls: readonly string[];
  /** A secret for this issuer is in SecretStorage. */
  readonly storedSecret: boolean;
}

export interface JwksCandidate {
  readonly url: string;
  /** `provider`: the provider's configured `jwksUrl`; `discovery`: the issuer's openid-configuration. */
  readonly source: 'provider' | 'discovery';
  /** Only https or loopback http URLs may be fetched. */
  readonly allowed: boolean;
}

/** Raw segments of the token (possibly cut for display). */
export interface RawModel {
  readonly header: string;
  readonly payload: string;
  readonly signature: string;
  readonly truncated: boolean;
  readonly length: number;
}

/** The pretty JSON of each part with masked values replaced. */
export interface JsonViews {
  readonly header: string;
  readonly payload: string;
  readonly session?: string;
  readonly user?: string;
  readonly truncated: boolean;
}

export interface ActionsModel {
  readonly canRevoke: boolean;
  readonly canRefresh: boolean;
}

/**
 * The token's verdict in words (from `core/verdict.ts`, the same as the hover's and the JSON
 * document's): what it is, what was stripped to read it, and its time state when built.
 */
export interface VerdictModel {
  readonly kind: 'jws' | 'unsecured' | 'jwe' | 'opaque' | 'malformed';
  readonly kindLabel: string;
  /** "Read after removing the "Bearer" prefix." */
  readonly repaired?: string;
  /** Invalid UTF-8 notes. */
  readonly notes: readonly string[];
  /** Time state name at `times.builtAt` (the badge recomputes it as time passes). */
  readonly state?: 'expired' | 'not-yet-valid' | 'expiring' | 'not-expired' | 'within-validity' | 'no-expiry' | 'unknown';
  readonly stateLabel?: string;
  readonly skewNote?: string;
  readonly claimProblems: Readonly<Partial<Record<'exp' | 'nbf' | 'iat' | 'auth_time', string>>>;
}

/** Everything the webview needs to show one token. No secret values (they stay in the host). */
export interface InspectorModel {
  readonly verdict: VerdictModel;
  readonly summary: SummaryModel;
  readonly times: TimeFacts;
  readonly tables: readonly FieldTable[];
  readonly warnings: readonly WarningGroup[];
  readonly raw: RawModel;
  readonly json: JsonViews;
  readonly verify: VerifyModel;
  readonly actions: ActionsModel;
  /** Set when the token is not a decodable JWT (an opaque session token): only the provider's data is shown. */
  readonly decodeError?: { readonly code: string; readonly message: string };
}

/** What the panel shows. */
export type PanelContent =
  | { readonly kind: 'token'; readonly model: InspectorModel }
  /** Restored after a reload, but the token is gone: ask to paste it again. */
  | { readonly kind: 'unavailable' }
  /** The token could not be decoded; `repaired` says what was stripped before trying. */
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly repaired?: string };

/** One line of a comparison. */
export interface CompareRow {
  readonly path: string;
  readonly left?: string;
  readonly right?: string;
  readonly change: 'same' | 'added' | 'removed' | 'changed';
}

export interface CompareModel {
  readonly rows: readonly CompareRow[];
  readonly rightLabel: string;
  readonly differences: number;
  readonly truncated: boolean;
}

/** The outcome of a signature check, saying exactly what was checked. */
export interface VerifyOutcome {
  readonly valid: boolean;
  /** Algorithm from the token header that was checked. */
  readonly alg?: string;
  /** Key id from the token header. */
  readonly kid?: string;
  /** The key that was used ("JWKS https://…/jwks key kid=abc (RSA)", "HS secret (32 bytes)"). */
  readonly keyDescription?: string;
  /** Why it failed, as a stable code and a sentence. */
  readonly failure?: { readonly code: VerifyFailureCode; readonly message: string };
}

export type VerifyFailureCode =
  | 'alg-none'
  | 'alg-unsupported'
  | 'alg-key-mismatch'
  | 'bad-key'
  | 'no-matching-key'
  | 'multiple-matching-keys'
  | 'bad-signature'
  | 'malformed-token'
  | 'jwks-fetch-failed'
  | 'url-not-allowed'
  | 'no-secret';

// ---------------------------------------------------------------------------------------------
// Messages.

export type CopyTarget = 'raw' | 'header' | 'payload' | 'session' | 'user' | 'authorization' | 'curl';
export const copyTargets: readonly CopyTarget[] = ['raw', 'header', 'payload', 'session', 'user', 'authorization', 'curl'];

/** The key material for a verification request. */
export type VerifyKeyRequest =
  | { readonly kind: 'secret'; readonly secret: string; readonly remember: boolean }
  | { readonly kind: 'storedSecret' }
  /** A PEM (SPKI / certificate) or a JWK / JWKS as JSON text. */
  | { readonly kind: 'publicKey'; readonly text: string }
  /** A URL from {@link VerifyModel.jwksCandidates}; the host refuses any other. */
  | { readonly kind: 'jwks'; readonly url: string };

export type CompareSource = { readonly kind: 'paste'; readonly token: string } | { readonly kind: 'pick' };

export type ActionKind = 'revoke' | 'refresh';

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The content of an `init`/`content` message is on screen (the host measures open time). */
  | { readonly type: 'rendered' }
  /** What the webview just persisted with `setState` (the host checks it holds no token). */
  | { readonly type: 'stateSaved'; readonly json: string }
  | { readonly type: 'reveal'; readonly seq: number; readonly fieldId: string }
  | { readonly type: 'copy'; readonly seq: number; readonly what: CopyTarget }
  | { readonly type: 'verify'; readonly seq: number; readonly key: VerifyKeyRequest }
  | { readonly type: 'compare'; readonly seq: number; readonly source: CompareSource }
  | { readonly type: 'action'; readonly seq: number; readonly action: ActionKind }
  /** Inspect a pasted token in this panel (after "token no longer available"). */
  | { readonly type: 'inspect'; readonly seq: number; readonly token: string };

export type WebviewRequest = Exclude<WebviewMessage, { type: 'ready' | 'rendered' | 'stateSaved' }>;

/** Host -> webview answer to one request. */
export type Reply =
  | { readonly kind: 'revealed'; readonly fieldId: string; readonly value: string; readonly truncated: boolean }
  | { readonly kind: 'copied'; readonly what: CopyTarget }
  | { readonly kind: 'verified'; readonly outcome: VerifyOutcome }
  | { readonly kind: 'compared'; readonly comparison: CompareModel }
  | { readonly kind: 'done'; readonly message: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

/** Host -> webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      /** `vscode.l10n.bundle`: English text -> translation; absent for English. */
      readonly l10n?: Readonly<Record<string, string>>;
      /** BCP 47 language of the UI (`vscode.env.language`), for date formatting. */
      readonly locale: string;
      /** Opaque id the webview keeps in its state so a reload can find the token again. */
      readonly panelKey: string;
      readonly content: PanelContent;
    }
  /** Whether the panel is visible (countdowns pause while it is not). */
  | { readonly type: 'visibility'; readonly visible: boolean }
  /** A new token shown in the reused panel. */
  | { readonly type: 'content'; readonly content: PanelContent }
  | { readonly type: 'reply'; readonly seq: number; readonly reply: Reply };

/** What the webview keeps in `setState` (persisted by VS Code): never a token or secret. */
export interface InspectorWebviewState {
  /** Opaque id the host uses to find the token again after a reload. */
  readonly panelKey?: string;
  readonly dateMode?: DateMode;
  readonly tab?: string;
}

export type DateMode = 'local' | 'utc' | 'relative';

// ---------------------------------------------------------------------------------------------
// Validation of what the webview sends. The webview renders hostile data, so treat it as hostile.

/** Upper bounds on strings the webview may send. */
export const messageLimits = {
  token: 300 * 1024,
  secret: 64 * 1024,
  publicKey: 256 * 1024,
  url: 2048,
  fieldId: 256,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: Record<string, unknown>, key: string): unknown {
  // `Object.hasOwn` so that a `__proto__` or inherited property never counts.
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function str(obj: Record<string, unknown>, key: string, max: number, min = 0): string | undefined {
  const v = own(obj, key);
  return typeof v === 'string' && v.length <= max && v.length >= min ? v : undefined;
}

function seqOf(obj: Record<string, unknown>): number | undefined {
  const v = own(obj, 'seq');
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff ? v : undefined;
}

function parseVerifyKey(value: unknown): VerifyKeyRequest | undefined {
  if (!isRecord(value)) return undefined;
  switch (own(value, 'kind')) {
    case 'secret': {
      const secret = str(value, 'secret', messageLimits.secret, 1);
      const remember = own(value, 'remember');
      return secret !== undefined && typeof remember === 'boolean' ? { kind: 'secret', secret, remember } : undefined;
    }
    case 'storedSecret':
      return { kind: 'storedSecret' };
    case 'publicKey': {
      const text = str(value, 'text', messageLimits.publicKey, 1);
      return text !== undefined ? { kind: 'publicKey', text } : undefined;
    }
    case 'jwks': {
      const url = str(value, 'url', messageLimits.url, 1);
      return url !== undefined ? { kind: 'jwks', url } : undefined;
    }
    default:
      return undefined;
  }
}

function parseCompareSource(value: unknown): CompareSource | undefined {
  if (!isRecord(value)) return undefined;
  switch (own(value, 'kind')) {
    case 'paste': {
      const token = str(value, 'token', messageLimits.token, 1);
      return token !== undefined ? { kind: 'paste', token } : undefined;
    }
    case 'pick':
      return { kind: 'pick' };
    default:
      return undefined;
  }
}

/**
 * Checks a message posted by the webview: its `type`, its `seq` and every field it needs, with
 * size bounds. Returns a fresh object holding only the known fields, or `undefined` for anything
 * else (the host then ignores the message).
 *
 * @example
 * parseWebviewMessage({ type: 'reveal', seq: 3, fieldId: 'user/7' }) // -> the same message
 * parseWebviewMessage({ type: 'reveal', seq: -1 })                   // -> undefined
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  const type = own(value, 'type');
  if (type === 'ready') return { type: 'ready' };
  if (type === 'rendered') return { type: 'rendered' };
  if (type === 'stateSaved') {
    const json = str(value, 'json', 4096);
    return json !== undefined ? { type: 'stateSaved', json } : undefined;
  }
  const seq = seqOf(value);
  if (seq === undefined) return undefined;
  switch (type) {
    case 'reveal': {
      const fieldId = str(value, 'fieldId', messageLimits.fieldId, 1);
      return fieldId !== undefined ? { type, seq, fieldId } : undefined;
    }
    case 'copy': {
      const what = own(value, 'what');
      return typeof what === 'string' && (copyTargets as readonly string[]).includes(what)
        ? { type, seq, what: what as CopyTarget }
        : undefined;
    }
    case 'verify': {
      const key = parseVerifyKey(own(value, 'key'));
      return key ? { type, seq, key } : undefined;
    }
    case 'compare': {
      const source = parseCompareSource(own(value, 'source'));
      return source ? { type, seq, source } : undefined;
    }
    case 'action': {
      const action = own(value, 'action');
      return action === 'revoke' || action === 'refresh' ? { type, seq, action } : undefined;
    }
    case 'inspect': {
      const token = str(value, 'token', messageLimits.token, 1);
      return token !== undefined ? { type, seq, token } : undefined;
    }
    default:
      return undefined;
  }
}

/** Checks the state VS Code hands back to the serializer; anything odd becomes `{}`. */
export function parseWebviewState(value: unknown): InspectorWebviewState {
  if (!isRecord(value)) return {};
  const panelKey = own(value, 'panelKey');
  const dateMode = own(value, 'dateMode');
  const tab = own(value, 'tab');
  return {
    ...(typeof panelKey === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(panelKey) ? { panelKey } : {}),
    ...(dateMode === 'local' || dateMode === 'utc' || dateMode === 'relative' ? { dateMode } : {}),
    ...(typeof tab === 'string' && /^[a-z]{1,16}$/.test(tab) ? { tab } : {}),
  };
}
