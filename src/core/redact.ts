/**
 * Redaction: how a token, cookie or secret may appear in a log line, an error or a notification.
 * Only a short prefix and the length survive; short secrets are masked completely.
 */
import { english, fillTemplate, type Translate } from './template';

/** English templates; the VS Code layer may pass a {@link Translate} to localise them. */
export const redactStrings = {
  /** `{0}` = the first characters, `{1}` = the length. */
  prefix: '{0}… ({1} chars)',
  /** `{0}` = the length. */
  masked: '••• ({0} chars)',
} as const;

/** Secrets shorter than this are masked completely: six characters would give too much away. */
export const REDACT_MIN_PREFIX_LENGTH = 12;
const PREFIX_CHARS = 6;

/**
 * Renders a secret for logs and errors: its first 6 characters, an ellipsis and its length.
 * Secrets shorter than 12 characters are masked completely.
 *
 * @example
 * redact('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig') // 'eyJhbG… (40 chars)'
 * redact('hunter2')                                   // '••• (7 chars)'
 */
export function redact(secret: string, t: Translate = english): string {
  const n = secret.length;
  if (n < REDACT_MIN_PREFIX_LENGTH) return fillTemplate(t(redactStrings.masked), n);
  let prefix = secret.slice(0, PREFIX_CHARS);
  // Never cut a surrogate pair in half.
  const last = prefix.charCodeAt(prefix.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) prefix = prefix.slice(0, -1);
  return fillTemplate(t(redactStrings.prefix), prefix, n);
}

/** Characters of a JWS/JWE-looking run (base64url, standard base64 and padding, dots). */
function isJwtChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 43 || c === 47 || c === 61 || c === 46;
}

/**
 * Where a Bearer credential starts: after `Bearer` and its whitespace (RFC 6750). Found forward
 * from the word, once per occurrence: a lookbehind (`(?<=\bBearer\s+)`) rescanned the whitespace
 * at every position, so 120 000 spaces took 12 s.
 */
const BEARER_PREFIX = /\bBearer\s+/g;

/** RFC 6750 b64token characters (`=` padding is taken only at the end). */
function isB64TokenChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47;
}

/** What {@link redactText} shows by default: callers show a few hundred characters at most. */
export const REDACT_TEXT_MAX_LENGTH = 4096;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A span to mask: [start, end). */
interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Masks every given secret and anything that looks like a JWT (base64url of a JSON object, as
 * `eyJ…` or a header starting with whitespace, `DQoJ…`, with at least one dot) or
 * a Bearer credential in `text`, in one pass (so a redacted prefix is never redacted twice).
 * Where several start at one place, a given secret wins, then a JWT, then a Bearer credential.
 * Only the first `maxLength` characters are shown (then `…`): the text is cut before redacting,
 * keeping enough past the cut that a secret straddling it is still recognised and masked whole.
 * Linear in the text, because server error bodies are hostile and this runs in the extension host.
 *
 * @example
 * redactText('cookie=s%3Aabcdef0123456789; ok', ['s%3Aabcdef0123456789'])
 * // 'cookie=s%3Aab… (20 chars); ok'
 * redactText('Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln', [])
 * // 'Authorization: Bearer eyJhbG… (24 chars)'
 */
export function redactText(text: string, secrets: readonly string[], t?: Translate, maxLength: number = REDACT_TEXT_MAX_LENGTH): string {
  const unique = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length > 0))];
  // Longest first, so a secret that contains another is masked whole.
  unique.sort((a, b) => b.length - a.length);
  const shown = Math.max(0, Math.floor(maxLength));
  const cut = text.length > shown;
  // A secret that starts before the cut must be seen whole to be masked.
  const input = cut ? text.slice(0, shown + (unique[0]?.length ?? 0)) : text;

  const re = new RegExp([...unique.map((s) => `(?:${escapeRegExp(s)})`), JSON_OBJECT_START].join('|'), 'g');
  const jwt = new JwtRuns(input);
  /** The next secret or JWT at or after `from`. */
  const nextMatch = (from: number): Span | undefined => {
    re.lastIndex = from;
    for (let m = re.exec(input); m; m = re.exec(input)) {
      if (m[1] === undefined) return { start: m.index, end: m.index + m[0].length };
      const end = m[1] === 'eyJ' || startsJsonObject(input, m.index) ? jwt.matchEnd(m.index) : -1;
      if (end >= 0) return { start: m.index, end };
      // Not a JWT (no dot in its run, or not a JSON object): a secret may start right after.
      re.lastIndex = m.index + 1;
    }
    return undefined;
  };
  const bearerStarts: number[] = [];
  BEARER_PREFIX.lastIndex = 0;
  for (let m = BEARER_PREFIX.exec(input); m; m = BEARER_PREFIX.exec(input)) bearerStarts.push(m.index + m[0].length);
  let k = 0;
  let pending: Span | undefined;
  /** The next Bearer credential at or after `from` (each one measured once). */
  const nextBearer = (from: number): Span | undefined => {
    if (pending !== undefined && pending.start >= from) return pending;
    pending = undefined;
    for (; k < bearerStarts.length && pending === undefined; k++) {
      const start = bearerStarts[k] ?? 0;
      if (start < from) continue;
      let end = start;
      while (end < input.length && isB64TokenChar(input.charCodeAt(end))) end++;
      if (end === start) continue;
      while (end < input.length && input.charCodeAt(end) === 61) end++;
      pending = { start, end };
    }
    return pending;
  };

  let out = '';
  let last = 0;
  let match = nextMatch(0);
  for (;;) {
    if (match !== undefined && match.start < last) match = nextMatch(last);
    const bearer = nextBearer(last);
    const span = match !== undefined && (bearer === undefined || match.start <= bearer.start) ? match : bearer;
    // Past the cut only the slack is left, kept for secrets that started before it.
    if (span === undefined || span.start >= shown) break;
    out += input.slice(last, span.start) + redact(input.slice(span.start, span.end), t);
    last = span.end;
  }
  if (last < shown) out += input.slice(last, shown);
  return cut ? `${out}…` : out;
}

/**
 * Base64url starts of a JSON object: `{"` (`eyJ`, and `eyI`… for other keys), `{` + whitespace
 * (`ew`, `ey`), or whitespace first (`IC`, `CQ`, `Cg`, `DQ`... for space, tab, LF, CR), as the
 * token finder derives them; {@link startsJsonObject} confirms all but `eyJ`.
 */
const JSON_OBJECT_START = '(eyJ|e[yw]|I[ACH]|C[QSXgin]|D[QSX])';

const B64URL_VALUES: ReadonlyMap<number, number> = new Map(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].map((c, i) => [c.charCodeAt(0), i]),
);

/**
 * True when the base64url at `p` decodes to whitespace, `{`, whitespace, `"`: the start of a
 * JSON object with a key. Reads at most 24 characters, so it costs O(1) per candidate.
 */
function startsJsonObject(text: string, p: number): boolean {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (let i = p; i < text.length && i < p + 24; i++) {
    const v = B64URL_VALUES.get(text.charCodeAt(i));
    if (v === undefined) break;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
      value &= (1 << bits) - 1;
    }
  }
  const isWs = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  let i = 0;
  while (isWs(bytes[i])) i++;
  if (bytes[i] !== 0x7b) return false;
  i++;
  while (isWs(bytes[i])) i++;
  return bytes[i] === 0x22;
}

/**
 * Where the JWT-looking match starting at an `eyJ` ends: the end of its run of JWT characters
 * if that run has a dot after the `eyJ`, else -1. Each run is measured once, however many
 * `eyJ` it holds (`eyJeyJeyJ…` is linear, not quadratic).
 */
class JwtRuns {
  private runStart = -1;
  private runEnd = -1;
  private lastDot = -1;

  constructor(private readonly text: string) {}

  matchEnd(p: number): number {
    if (p < this.runStart || p >= this.runEnd) {
      let e = p;
      let dot = -1;
      while (e < this.text.length && isJwtChar(this.text.charCodeAt(e))) {
        if (this.text.charCodeAt(e) === 46) dot = e;
        e++;
      }
      this.runStart = p;
      this.runEnd = e;
      this.lastDot = dot;
    }
    return this.lastDot >= p + 3 ? this.runEnd : -1;
  }
}
