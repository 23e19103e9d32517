/**
 * The model the token inspector's webview renders, built by `src/inspector/viewModel.ts`. Both
 * sides import this file; nothing here may import `vscode` or the DOM.
 */
import type { CookieModel } from './inspectorCookie';

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
  readonly kind: 'jws' | 'unsecured' | 'jwe' | 'signed-cookie' | 'opaque' | 'malformed';
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
  /** Set when the token is a signed session cookie: its parts, its session and its own Verify. */
  readonly cookie?: CookieModel;
  /** Set when AuthLens made this token from the shown one (edited and signed, or decrypted): a banner says so. */
  readonly derived?: DerivedModel;
}

/**
 * How AuthLens made the shown token from the original (which the panel keeps): `signed` with
 * the key the person gave, `unsigned` (`alg: none`), `original-signature` (the payload changed,
 * the signature not), or `decrypted` from a JWE. The banner and its `data-derivation` use `how`.
 */
export interface DerivedModel {
  readonly how: 'signed' | 'unsigned' | 'original-signature' | 'decrypted';
  /** The signing alg, or the JWE's key management alg. */
  readonly alg?: string;
  /** The JWE's content encryption. */
  readonly enc?: string;
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
