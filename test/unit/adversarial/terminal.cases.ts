/**
 * Adversarial cases for the terminal link finder: a 1 MB line of each worst pattern (the finder's
 * and the terminal's own: escape sequences left open, colours glued to tokens, OSC 8 links,
 * tokens back to back), read within the per-line budget and, to show the budget is not what
 * keeps it fast, with the budget lifted to the whole megabyte. Run in a worker by terminal.test.ts.
 */
import { blankEscapes } from '../../../src/core/ansiEscapes';
import { terminalTokens } from '../../../src/core/terminalTokens';
import type { AdversarialSuite } from './harness';
import { mb, NOW, PATTERNS } from './patterns';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
/** A small signed-looking token, made here (never a real one). */
const TOKEN = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'u', iss: 'https://i.test', exp: NOW / 1000 + 60 })}.c2ln`;

/** What terminal output adds to the finder's patterns. */
const TERMINAL_PATTERNS: Readonly<Record<string, string>> = {
  'ESC [ (never finished)': '\x1b[',
  'ESC ] (OSC never finished)': '\x1b]',
  'ESC alone': '\x1b',
  'C1 CSI': '\x9b',
  'SGR colour': '\x1b[1;32m',
  'colour glued to eyJ.': '\x1b[33meyJ.',
  'OSC 8 link around eyJ': '\x1b]8;;https://x.test/\x1b\\eyJ.',
  'tokens back to back': `${TOKEN} `,
  'coloured tokens': `\x1b[32m${TOKEN}\x1b[0m `,
};

export const suite: AdversarialSuite = {
  patterns: { ...PATTERNS, ...TERMINAL_PATTERNS },
  functions: {
    'terminalTokens (1 MB line)': { input: mb, run: (s) => terminalTokens(s, NOW) },
    'terminalTokens (1 MB line, budget lifted to all of it)': { input: mb, run: (s) => terminalTokens(s, NOW, { budget: s.length, limit: 1000 }) },
    'blankEscapes (1 MB)': { input: mb, run: (s) => blankEscapes(s) },
  },
};
