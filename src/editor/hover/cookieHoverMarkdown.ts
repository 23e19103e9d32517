/**
 * The hover of a signed session cookie: its format, each part with what it is, and that the
 * signature was not checked (the inspector checks it with the server's secret). Pure, like
 * `hoverMarkdown.ts`: every cookie text goes through {@link codeSpan} / {@link escapeMarkdown}
 * or sits in a {@link codeFence}; the only link is ours, carrying an opaque id.
 */
import { CommandId } from '../../commands/commandIds';
import { cookieDocumentStrings } from '../../core/cookieDocument';
import { codeFence, codeSpan, escapeMarkdown, truncate } from '../../core/hostileText';
import type { Json } from '../../core/json';
import type { VerdictWords } from '../../core/verdictText';
import { compose, link, MARK, noteLines, title, type HoverMarkdown, type Translate } from './hoverMarkdown';
import { englishT } from './hoverTimes';
import { formatJsonPreview } from './jsonPreview';

/** Longest part text shown: a session id or token is whole; a Flask payload is also shown below as JSON. */
const PART_MAX = 48;

export interface CookieHoverInput {
  /** The verdict's words; `cookie` is set for a signed cookie. */
  readonly words: VerdictWords;
  /** A Flask session payload, decoded. */
  readonly payload?: Json;
  /** The opaque id of the cookie in the `HoverTokenStore`. */
  readonly linkId: string;
}

/**
 * The hover of a signed session cookie.
 *
 * @example
 * cookieHoverMarkdown({ words: verdictWords(tokenVerdict('s%3Aabc.…', now)), linkId }).markdown
 * // '**AuthLens** · Signed session cookie · express-session cookie (…)\n\n…'
 */
export function cookieHoverMarkdown(input: CookieHoverInput, t: Translate = englishT): HoverMarkdown {
  const { words, linkId } = input;
  const cookie = words.cookie;
  const heading = cookie ? `${title(words.kindLabel)} · ${escapeMarkdown(cookie.formatLabel)}` : title(words.kindLabel);
  const notes = [...noteLines(words), ...(cookie?.notes ?? []).map((n) => `${MARK.info} ${escapeMarkdown(n)}`)];
  const parts = (cookie?.parts ?? []).map((p) => {
    // The signature is not shown: with the id it is the whole credential, and its bytes mean nothing to read.
    const shown = p.role === 'signature' ? escapeMarkdown(t(cookieDocumentStrings.signature, p.text.length)) : codeSpan(truncate(p.text, PART_MAX));
    return `**${escapeMarkdown(p.label)}** ${shown} — ${escapeMarkdown(p.explanation)}`;
  });
  const markdown = compose([
    heading,
    notes,
    parts,
    cookie ? `${MARK.warning} ${escapeMarkdown(cookie.notChecked)}` : undefined,
    link(t('Inspect'), linkId, 'inspect'),
    input.payload !== undefined ? codeFence(formatJsonPreview(input.payload), 'json') : undefined,
  ]);
  return { markdown, enabledCommands: [CommandId.hoverAction], supportThemeIcons: false };
}
