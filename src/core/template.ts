/**
 * Message templates. Core text is English; each template is also a key of the runtime l10n
 * bundles, so the VS Code layer localises by passing `(s) => vscode.l10n.t(s)` as a
 * {@link Translate} and the core fills the placeholders afterwards.
 */

/** Looks up an English template in the active language; identity by default. */
export type Translate = (english: string) => string;

/** The identity {@link Translate}: English. */
export const english: Translate = (s) => s;

/**
 * Replaces `{0}`, `{1}`... in a template; placeholders without an argument stay as they are.
 *
 * @example
 * fillTemplate('{0} left', '4m 12s') // '4m 12s left'
 */
export function fillTemplate(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });
}
