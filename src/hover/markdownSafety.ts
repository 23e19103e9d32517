/**
 * Turning hostile strings (anything that came out of a token) into markdown that can only ever
 * render as text. Pure: no `vscode`, so unit tests and the benchmark load it in plain Node.
 *
 * Two tools, nothing else: {@link escapeMarkdownText} for running text, and {@link codeFence}
 * for fenced code blocks whose fence is longer than any backtick run in the content.
 */

/**
 * Characters that change how text reads without being visible: bidirectional overrides and
 * isolates (the "Trojan Source" set), zero-width characters, and C0/C1 controls.
 * They are shown as `\u{…}` escapes instead.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Replaces invisible and direction-changing characters with a visible `\u{XXXX}` escape. */
export function makeVisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** Every ASCII punctuation character: CommonMark lets a backslash escape each of them. */
const MARKDOWN_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Escapes text so that markdown renders it literally: every ASCII punctuation character gets a
 * backslash (so no link, image, emphasis, HTML tag, autolink, entity or `$(icon)` can form),
 * invisible characters become visible escapes, and line breaks become spaces.
 *
 * @example escapeMarkdownText('[x](command:evil)') === '\\[x\\]\\(command\\:evil\\)'
 */
export function escapeMarkdownText(text: string): string {
  // The backslash in `\$\(` is consumed by the markdown parser, leaving `$(` in the rendered
  // text, where a renderer with theme icons on would draw an icon. A zero-width non-joiner
  // between the two keeps the text readable and never an icon, whatever the hover's settings.
  return makeVisible(text.replace(/\r\n|\r|\n/g, ' '))
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    .replace(/\\\$\\\(/g, '\\$\u200c\\(');
}

/** Shortens `text` to at most `max` characters, marking the cut with `…`. */
export function trimText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Length of the longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === char) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return longest;
}

/**
 * A fenced code block that the content cannot close: the fence is made of backticks and is
 * longer than any backtick run inside (at least three). The language id is ours, never data.
 */
export function codeFence(content: string, language: 'json' | 'text' = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}
