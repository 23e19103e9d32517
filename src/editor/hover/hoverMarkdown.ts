/**
 * The markdown of the token hover, built from a decoded token. Pure (no `vscode`): the VS Code
 * layer wraps the result in a `MarkdownString` with `supportHtml = false` and
 * `isTrusted = { enabledCommands }`.
 *
 * Every string that came out of a token goes through {@link escapeMarkdown} or sits inside a
 * {@link codeFence}; the only links are ours, and their arguments are an opaque id made by the
 * extension (see `HoverTokenStore`), never token text.
 *
 * No theme icons: VS Code turns `$(name)` in the *rendered* text into icons, after the markdown
 * parser has undone the `\$\(` escape, so token text could paint a "verified" shield. The
 * hover is built with `supportThemeIcons: false` and marks severity with plain characters.
 *
 * What the token is, why it is malformed, what was stripped and its time state come from the
 * token verdict (`core/verdict.ts`, `core/verdictText.ts`), the same words as every other view.
 */
import { CommandId } from '../../commands/commandIds';
import type { DecodedJwt } from '../../core/decode';
import { codeFence, codeSpan, escapeMarkdown, truncate } from '../../core/hostileText';
import type { JsonObject } from '../../core/json';
import { tokenTimes, type TokenTimeStateName } from '../../core/tokenTime';
import { verdictWords, type VerdictWords } from '../../core/verdictText';
import type { TokenWarning } from '../../core/warnings';
import { formatJsonPreview } from './jsonPreview';
import { type Translate, englishT, claimText, timeLines } from './hoverTimes';
export { englishT, formatDuration, formatInstant } from './hoverTimes';
export type { Translate } from './hoverTimes';

/** What a hover link asks the extension to do with the hovered token. */
export type HoverAction = 'inspect' | 'copyPayload' | 'copyAuthorizationHeader';

/** The hover's markdown and the commands its links use (for `isTrusted.enabledCommands`). */
export interface HoverMarkdown {
  readonly markdown: string;
  readonly enabledCommands: readonly string[];
  /** Always false: token text must never become an icon (see the module comment). */
  readonly supportThemeIcons: false;
}

/** A `command:` URI for one hover action. The only argument data is our own id and action name. */
export function hoverActionUri(linkId: string, action: HoverAction): string {
  return `command:${CommandId.hoverAction}?${encodeURIComponent(JSON.stringify([linkId, action]))}`;
}

/** A markdown link to one hover action. */
export function link(label: string, linkId: string, action: HoverAction): string {
  return `[${escapeMarkdown(label)}](${hoverActionUri(linkId, action)})`;
}

/** Plain marks instead of theme icons (see the module comment). */
export const MARK = { error: '✖', warning: '⚠', info: 'ℹ', ok: '✓' } as const;

function stateMark(state: TokenTimeStateName): string {
  switch (state) {
    case 'expired':
    case 'unknown':
      return MARK.error;
    case 'expiring':
    case 'not-yet-valid':
    case 'no-expiry':
      return MARK.warning;
    case 'not-expired':
    case 'within-validity':
      return MARK.ok;
  }
}

function stateLines(words: VerdictWords): string[] {
  if (words.state === undefined || words.stateLabel === undefined) return [];
  const line = `${stateMark(words.state)} **${escapeMarkdown(words.stateLabel)}**`;
  return [words.skewNote ? `${line} · ${escapeMarkdown(words.skewNote)}` : line];
}

/** What was stripped to read the token, and bytes that were not UTF-8. */
export function noteLines(words: Pick<VerdictWords, 'repaired' | 'notes'> | undefined): string[] {
  if (!words) return [];
  return [...(words.repaired ? [words.repaired] : []), ...words.notes].map((n) => `${MARK.info} ${escapeMarkdown(n)}`);
}

function severityIcon(severity: TokenWarning['severity']): string {
  return MARK[severity];
}

function severityLabel(severity: TokenWarning['severity'], t: Translate): string {
  return severity === 'error' ? t('Error') : severity === 'warning' ? t('Warning') : t('Info');
}

/** Most warnings shown; the inspector lists them all. */
const MAX_WARNINGS = 8;

function warningLines(warnings: readonly TokenWarning[], t: Translate): string[] {
  const lines = warnings.slice(0, MAX_WARNINGS).map((w) => {
    // The field matters where the message is generic (which claim holds a secret).
    const field = w.code === 'sensitive-field' && w.field ? ` (${escapeMarkdown(truncate(w.field, 60))})` : '';
    // Hints only for errors: the hover stays short, the inspector has them all.
    const hint = w.hint && w.severity === 'error' ? ` — ${escapeMarkdown(truncate(w.hint, 160))}` : '';
    return `${severityIcon(w.severity)} **${escapeMarkdown(severityLabel(w.severity, t))}** ${escapeMarkdown(truncate(w.message, 200))}${field}${hint}`;
  });
  if (warnings.length > MAX_WARNINGS) {
    lines.push(escapeMarkdown(t('{0} more in the inspector', warnings.length - MAX_WARNINGS)));
  }
  return lines;
}

/** The hover's first line: AuthLens and what the token is. */
export function title(kind: string): string {
  return `**AuthLens** · ${escapeMarkdown(kind)}`;
}

/** Paragraphs joined; lines inside one paragraph get hard line breaks. */
export function compose(paragraphs: ReadonlyArray<string | readonly string[] | undefined>): string {
  return paragraphs
    .filter((p): p is string | readonly string[] => p !== undefined && p.length > 0)
    .map((p) => (typeof p === 'string' ? p : p.join('  \n')))
    .join('\n\n');
}

export interface JwsHoverInput {
  readonly decoded: DecodedJwt;
  readonly warnings: readonly TokenWarning[];
  /** The token verdict's words; without them, those of a verdict of `decoded` as given. */
  readonly verdict?: VerdictWords;
  /** Epoch ms, for relative times. */
  readonly now: number;
  /** The opaque id of the token in the `HoverTokenStore`. */
  readonly linkId: string;
}

/** The hover of a signed JWT (JWS): header facts, identity claims, times, warnings, payload. */
export function jwsHoverMarkdown(input: JwsHoverInput, t: Translate = englishT): HoverMarkdown {
  const { decoded, warnings, now, linkId } = input;
  const { header, payload } = decoded;
  const alg = header['alg'];
  const words =
    input.verdict ??
    verdictWords(
      {
        kind: typeof alg === 'string' && alg.toLowerCase() === 'none' ? 'unsecured' : 'jws',
        token: decoded.raw,
        repairs: [],
        invalidUtf8: decoded.invalidUtf8 ?? [],
        times: tokenTimes(payload, now),
        decoded,
      },
      t,
    );

  const headerFacts: string[] = [];
  headerFacts.push(`**${escapeMarkdown(t('Algorithm'))}** ${claimText(header['alg']) || '—'}`);
  if (header['kid'] !== undefined) headerFacts.push(`**${escapeMarkdown(t('Key ID'))}** ${claimText(header['kid'], 48)}`);
  if (header['typ'] !== undefined) headerFacts.push(`**${escapeMarkdown(t('Type'))}** ${claimText(header['typ'], 32)}`);

  const identity: string[] = [];
  for (const [claim, label] of [
    ['iss', t('Issuer')],
    ['sub', t('Subject')],
    ['aud', t('Audience')],
  ] as const) {
    if (payload[claim] !== undefined) {
      identity.push(`**${escapeMarkdown(label)}** ${codeSpan(claim)} ${claimText(payload[claim])}`);
    }
  }

  const links = [
    link(t('Inspect'), linkId, 'inspect'),
    link(t('Copy Payload'), linkId, 'copyPayload'),
    link(t('Copy as Authorization header'), linkId, 'copyAuthorizationHeader'),
  ].join(' · ');

  const markdown = compose([
    `${title(words.kindLabel)} · ${escapeMarkdown(t('decoded, not verified'))}`,
    noteLines(words),
    headerFacts.join(' · '),
    identity,
    [...stateLines(words), ...timeLines(payload, words, now, t)],
    warningLines(warnings, t),
    // Links before the payload: the hover is height-limited, the actions must not scroll away.
    links,
    codeFence(formatJsonPreview(payload), 'json'),
  ]);
  return { markdown, enabledCommands: [CommandId.hoverAction], supportThemeIcons: false };
}

/** The hover of an encrypted token (JWE): its readable protected header, and what that means. */
export function jweHoverMarkdown(header: JsonObject | undefined, linkId: string, t: Translate = englishT, words?: VerdictWords): HoverMarkdown {
  const facts: string[] = [];
  if (header) {
    for (const [name, label] of [
      ['alg', t('Key management')],
      ['enc', t('Content encryption')],
      ['kid', t('Key ID')],
      ['cty', t('Content type')],
    ] as const) {
      if (header[name] !== undefined) facts.push(`**${escapeMarkdown(label)}** ${claimText(header[name], 48)}`);
    }
  }
  const markdown = compose([
    title(words?.kindLabel ?? t('Encrypted token (JWE)')),
    noteLines(words),
    facts.join(' · '),
    escapeMarkdown(t('The payload is encrypted: only the holder of the decryption key can read its claims.')),
    [link(t('Inspect'), linkId, 'inspect'), link(t('Copy as Authorization header'), linkId, 'copyAuthorizationHeader')].join(' · '),
  ]);
  return { markdown, enabledCommands: [CommandId.hoverAction], supportThemeIcons: false };
}

/** The hover of an opaque token (a bearer value that is not a JWT). */
export function opaqueHoverMarkdown(length: number, linkId: string, t: Translate = englishT): HoverMarkdown {
  const markdown = compose([
    title(t('Opaque token')),
    escapeMarkdown(t('Not a JWT ({0} characters): it carries no readable claims. Only its issuer can tell what it means (token introspection).', length)),
    link(t('Copy as Authorization header'), linkId, 'copyAuthorizationHeader'),
  ]);
  return { markdown, enabledCommands: [CommandId.hoverAction], supportThemeIcons: false };
}

/** One line for a JWT-like string that does not decode (and what was stripped before trying). */
export function malformedHoverMarkdown(reason: string, t: Translate = englishT, repaired?: string): HoverMarkdown {
  const text = t('Malformed JWT: {0}', truncate(reason, 300)) + (repaired ? ` ${repaired}` : '');
  const markdown = `**AuthLens** · ${escapeMarkdown(text)}`;
  return { markdown, enabledCommands: [], supportThemeIcons: false };
}
