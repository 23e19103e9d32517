/**
 * Inputs of the adversarial layer: the worst patterns for text scanners (each repeated to the
 * wanted size), and a token whose header and claims are made of a pattern, for the functions
 * that read a decoded token. Made here, never real tokens.
 */
import { MAX_TOKEN_LENGTH } from '../../../src/core/decode';
import { MB, repeatTo } from './budget';

export { MB, repeatTo };

/** Repeated prefixes, whitespace runs, nested brackets, one-character runs, escapes, markup. */
export const PATTERNS: Readonly<Record<string, string>> = {
  eyJ: 'eyJ',
  'eyJ+': 'eyJ+',
  'eyJ.': 'eyJ.',
  '=eyJ.+': '=eyJ.+',
  'DQoJ (whitespace header)': 'DQoJ',
  'IC.': 'IC.',
  // Words that start like a JSON header (`{'`, `[`): every one is a candidate for the finder.
  'eyes.open ': 'eyes.open ',
  'WyJ.': 'WyJ.',
  ewog: 'ewog',
  'Bearer ': 'Bearer ',
  'Bearer + tab': 'Bearer\t',
  spaces: ' ',
  'CR LF': '\r\n',
  '[[[[': '[',
  '{"a":': '{"a":',
  '}]': '}]',
  'one character': 'A',
  dots: '.',
  '%': '%',
  '%E2%80%AE': '%E2%80%AE',
  '$(': '$(',
  '$(shield) ': '$(shield) ',
  backslashes: '\\',
  '\\$\\(': '\\$\\(',
  quotes: '"',
  backticks: '`',
  '*_[](': '*_[](',
  '<a href=': '<a href=',
  '&#': '&#',
  'error="': 'error="',
  'U+202E': '\u202e',
  'lone surrogate': '\ud83d',
  'a.b+c/d=': 'a.b+c/d=',
};

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Epoch ms used as "now" by every case (fixed: the cases measure time, not expiry). */
export const NOW = Date.UTC(2026, 0, 1);

/**
 * A JWS-shaped token just under the decoder's size limit whose `kid` and claims are `unit`
 * repeated (and a claim nested a little), so decoders, hovers and views walk hostile content.
 */
export function tokenOf(unit: string): string {
  const build = (n: number): string => {
    const text = repeatTo(unit, n);
    const header = { alg: 'HS256', typ: 'JWT', kid: text.slice(0, 2000) };
    const payload = {
      sub: text,
      name: text.slice(0, 5000),
      aud: [text.slice(0, 1000), text.slice(0, 1000)],
      nested: { a: { b: [text.slice(0, 500)] } },
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
    };
    return `${b64url(header)}.${b64url(payload)}.${Buffer.from(text.slice(0, 64), 'utf8').toString('base64url')}`;
  };
  let n = 150_000;
  let token = build(n);
  while (token.length > MAX_TOKEN_LENGTH - 1024) {
    n = Math.floor(n * 0.8);
    token = build(n);
  }
  return token;
}

/** `unit` repeated to 1 MB. */
export function mb(unit: string): string {
  return repeatTo(unit, MB);
}
