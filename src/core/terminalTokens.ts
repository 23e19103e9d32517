/**
 * The tokens on one line of terminal output, for the terminal link provider: where each JWT (or
 * JWE, signed session cookie, or JWT-looking string that fails to decode) is, what the inspector should get, and a
 * one-line plain-text tooltip (`sub`, `iss`, time left; never the token). Pure; the clock is a
 * parameter.
 *
 * Bounded like the hover: terminal lines can be megabytes (a minified bundle, a base64 blob
 * cat'ed by mistake) and arrive as fast as a program prints them, so only the first
 * {@link TERMINAL_LINE_BUDGET} characters are read, escape sequences blanked, and handed to the
 * one finder (`findTokens`, linear with its own work budget). What is on a link comes from the
 * one verdict (`tokenVerdict`, `verdictWords`), so the tooltip says what the hover and the
 * inspector say.
 */
import { blankEscapes } from './ansiEscapes';
import { plainText } from './hostileText';
import type { Json } from './json';
import { english, fillTemplate, type Translate } from './template';
import { defaultCountdownStrings, formatCountdown, localiseStrings } from './time';
import { findTokens } from './tokenFinder';
import { tokenVerdict, type Repair, type VerdictKind } from './verdict';
import { verdictWords, type VerdictWords } from './verdictText';

/**
 * Characters of a line that are read. Far above any real JWT (VS Code itself hands link
 * providers at most 2,000), and small enough that a megabyte line costs what a short one does.
 */
export const TERMINAL_LINE_BUDGET = 32 * 1024;

/** Most links on one line: past that, output is not something a person clicks through. */
export const TERMINAL_LINKS_PER_LINE = 20;

/** Longest claim value shown in a tooltip. */
const CLAIM_MAX = 60;

/** A token on a terminal line. */
export interface TerminalToken {
  /** Offset of the token's first character in the line. */
  readonly start: number;
  readonly length: number;
  /** The token as the verdict read it (what the inspector gets). Secret: never log or show it. */
  readonly token: string;
  /** Wrappers around it (`Bearer `, quotes, `name=`...), so the inspector says what was stripped. */
  readonly stripped: readonly Repair[];
  readonly kind: Exclude<VerdictKind, 'opaque'>;
  /** One line of plain text: kind, `sub`, `iss`, time left or why it is malformed. */
  readonly tooltip: string;
}

/** The words of the tooltip, each a key of the runtime l10n bundles. */
export const terminalTokenTexts = {
  /** `{0}` = what the token is and says, joined with {@link FACT_SEPARATOR}. */
  tooltip: 'Inspect in AuthLens: {0}',
  sub: 'sub: {0}',
  iss: 'iss: {0}',
  notVerified: 'decoded, not verified',
} as const;

/** Between the facts of a tooltip (punctuation, the same in every language). */
const FACT_SEPARATOR = ' · ';

/** Finder results about what it could not see whole: a link to part of a token would lie. */
const FINDER_LIMITS = new Set(['token-scan-limit', 'token-too-large']);

export interface TerminalTokenOptions {
  /** Localises the tooltip (`(s) => vscode.l10n.t(s)`); English by default. */
  readonly t?: Translate;
  /** Characters of the line read (default {@link TERMINAL_LINE_BUDGET}). */
  readonly budget?: number;
  /** Most tokens returned (default {@link TERMINAL_LINKS_PER_LINE}). */
  readonly limit?: number;
}

function claimFact(template: string, value: Json | undefined, t: Translate): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return fillTemplate(t(template), `"${plainText(text, CLAIM_MAX)}"`);
}

/** Time left (or since expiry) when `exp` reads; else the verdict's state label. */
function timeFact(words: VerdictWords, msLeft: number | undefined, t: Translate): string | undefined {
  if (msLeft !== undefined && words.state !== 'not-yet-valid') return formatCountdown(msLeft, localiseStrings(defaultCountdownStrings, t));
  return words.stateLabel;
}

/**
 * The tokens on `line` at `now` (epoch ms), left to right, with their tooltips. Reads at most
 * `budget` characters; a token cut by that limit, or too long for the finder to see whole, is
 * left out. Malformed JWT-looking strings are links too: their tooltip says what is wrong, and
 * a click shows the same in the inspector.
 *
 * @example
 * const [link] = terminalTokens('Authorization: Bearer eyJhbGciOi…', Date.now());
 * link.start      // 22
 * link.stripped   // ['bearer']
 * link.tooltip    // 'Inspect in AuthLens: JWT (signed) · sub: "alice" · iss: "https://…" · 4m 12s left · decoded, not verified'
 */
export function terminalTokens(line: string, now: number, opts?: TerminalTokenOptions): TerminalToken[] {
  const t = opts?.t ?? english;
  const budget = Math.max(0, Math.floor(opts?.budget ?? TERMINAL_LINE_BUDGET));
  const cut = line.length > budget;
  const text = blankEscapes(cut ? line.slice(0, budget) : line);
  const out: TerminalToken[] = [];
  for (const found of findTokens(text, { limit: opts?.limit ?? TERMINAL_LINKS_PER_LINE })) {
    if (found.error && FINDER_LIMITS.has(found.error.code)) continue;
    // It may go on past what was read.
    if (cut && found.end === text.length) continue;
    const context = { before: text.slice(Math.max(0, found.start - 160), found.start), after: text.slice(found.end, found.end + 8) };
    const verdict = tokenVerdict(found.text, now, { context });
    if (verdict.kind === 'opaque') continue;
    const words = verdictWords(verdict, t);
    const payload = verdict.decoded?.payload;
    const facts = [
      words.kindLabel,
      words.cookie?.formatLabel,
      words.reason,
      claimFact(terminalTokenTexts.sub, payload?.['sub'], t),
      claimFact(terminalTokenTexts.iss, payload?.['iss'], t),
      payload ? timeFact(words, verdict.times?.msLeft, t) : undefined,
      payload || words.cookie ? t(terminalTokenTexts.notVerified) : undefined,
    ].filter((f): f is string => f !== undefined && f !== '');
    out.push({
      start: found.start,
      length: found.end - found.start,
      token: verdict.token,
      stripped: verdict.repairs,
      kind: verdict.kind,
      // The reason is the core's own sentence; cut anyway, a tooltip is one line.
      tooltip: plainText(fillTemplate(t(terminalTokenTexts.tooltip), facts.join(FACT_SEPARATOR)), 400),
    });
  }
  return out;
}

/** Every English template of the tooltip, for the l10n bundles and their test. */
export function terminalTokenTemplates(): string[] {
  return Object.values(terminalTokenTexts);
}
