/**
 * What the inspector shows of a decrypted JWE's plaintext: UTF-8 text (invalid bytes as U+FFFD,
 * said in a note), pretty-printed when it is JSON, cut for display when huge, and, when it is a
 * token itself (a nested JWT: `cty: JWT`, or plaintext the one verdict reads as a JWS), that
 * token's verdict. Pure and bounded: one decode, one JSON parse, one verdict. The plaintext is
 * hostile text: the webview renders it as a text node only.
 */
import { jsonDepthExceeds, MAX_TOKEN_LENGTH } from './decode';
import { cut } from './hostileText';
import type { Json, JsonObject } from './json';
import { english, fillTemplate, type Translate } from './template';
import { tokenVerdict, type TokenVerdict, type VerdictKind } from './verdict';
import { verdictWords } from './verdictText';

/** Characters of plaintext the panel shows; the rest is cut (Copy is not offered for plaintext). */
export const MAX_PLAINTEXT_SHOWN = 64 * 1024;
/** JSON nested deeper than this is shown as it came, not pretty-printed. */
const MAX_PRETTY_DEPTH = 64;
/** Longest header value quoted in the summary of a nested token. */
const MAX_CLAIM = 200;

export const jwePlaintextTexts = {
  invalidUtf8: 'The plaintext is not valid UTF-8: invalid bytes are shown as U+FFFD.',
  cut: 'The plaintext is {0} bytes; the first {1} characters are shown.',
  ctyNotJwt: 'The header says "cty": "{0}", but the plaintext is not a JWT: {1}',
} as const;

/** A token found in the plaintext, as the one verdict reads it. */
export interface NestedTokenView {
  readonly kind: VerdictKind;
  readonly kindLabel: string;
  readonly alg?: string;
  readonly kid?: string;
  readonly typ?: string;
  readonly iss?: string;
  readonly sub?: string;
  /** The time state's label ("Expired"), for a JWS. */
  readonly stateLabel?: string;
}

export interface PlaintextView {
  /** The text to show (JSON pretty-printed), cut to {@link MAX_PLAINTEXT_SHOWN}. Hostile: text nodes only. */
  readonly text: string;
  readonly bytes: number;
  readonly json: boolean;
  readonly invalidUtf8: boolean;
  readonly truncated: boolean;
  /** Sentences about the plaintext, localised. */
  readonly notes: readonly string[];
  /** When the plaintext is a token (the inspector offers "Inspect the inner token"). */
  readonly nested?: NestedTokenView;
}

function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalid: true };
  }
}

/** The text pretty-printed when it is a JSON object or array (not too deep), else undefined. */
function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    const value = JSON.parse(trimmed) as Json;
    return jsonDepthExceeds(value, MAX_PRETTY_DEPTH) ? undefined : JSON.stringify(value, null, 2);
  } catch {
    return undefined;
  }
}

function short(value: unknown): string | undefined {
  return typeof value === 'string' ? value.slice(0, MAX_CLAIM) : undefined;
}

function nestedView(v: TokenVerdict, t: Translate): NestedTokenView {
  const words = verdictWords(v, t);
  const header: JsonObject = v.decoded?.header ?? v.header ?? {};
  const payload: JsonObject = v.decoded?.payload ?? {};
  const fields = { alg: short(header['alg']), kid: short(header['kid']), typ: short(header['typ']), iss: short(payload['iss']), sub: short(payload['sub']) };
  return {
    kind: v.kind,
    kindLabel: words.kindLabel,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
    ...(words.stateLabel !== undefined ? { stateLabel: words.stateLabel } : {}),
  };
}

/**
 * The plaintext of a decrypted JWE as the inspector shows it, at `now` (for the inner token's
 * time state). `header` is the JWE's protected header (its `cty`).
 *
 * @example
 * const view = describePlaintext(new TextEncoder().encode('eyJhbGciOiJSUzI1NiJ9.e30.c2ln'), { cty: 'JWT' }, Date.now());
 * view.nested?.kind // 'jws'
 */
export function describePlaintext(bytes: Uint8Array, header: JsonObject, now: number, t: Translate = english): PlaintextView {
  const { text, invalid } = decodeUtf8(bytes);
  const notes: string[] = invalid ? [t(jwePlaintextTexts.invalidUtf8)] : [];
  const trimmed = text.trim();
  // A nested token is the whole plaintext, nothing stripped: not a JSON object that holds one.
  const verdict = trimmed.length > 0 && trimmed.length <= MAX_TOKEN_LENGTH ? tokenVerdict(trimmed, now) : undefined;
  const isToken = verdict !== undefined && verdict.repairs.length === 0 && (verdict.kind === 'jws' || verdict.kind === 'unsecured' || verdict.kind === 'jwe');
  const cty = header['cty'];
  if (!isToken && typeof cty === 'string' && /^(?:application\/)?jwt$/i.test(cty)) {
    const words = verdict ? verdictWords(verdict, t) : undefined;
    const reason = words ? (words.reason ?? words.kindLabel) : '';
    notes.push(fillTemplate(t(jwePlaintextTexts.ctyNotJwt), cty.slice(0, 40), reason));
  }
  const pretty = isToken ? undefined : prettyJson(text);
  const shown = pretty ?? text;
  const truncated = shown.length > MAX_PLAINTEXT_SHOWN;
  if (truncated) notes.push(fillTemplate(t(jwePlaintextTexts.cut), bytes.length, MAX_PLAINTEXT_SHOWN));
  return {
    text: truncated ? cut(shown, MAX_PLAINTEXT_SHOWN) : shown,
    bytes: bytes.length,
    json: pretty !== undefined,
    invalidUtf8: invalid,
    truncated,
    notes,
    ...(isToken && verdict ? { nested: nestedView(verdict, t) } : {}),
  };
}

/** Every English template, for the l10n bundles and their test. */
export function jwePlaintextTemplates(): string[] {
  return Object.values(jwePlaintextTexts);
}
