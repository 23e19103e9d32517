/**
 * Plain text for notifications, quick picks and tree labels built from strings that a server,
 * a token or a workspace's settings chose. Notifications turn `[text](command:...)` into a
 * clickable link, so link syntax is broken up; invisible and bidi control characters, which
 * can disguise what a person reads, become U+FFFD; the text is cut to `max` characters.
 * Pure: no vscode.
 *
 * @example
 * plainText('[x](command:workbench.action.terminal.new)') // => '[x] (command:workbench.action.terminal.new)'
 */
export function plainText(text: string, max = 120): string {
  let t = text.length > max ? `${text.slice(0, max)}…` : text;
  // eslint-disable-next-line no-control-regex
  t = t.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '\ufffd');
  t = t.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  // `](` is what makes a notification link; `$(` is what makes a codicon in labels.
  return t.replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}
