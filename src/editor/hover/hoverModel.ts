/**
 * The whole hover pipeline without `vscode`: read a bounded window of the line around the
 * cursor, find the token there, decode it, and build the markdown. The provider and the
 * benchmark (`scripts/bench/hover.mjs`) run exactly this code.
 */
import { errorMessage } from '../../core/errorMessages';
import { tokenAtOffset, type FoundToken } from '../../core/tokenFinder';
import { tokenVerdict } from '../../core/verdict';
import { verdictWords } from '../../core/verdictText';
import { tokenWarnings } from '../../core/warnings';
import { cookieHoverMarkdown } from './cookieHoverMarkdown';
import { englishT, jweHoverMarkdown, jwsHoverMarkdown, malformedHoverMarkdown, opaqueHoverMarkdown, type HoverMarkdown, type Translate } from './hoverMarkdown';
import type { HoverTokenStore } from './hoverTokenStore';

/** Characters read on each side of the cursor. Enough for any ordinary JWT. */
export const HOVER_WINDOW = 8 * 1024;
/** Second, wider look when a token touches the window's edge (decodeJwt caps tokens at 256 KiB). */
export const HOVER_WINDOW_MAX = 260 * 1024;

/** A bearer value that is not a JWT, found by its context (`Bearer x`, `access_token=x`). */
export interface OpaqueToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly shape: 'opaque';
}

/** A token-like string under the cursor; offsets are in the text it was found in. */
export type HoverToken = FoundToken | OpaqueToken;

/** Characters of an opaque bearer value (RFC 6750 b64token, plus `%` for URL-encoded cookies). */
function isOpaqueChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 47 || c === 37
  );
}
const EQUALS = 61;
/** Contexts that say "the next value is a token": `Bearer x`, `access_token=x`, `"token": "x"`, cookies. */
const OPAQUE_CONTEXT = /(?:\bBearer\s+|\b(?:access|refresh|id|session|auth)[_-]?token["']?\s*[:=]\s*["']?|(?:^|[?&#;\s"'{,.])token["']?\s*[:=]\s*["']?)$/i;
const OPAQUE_MIN = 16;
const OPAQUE_MAX = 4096;

/**
 * An opaque token at `offset`: a value of at least 16 token characters right after a context
 * that names it a token. `=` only as trailing padding, so `access_token=x` splits at the `=`.
 * Bounded to 4 KiB each way.
 */
export function opaqueTokenAt(text: string, offset: number): OpaqueToken | undefined {
  if (offset < 0 || offset >= text.length) return undefined;
  const at = text.charCodeAt(offset);
  let start = offset;
  let end = offset + 1;
  if (at === EQUALS) {
    // On padding: step back to the value.
    while (start > 0 && text.charCodeAt(start - 1) === EQUALS) start--;
    if (start === 0 || !isOpaqueChar(text.charCodeAt(start - 1))) return undefined;
  } else if (!isOpaqueChar(at)) {
    return undefined;
  }
  const lowest = Math.max(0, offset - OPAQUE_MAX);
  while (start > lowest && isOpaqueChar(text.charCodeAt(start - 1))) start--;
  const highest = Math.min(text.length, offset + OPAQUE_MAX);
  while (end < highest && isOpaqueChar(text.charCodeAt(end))) end++;
  while (end < highest && text.charCodeAt(end) === EQUALS) end++;
  if (end - start < OPAQUE_MIN) return undefined;
  const before = text.slice(Math.max(0, start - 64), start);
  if (!OPAQUE_CONTEXT.test(before)) return undefined;
  return { start, end, text: text.slice(start, end), shape: 'opaque' };
}

/** True when the run of token characters around `offset` reaches the start or end of `text`. */
function runReachesEdge(text: string, offset: number): boolean {
  const isRun = (c: number): boolean => isOpaqueChar(c) || c === EQUALS;
  if (offset < 0 || offset >= text.length || !isRun(text.charCodeAt(offset))) return false;
  let s = offset;
  while (s > 0 && isRun(text.charCodeAt(s - 1))) s--;
  if (s === 0) return true;
  let e = offset + 1;
  while (e < text.length && isRun(text.charCodeAt(e))) e++;
  return e === text.length;
}

/** The JWT (or JWT-like string, or opaque bearer value) at `offset` in `text`. */
export function hoverTokenAt(text: string, offset: number, window: number = HOVER_WINDOW): HoverToken | undefined {
  const found = tokenAtOffset(text, offset, { window });
  if (found) return found;
  return opaqueTokenAt(text, offset);
}

/** Reads characters [from, to) of the hovered line; `to` may pass the line end (clamped). */
export type LineSliceReader = (from: number, to: number) => string;

/**
 * Finds the token at `character` on a line, reading only a bounded window of that line: 8 KiB
 * each side, and once 260 KiB when a token reaches the window's edge (so a huge token is never
 * cut in two). Returns offsets in line characters.
 */
export function findTokenOnLine(read: LineSliceReader, character: number): HoverToken | undefined {
  for (const radius of [HOVER_WINDOW, HOVER_WINDOW_MAX]) {
    const from = Math.max(0, character - radius);
    const to = character + radius;
    const text = read(from, to);
    const offset = character - from;
    const clippedStart = from > 0;
    const clippedEnd = text.length === to - from;
    const wider = radius !== HOVER_WINDOW_MAX && (clippedStart || clippedEnd);
    const found = hoverTokenAt(text, offset, radius);
    if (!found) {
      // Inside a run longer than the window: the token may start or end outside it.
      if (wider && runReachesEdge(text, offset)) continue;
      return undefined;
    }
    const cutAtStart = found.start === 0 && clippedStart;
    const cutAtEnd = found.end === text.length && clippedEnd;
    if (wider && (cutAtStart || cutAtEnd)) continue;
    return { ...found, start: from + found.start, end: from + found.end };
  }
  return undefined;
}

/** What surrounds a found token on its line: wrappers glued to it are named as repairs. */
export interface HoverContext {
  readonly before: string;
  readonly after: string;
}

/** Finder errors about what it could not see: no verdict of a partial token would be true. */
const FINDER_LIMITS = new Set(['token-scan-limit', 'token-too-large']);

/**
 * The hover for a found token: its verdict (the same function the inspector and the JSON
 * document use), rendered. Remembers the token in `store` under an opaque id that the
 * markdown's command links carry.
 */
export function buildTokenHover(found: HoverToken, now: number, store: HoverTokenStore, t: Translate = englishT, context?: HoverContext): HoverMarkdown {
  const tr = (english: string): string => t(english);
  if (found.shape === 'malformed' && found.error && FINDER_LIMITS.has(found.error.code)) {
    return malformedHoverMarkdown(errorMessage(found.error, tr), t);
  }
  const verdict = tokenVerdict(found.text, now, { ...(context ? { context } : {}), opaqueContext: found.shape === 'opaque' });
  const words = verdictWords(verdict, tr);
  // Links act on the token as read (repaired), and the inspector is told what was stripped.
  const stripped = verdict.repairs.length > 0 ? { stripped: verdict.repairs } : {};
  switch (verdict.kind) {
    case 'opaque':
      return opaqueHoverMarkdown(verdict.token.length, store.put({ token: found.text, kind: 'opaque' }, now), t);
    case 'jwe':
      return jweHoverMarkdown(verdict.header, store.put({ token: verdict.token, kind: 'jwe', ...stripped }, now), t, words);
    case 'signed-cookie': {
      const payload = verdict.cookie?.payload?.json;
      const linkId = store.put({ token: verdict.token, kind: 'signed-cookie', ...stripped }, now);
      return cookieHoverMarkdown({ words, linkId, ...(payload !== undefined ? { payload } : {}) }, t);
    }
    case 'malformed':
      return malformedHoverMarkdown(words.reason ?? t('not a valid JWT'), t, words.repaired);
    case 'jws':
    case 'unsecured': {
      const decoded = verdict.decoded!;
      return jwsHoverMarkdown(
        {
          decoded,
          warnings: tokenWarnings(decoded, now, { t: tr }),
          verdict: words,
          now,
          linkId: store.put({ token: verdict.token, kind: 'jws', ...stripped }, now),
        },
        t,
      );
    }
  }
}

/** A hover ready to show: markdown and the token's character range on the line. */
export interface LineHover extends HoverMarkdown {
  readonly start: number;
  readonly end: number;
}

/** The provider's code path in one call: bounded read, find, decode, markdown. */
export function tokenHoverOnLine(
  read: LineSliceReader,
  character: number,
  now: number,
  store: HoverTokenStore,
  t: Translate = englishT,
): LineHover | undefined {
  const found = findTokenOnLine(read, character);
  if (!found) return undefined;
  const context = { before: read(Math.max(0, found.start - 160), found.start), after: read(found.end, found.end + 8) };
  return { ...buildTokenHover(found, now, store, t, context), start: found.start, end: found.end };
}
