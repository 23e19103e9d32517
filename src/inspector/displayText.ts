/**
 * Turning hostile strings into bounded display text. Pure; used by the inspector's model builders.
 */

/**
 * Characters that change how text around them is shown without being seen themselves:
 * C0/C1 controls (except tab and newline), zero-width characters, bidirectional embeddings,
 * overrides and isolates, the BOM.
 */
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/** Same set without the global flag, for `test()` without `lastIndex` state. */
// eslint-disable-next-line no-control-regex
const invisibleOne = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;

/** True when the text holds control, zero-width or direction characters. */
export function hasInvisibles(text: string): boolean {
  return invisibleOne.test(text);
}

/**
 * Writes invisible characters as `\u202E`-style escapes so a right-to-left override in a claim
 * cannot reorder what the person reads, and a zero-width space cannot hide.
 *
 * @example
 * showInvisibles('admin\u202Egnp.exe') // => 'admin\\u202Egnp.exe'
 */
export function showInvisibles(text: string): string {
  return text.replace(invisible, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/** Bounded, escaped display text and what was done to get it. */
export interface DisplayText {
  readonly text: string;
  /** Original length when the text was cut. */
  readonly truncatedFrom?: number;
  readonly controlChars: boolean;
}

/** Cuts then escapes (cutting first keeps the work bounded on megabyte strings). */
export function displayText(text: string, max: number): DisplayText {
  const short = cut(text, max);
  const controlChars = hasInvisibles(short);
  return {
    text: controlChars ? showInvisibles(short) : short,
    controlChars,
    ...(short.length < text.length ? { truncatedFrom: text.length } : {}),
  };
}

/** Own enumerable entries only, safe for `__proto__` keys (JSON.parse makes them own properties). */
export function ownEntries(obj: object): [string, unknown][] {
  return Object.keys(obj).map((k) => [k, Object.getOwnPropertyDescriptor(obj, k)?.value]);
}

/** Reads an own property without ever reaching the prototype (`obj['__proto__']` would). */
export function ownValue(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? Object.getOwnPropertyDescriptor(obj, key)?.value : undefined;
}
