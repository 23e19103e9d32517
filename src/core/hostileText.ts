/**
 * The one rule for hostile text: every string a token, a server or a workspace setting chose
 * passes through here before a person reads it. Pure: no vscode, no node.
 *
 * - One set of invisible characters ({@link hasInvisibles}): controls, zero-width and bidi
 *   characters, fillers and lone surrogates, which can hide or reorder what a person reads.
 *   Every surface shows them as a visible `\u{202e}` escape ({@link showInvisibles}); the
 *   inspector, whose values sit in JSON views, writes the JSON form `\u202E`
 *   ({@link showInvisiblesAsJson}); a summary that only names things drops them
 *   ({@link stripInvisibles}). Tab, line feed and carriage return are not in the set: they move
 *   text but hide nothing; one-line surfaces turn them into spaces.
 * - Plain text for notifications, quick picks and tree labels ({@link plainText}).
 * - Markdown for hovers and tooltips: running text ({@link escapeMarkdown}), code spans
 *   ({@link codeSpan}) and fenced blocks ({@link codeFence}).
 * - Truncation that never splits a surrogate pair ({@link cut}, {@link truncate}).
 *
 * Every function is one linear pass (or a few): the adversarial layer feeds them 1 MB inputs.
 */

/**
 * C0/C1 controls except tab, LF and CR; soft hyphen; combining grapheme joiner; Arabic letter
 * mark; Hangul fillers; Mongolian vowel separator; zero-width characters and directional marks;
 * line and paragraph separators; bidi embeddings, overrides and isolates (the "Trojan Source"
 * set); word joiner and invisible operators; BOM; interlinear annotation characters.
 */
const INVISIBLE_CLASS =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u180E' +
  '\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\u3164\\uFEFF\\uFFF9-\\uFFFB';
/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const INVISIBLE_SOURCE = `[${INVISIBLE_CLASS}]|${LONE_SURROGATE}`;
/** Global, for `replace`; {@link INVISIBLE_ONE} is for `test` (a global regex keeps `lastIndex`). */
// U+034F, a combining mark, sits in the class on its own on purpose: it is matched alone.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = new RegExp(INVISIBLE_SOURCE, 'g');
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ONE = new RegExp(INVISIBLE_SOURCE);

/** Runs of tabs and line breaks: one space on every one-line surface. */
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g;

/** Every ASCII punctuation character: CommonMark lets a backslash escape each of them. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

type EscapeForm = 'braced' | 'json' | 'markdown';
/** Escapes already written, per form: a megabyte of one bidi character builds one string. */
const written: Record<EscapeForm, Map<string, string>> = { braced: new Map(), json: new Map(), markdown: new Map() };

/** `\u{202e}`, its markdown-escaped form `\\u\{202e\}`, or JSON's `\u202E`. */
function escapeOf(c: string, form: EscapeForm): string {
  let out = written[form].get(c);
  if (out === undefined) {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    out = form === 'json' ? `\\u${hex.toUpperCase()}` : form === 'braced' ? `\\u{${hex}}` : `\\\\u\\{${hex}\\}`;
    written[form].set(c, out);
  }
  return out;
}
const braced = (c: string): string => escapeOf(c, 'braced');
const markdownBraced = (c: string): string => escapeOf(c, 'markdown');

/** True when the text holds a character of the invisible set. */
export function hasInvisibles(text: string): boolean {
  return INVISIBLE_ONE.test(text);
}

/**
 * Writes each invisible character as a visible `\u{…}` escape, so a right-to-left override
 * cannot reorder what a person reads and a zero-width space cannot hide. Tab, LF, CR stay.
 *
 * @example showInvisibles('admin\u202egnp.exe') // => 'admin\\u{202e}gnp.exe'
 */
export function showInvisibles(text: string): string {
  return text.replace(INVISIBLE, braced);
}

/**
 * The same as {@link showInvisibles} in JSON's escape form, for values shown among JSON.
 *
 * @example showInvisiblesAsJson('admin\u202Egnp.exe') // => 'admin\\u202Egnp.exe'
 */
export function showInvisiblesAsJson(text: string): string {
  return text.replace(INVISIBLE, (c) => escapeOf(c, 'json'));
}

/** Drops every invisible character: for summaries that only name things (a user agent). */
export function stripInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Shortens `text` to at most `max` UTF-16 units, the `…` that marks the cut included. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${cut(text, max - 1)}…`;
}

/** `max` characters of the text kept, then `…` (labels count the text, not the mark). */
function keep(text: string, max: number): string {
  return text.length > max ? `${cut(text, max)}…` : text;
}

/**
 * Plain text for notifications, quick picks and tree labels: cut to `max` characters (then
 * `…`), on one line, invisible characters shown as escapes. Notifications turn
 * `[text](command:...)` into a clickable link and labels turn `$(name)` into an icon, so both
 * are broken up with a space.
 *
 * @example plainText('[x](command:evil) $(zap)') // => '[x] (command:evil) $ (zap)'
 */
export function plainText(text: string, max = 120): string {
  // Cut first: the work stays bounded on megabyte strings.
  const line = showInvisibles(keep(text, max).replace(LINE_BREAKS, ' '));
  return line.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}

/**
 * Inline markdown that renders literally: every ASCII punctuation character gets a backslash
 * (so no link, image, emphasis, HTML tag, autolink, entity or table cell can form), invisible
 * characters become visible escapes, line breaks become spaces, and with `max` the text is cut
 * to `max` characters (then `…`).
 *
 * @example escapeMarkdown('[x](command:evil)') // => '\\[x\\]\\(command\\:evil\\)'
 */
export function escapeMarkdown(text: string, max = Number.POSITIVE_INFINITY): string {
  // The parser consumes the backslash of `\$\(`, leaving `$(`, which a hover with theme icons
  // on draws as an icon; a space keeps it text whatever the surface's settings.
  // Punctuation first, then the escapes in their already escaped form: the same text as
  // escaping `showInvisibles`' output, without a second pass over an eight times longer string.
  return keep(text, max)
    .replace(LINE_BREAKS, ' ')
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/\\\$\\\(/g, '\\$ \\(')
    .replace(INVISIBLE, markdownBraced);
}

/** Length of the longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x60) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return longest;
}

/**
 * An inline code span the content cannot close: its backtick fence is longer than any run
 * inside, and a space pads content that starts or ends with a backtick or a space (CommonMark
 * strips one from each side). On one line, invisible characters shown as escapes.
 *
 * @example codeSpan('a`b') // => '``a`b``'
 */
export function codeSpan(text: string): string {
  const content = showInvisibles(text.replace(LINE_BREAKS, ' '));
  if (content === '') return '';
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/**
 * A fenced code block the content cannot close: the fence is made of backticks and is longer
 * than any backtick run inside (at least three); invisible characters shown as escapes. The
 * language id is ours, never data.
 */
export function codeFence(content: string, language: 'json' | 'text' = 'text'): string {
  const visible = showInvisibles(content);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(visible) + 1));
  return `${fence}${language}\n${visible}\n${fence}`;
}
