/**
 * Adversarial cases for signed session cookies: the parser, the finder's cookie path (under an
 * offset and the whole-text walk), the verdict, the words and the hover of a cookie made of the
 * pattern. Run in a worker by signedCookie.test.ts.
 */
import { findSignedCookies, signedCookieAtOffset } from '../../../src/core/cookieFinder';
import { MAX_SIGNED_COOKIE_LENGTH, parseSignedCookie } from '../../../src/core/signedCookie';
import { signedCookieWords } from '../../../src/core/signedCookieText';
import { findTokens, tokenAtOffset } from '../../../src/core/tokenFinder';
import { tokenVerdict } from '../../../src/core/verdict';
import { tokenHoverOnLine } from '../../../src/editor/hover/hoverModel';
import { HoverTokenStore } from '../../../src/editor/hover/hoverTokenStore';
import type { AdversarialSuite } from './harness';
import { mb, NOW, PATTERNS, repeatTo } from './patterns';

const SIG = 'A'.repeat(43);
/** Cookie-shaped worst cases on top of the shared ones. */
const COOKIE_PATTERNS: Record<string, string> = {
  's:': 's:',
  '%3A': '%3A',
  's%3Aa.': 's%3Aa.',
  'name=': 'a=',
  '==': '=',
  'base64 run': 'AbCd+/09',
  'a cookie per 80 characters': `s%3Aabcdefghijklmnopqrstuvwxyz012345.${SIG} `,
  'a cookie glued to the next': `s:abc.${SIG}`,
  'Flask-like': `eyJhIjoxfQ.aw_YHw.${'A'.repeat(27)}.`,
};

/** Just under the parser's limit, so it reads it all instead of refusing the size. */
const underLimit = (unit: string): string => repeatTo(unit, MAX_SIGNED_COOKIE_LENGTH - 64);
/** A cookie value whose session id is the pattern. */
const cookieOf = (unit: string): string => `s:${underLimit(unit).replace(/[\s;,"\\]/g, 'x')}.${SIG}`;
const store = new HoverTokenStore({ newId: () => 'id' });

export const suite: AdversarialSuite = {
  patterns: { ...PATTERNS, ...COOKIE_PATTERNS },
  functions: {
    'parseSignedCookie (1 MB, and under the limit)': {
      input: (u) => underLimit(u),
      run: (s) => [parseSignedCookie(s), parseSignedCookie(`Cookie: ${s}`), parseSignedCookie(cookieOf(s)), parseSignedCookie(mb(s.slice(0, 16)))],
    },
    'signedCookieAtOffset (1 MB line)': {
      input: mb,
      run: (s) => [signedCookieAtOffset(s, s.length >> 1), signedCookieAtOffset(s, 0), signedCookieAtOffset(s, s.length - 1)],
    },
    'findSignedCookies (1 MB line)': { input: mb, run: (s) => findSignedCookies(s) },
    'findSignedCookies (1 MB, lines of the pattern)': { input: (u) => mb(`${repeatTo(u, 200)}\n`), run: (s) => findSignedCookies(s) },
    'tokenAtOffset, cookie path (1 MB line)': { input: mb, run: (s) => [tokenAtOffset(s, s.length >> 1), tokenAtOffset(s, 7)] },
    'findTokens with cookies (1 MB line)': { input: mb, run: (s) => findTokens(s) },
    'tokenVerdict (cookie of the pattern)': {
      input: cookieOf,
      run: (s) => [tokenVerdict(s, NOW), tokenVerdict(`session=${s}`, NOW), tokenVerdict(`Cookie: a=b; c=${s}`, NOW)],
    },
    'signedCookieWords (cookie of the pattern)': {
      input: cookieOf,
      run: (s) => {
        const c = parseSignedCookie(s);
        return c ? signedCookieWords(c) : undefined;
      },
    },
    'tokenHoverOnLine (cookie of the pattern)': {
      input: (u) => `Cookie: connect.sid=${cookieOf(u)}; x=1`,
      run: (s) => tokenHoverOnLine((a, b) => s.slice(a, b), 30, NOW, store),
    },
  },
};
