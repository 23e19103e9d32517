/**
 * Adversarial cases for the hover: finding the token on a long line, the whole hover (finder,
 * verdict, markdown) on a line of the pattern and on a token made of it, the markdown builders
 * and the JSON preview. Run in a worker by hover.test.ts.
 */
import { jweHoverMarkdown, malformedHoverMarkdown } from '../../../src/editor/hover/hoverMarkdown';
import { findTokenOnLine, hoverTokenAt, tokenHoverOnLine } from '../../../src/editor/hover/hoverModel';
import { HoverTokenStore } from '../../../src/editor/hover/hoverTokenStore';
import { formatJsonPreview } from '../../../src/editor/hover/jsonPreview';
import type { Json } from '../../../src/core/json';
import type { AdversarialSuite } from './harness';
import { mb, NOW, PATTERNS, repeatTo, tokenOf } from './patterns';

let ids = 0;
const store = new HoverTokenStore({ newId: () => `id${++ids}` });
const reader =
  (line: string) =>
  (from: number, to: number): string =>
    line.slice(from, to);
/** A line with the token after `Bearer `, as in an HTTP log. */
const tokenLine = (unit: string): string => `Authorization: Bearer ${tokenOf(unit)}`;

/** Every string of a JSON value made of the text, plus nesting as deep as the decoder allows. */
function hostileJson(s: string): Json {
  let deep: Json = s.slice(0, 100);
  for (let i = 0; i < 2000; i++) deep = i % 2 === 0 ? [deep] : { a: deep };
  return { [s.slice(0, 5000)]: s, list: Array.from({ length: 5000 }, (_, i) => s.slice(i * 10, i * 10 + 200)), deep };
}

export const suite: AdversarialSuite = {
  patterns: PATTERNS,
  functions: {
    'hoverTokenAt (1 MB line)': { input: mb, run: (s) => [hoverTokenAt(s, s.length >> 1), hoverTokenAt(s, 0), hoverTokenAt(s, s.length - 1)] },
    'findTokenOnLine (1 MB line)': { input: mb, run: (s) => findTokenOnLine(reader(s), s.length >> 1) },
    'tokenHoverOnLine (1 MB line)': {
      input: mb,
      run: (s) => [tokenHoverOnLine(reader(s), s.length >> 1, NOW, store), tokenHoverOnLine(reader(s), 3, NOW, store)],
    },
    'tokenHoverOnLine (token of the pattern)': { input: tokenLine, run: (s) => tokenHoverOnLine(reader(s), 30, NOW, store) },
    // `repaired` is the verdict's own short sentence; the reason may quote token text.
    'malformedHoverMarkdown (1 MB reason)': { input: mb, run: (s) => malformedHoverMarkdown(s, undefined, s.slice(0, 1000)) },
    'jweHoverMarkdown (1 MB header values)': { input: mb, run: (s) => jweHoverMarkdown({ alg: s, enc: s, kid: s, cty: s, [s.slice(0, 1000)]: s }, 'id') },
    'formatJsonPreview (values of the pattern)': { input: (u) => repeatTo(u, 256 * 1024), run: (s) => formatJsonPreview(hostileJson(s)) },
  },
};
