/**
 * Strings of the webview: the English text is the key; the host passes `vscode.l10n.bundle`
 * (absent for English) in its `init` message. Every key here is in l10n/bundle.l10n*.json.
 */
import { fillTemplate } from '../src/core/template';

let bundle: Readonly<Record<string, string>> = {};
let locale = 'en';

export function setL10n(b: Readonly<Record<string, string>> | undefined, lang: string): void {
  bundle = b ?? {};
  locale = lang || 'en';
}

export function uiLocale(): string {
  return locale;
}

/** Looks up `english` in the bundle and fills `{0}`, `{1}`… (English fallback). */
export function t(english: string, ...args: readonly (string | number)[]): string {
  const own = Object.prototype.hasOwnProperty.call(bundle, english) ? bundle[english] : undefined;
  return fillTemplate(typeof own === 'string' ? own : english, ...args);
}

/** Lookup without placeholders, for the core's template tables. */
export const translate = (english: string): string => t(english);
