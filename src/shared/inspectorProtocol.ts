/**
 * The token inspector's messages between the extension host and its webview. Both sides import
 * this file; nothing here may import `vscode` or the DOM. The model the messages carry is in
 * `inspectorModel.ts`; a signature check's result in `providers/verifyResult.ts`.
 *
 * Protocol: the host posts `init` right after the page (the workbench holds it until the page has
 * loaded, which saves a round trip on the first open) and again when the webview posts `ready`
 * (after a reload, which drops what was held). `init` and `content` carry the content's
 * `version`; the webview skips a version it has already rendered, so it renders each once.
 * Every webview request carries a `seq` number; the host answers it with exactly one `reply`
 * holding the same `seq`, of the kind {@link ReplyTo} pairs with the request. The host validates
 * every incoming message with {@link parseWebviewMessage} and ignores anything that does not parse.
 */
import type { VerifyOutcome } from '../providers/verifyResult';
import type { CookieVerifyOutcome } from './inspectorCookie';
import type { CompareModel, PanelContent } from './inspectorModel';
import { parseDiagnoseFields, type DiagnoseFields, type DiagnosedReply, type ProbedReply } from './diagnoseProtocol';
import { parseSignFields, type EditableReply, type SignFields, type SignedReply } from './signProtocol';
import { parseDecryptFields, type DecryptedReply, type DecryptFields } from './decryptProtocol';

// ---------------------------------------------------------------------------------------------
// Messages.

/** `cookie`: a signed cookie's `Cookie: name=value` header (its `curl` uses `--cookie`). */
export type CopyTarget = 'raw' | 'header' | 'payload' | 'session' | 'user' | 'authorization' | 'curl' | 'cookie';
export const copyTargets: readonly CopyTarget[] = ['raw', 'header', 'payload', 'session', 'user', 'authorization', 'curl', 'cookie'];

/** The key material for a verification request. */
export type VerifyKeyRequest =
  | { readonly kind: 'secret'; readonly secret: string; readonly remember: boolean }
  | { readonly kind: 'storedSecret' }
  /** A PEM (SPKI / certificate) or a JWK / JWKS as JSON text. */
  | { readonly kind: 'publicKey'; readonly text: string }
  /** A URL from `VerifyModel.jwksCandidates`; the host refuses any other. */
  | { readonly kind: 'jwks'; readonly url: string };

/** The server's secret for checking a signed cookie: typed, remembered, or the running sandbox's. */
export type CookieSecretRequest =
  { readonly kind: 'secret'; readonly secret: string; readonly remember: boolean } | { readonly kind: 'storedSecret' } | { readonly kind: 'sandboxSecret' };

/** `original`: the token AuthLens made the shown one from (see `inspector/derivedToken.ts`). */
export type CompareSource = { readonly kind: 'paste'; readonly token: string } | { readonly kind: 'pick' } | { readonly kind: 'original' };

export type ActionKind = 'revoke' | 'refresh';

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** The content of an `init`/`content` message (its `version`) is on screen (the host measures open time). */
  | { readonly type: 'rendered'; readonly version: number }
  /** What the webview just persisted with `setState` (the host checks it holds no token). */
  | { readonly type: 'stateSaved'; readonly json: string }
  | { readonly type: 'reveal'; readonly seq: number; readonly fieldId: string }
  | { readonly type: 'copy'; readonly seq: number; readonly what: CopyTarget }
  | { readonly type: 'verify'; readonly seq: number; readonly key: VerifyKeyRequest }
  | { readonly type: 'verifyCookie'; readonly seq: number; readonly key: CookieSecretRequest }
  | { readonly type: 'compare'; readonly seq: number; readonly source: CompareSource }
  | { readonly type: 'action'; readonly seq: number; readonly action: ActionKind }
  /** Inspect a pasted token in this panel (after "token no longer available"). */
  | { readonly type: 'inspect'; readonly seq: number; readonly token: string }
  /** "Why would a server reject it?" and "Ask the server" (`diagnoseProtocol.ts`). */
  | ({ readonly type: 'diagnose'; readonly seq: number } & DiagnoseFields)
  | { readonly type: 'probe'; readonly seq: number }
  /** The Edit tab: make a new token from the edited header and payload (`signProtocol.ts`). */
  | ({ readonly type: 'sign'; readonly seq: number } & SignFields)
  | ({ readonly type: 'decrypt'; readonly seq: number } & DecryptFields)
  | { readonly type: 'editable'; readonly seq: number }
  /** "Show the original": back to the token a derived one was made from. */
  | { readonly type: 'original'; readonly seq: number };

export type WebviewRequest = Exclude<WebviewMessage, { type: 'ready' | 'rendered' | 'stateSaved' }>;

/** Any request may fail; the host then says why in one sentence. */
export type FailedReply = { readonly kind: 'failed'; readonly message: string };
/** A request that finished with a sentence to show (action, inspect). */
export type DoneReply = { readonly kind: 'done'; readonly message: string };

/**
 * The replies each request may get, by request type: the host's handler for `copy` can only
 * return a copy reply (or a failure), and adding a request type without its replies does not compile.
 */
export interface RepliesByRequest {
  readonly reveal: { readonly kind: 'revealed'; readonly fieldId: string; readonly value: string; readonly truncated: boolean } | FailedReply;
  readonly copy: { readonly kind: 'copied'; readonly what: CopyTarget } | FailedReply;
  readonly verify: { readonly kind: 'verified'; readonly outcome: VerifyOutcome } | FailedReply;
  readonly verifyCookie: { readonly kind: 'cookieVerified'; readonly outcome: CookieVerifyOutcome } | FailedReply;
  readonly compare: { readonly kind: 'compared'; readonly comparison: CompareModel } | { readonly kind: 'cancelled' } | FailedReply;
  readonly action: DoneReply | FailedReply;
  readonly inspect: DoneReply | FailedReply;
  readonly diagnose: DiagnosedReply | FailedReply;
  readonly probe: ProbedReply | FailedReply;
  readonly sign: SignedReply | FailedReply;
  readonly decrypt: DecryptedReply | DoneReply | FailedReply;
  readonly editable: EditableReply | FailedReply;
  readonly original: DoneReply | FailedReply;
}

/** The request of one type. */
export type RequestOf<T extends WebviewRequest['type']> = Extract<WebviewRequest, { readonly type: T }>;

/** The replies a request may get. */
export type ReplyTo<R extends WebviewRequest> = RepliesByRequest[R['type']];

/** Host -> webview answer to one request (any request's). */
export type Reply = RepliesByRequest[WebviewRequest['type']];

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
      /** Grows with each new content of the panel; the same version is rendered once. */
      readonly version: number;
      readonly content: PanelContent;
    }
  /** Whether the panel is visible (countdowns pause while it is not). */
  | { readonly type: 'visibility'; readonly visible: boolean }
  /** A new token shown in the reused panel. */
  | { readonly type: 'content'; readonly version: number; readonly content: PanelContent }
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

/** A typed secret and whether to remember it (Verify and Verify Cookie alike). */
function typedSecret(value: Record<string, unknown>): { kind: 'secret'; secret: string; remember: boolean } | undefined {
  const secret = str(value, 'secret', messageLimits.secret, 1);
  const remember = own(value, 'remember');
  return secret !== undefined && typeof remember === 'boolean' ? { kind: 'secret', secret, remember } : undefined;
}

function parseVerifyKey(value: unknown): VerifyKeyRequest | undefined {
  if (!isRecord(value)) return undefined;
  switch (own(value, 'kind')) {
    case 'secret':
      return typedSecret(value);
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

/** A cookie's secret: typed or stored as for a JWT's Verify, or the running sandbox's. */
function parseCookieSecret(value: unknown): CookieSecretRequest | undefined {
  if (isRecord(value) && own(value, 'kind') === 'sandboxSecret') return { kind: 'sandboxSecret' };
  const key = parseVerifyKey(value);
  return key?.kind === 'secret' || key?.kind === 'storedSecret' ? key : undefined;
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
    case 'original':
      return { kind: 'original' };
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
  if (type === 'rendered') {
    const version = own(value, 'version');
    return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? { type: 'rendered', version } : undefined;
  }
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
      return typeof what === 'string' && (copyTargets as readonly string[]).includes(what) ? { type, seq, what: what as CopyTarget } : undefined;
    }
    case 'verify': {
      const key = parseVerifyKey(own(value, 'key'));
      return key ? { type, seq, key } : undefined;
    }
    case 'verifyCookie': {
      const key = parseCookieSecret(own(value, 'key'));
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
    case 'diagnose': {
      const fields = parseDiagnoseFields(value);
      return fields ? { type, seq, ...fields } : undefined;
    }
    case 'probe':
      return { type, seq };
    case 'sign': {
      const fields = parseSignFields(value);
      return fields ? { type, seq, ...fields } : undefined;
    }
    case 'decrypt': {
      const fields = parseDecryptFields(value);
      return fields ? { type, seq, ...fields } : undefined;
    }
    case 'editable':
    case 'original':
      return { type, seq };
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
