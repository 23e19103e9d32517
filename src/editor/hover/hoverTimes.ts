/**
 * The time lines of the token hover (exp, nbf, iat, auth_time as instants and durations), the
 * hover's `Translate` and its claim text; `hoverMarkdown.ts` re-exports the public ones.
 */
import { codeSpan, escapeMarkdown, truncate } from '../../core/hostileText';
import type { Json, JsonObject } from '../../core/json';
import type { VerdictWords } from '../../core/verdictText';

/** Same shape as `vscode.l10n.t`; the English default formats `{0}` placeholders. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const englishT: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const arg = args[Number(index)];
    return arg === undefined ? whole : String(arg);
  });

/** A claim value as one short line of escaped text. */
export function claimText(value: Json | undefined, max = 80): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return escapeMarkdown(truncate(value, max));
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
    const more = value.length > 5 ? ` (+${value.length - 5})` : '';
    return escapeMarkdown(truncate(items.join(', '), max) + more);
  }
  return escapeMarkdown(truncate(JSON.stringify(value) ?? '', max));
}

/**
 * A duration as a person says it: "45 s", "12 min", "5 h", "2 days", "3 years".
 * Rounded; the sign is ignored (the caller says "ago" or "in").
 */
export function formatDuration(ms: number, t: Translate = englishT): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return t('{0} s', s);
  const m = Math.round(s / 60);
  if (m < 60) return t('{0} min', m);
  const h = Math.round(s / 3600);
  if (h < 48) return t('{0} h', h);
  const d = Math.round(s / 86_400);
  if (d < 730) return t('{0} days', d);
  return t('{0} years', Math.round(d / 365));
}

/** `2025-01-31 12:00:00 UTC`, or undefined when the instant cannot be a date. */
export function formatInstant(epochMs: number): string | undefined {
  const date = new Date(epochMs);
  if (!Number.isFinite(date.getTime())) return undefined;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const TIME_CLAIMS = ['exp', 'nbf', 'iat', 'auth_time'] as const;

type TimeClaim = (typeof TIME_CLAIMS)[number];

function timeLabel(claim: TimeClaim, t: Translate): string {
  switch (claim) {
    case 'exp':
      return t('Expires');
    case 'nbf':
      return t('Not before');
    case 'iat':
      return t('Issued');
    case 'auth_time':
      return t('Signed in');
  }
}

function relative(claim: TimeClaim, deltaMs: number, t: Translate): string {
  const d = formatDuration(deltaMs, t);
  if (claim === 'exp') return deltaMs > 0 ? t('expires in {0}', d) : t('expired {0} ago', d);
  if (claim === 'nbf') return deltaMs > 0 ? t('not valid for another {0}', d) : t('valid since {0} ago', d);
  return deltaMs > 0 ? t('in {0} (in the future)', d) : t('{0} ago', d);
}

/** One line per time claim present: label, absolute date (UTC) and relative time, or what is wrong. */
export function timeLines(payload: JsonObject, words: VerdictWords, now: number, t: Translate): string[] {
  const lines: string[] = [];
  for (const claim of TIME_CLAIMS) {
    const value = Object.prototype.hasOwnProperty.call(payload, claim) ? payload[claim] : undefined;
    if (value === undefined) continue;
    const label = `**${escapeMarkdown(timeLabel(claim, t))}** ${codeSpan(claim)}`;
    const problem = words.claimProblems[claim];
    const instant = typeof value === 'number' && problem === undefined ? formatInstant(value * 1000) : undefined;
    if (problem !== undefined || instant === undefined || typeof value !== 'number') {
      lines.push(`${label} ${claimText(value)} · ${escapeMarkdown(problem ?? t('not a NumericDate (seconds since 1970)'))}`);
      continue;
    }
    lines.push(`${label} ${escapeMarkdown(instant)} · ${escapeMarkdown(relative(claim, value * 1000 - now, t))}`);
  }
  return lines;
}
