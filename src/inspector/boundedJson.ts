/**
 * The inspector model's size bounds and its bounded JSON: a compact preview of a value and the
 * pretty JSON view of a part (long strings cut, wide objects and deep nesting limited, sensitive
 * values masked), and bounded display text. Pure (core only, no vscode); hostile characters are
 * judged by `core/hostileText.ts`.
 */
import { childPath, isEmptyValue } from '../core/warnings';
import type { Json, JsonObject } from '../core/json';
import { cut, hasInvisibles, showInvisiblesAsJson } from '../core/hostileText';

/** Bounded, escaped display text and what was done to get it. */
export interface DisplayText {
  readonly text: string;
  /** Original length when the text was cut. */
  readonly truncatedFrom?: number;
  readonly controlChars: boolean;
}

/** Cuts then escapes invisibles in JSON form (cutting first keeps the work bounded on megabyte strings). */
export function displayText(text: string, max: number): DisplayText {
  const short = cut(text, max);
  const controlChars = hasInvisibles(short);
  return {
    text: controlChars ? showInvisiblesAsJson(short) : short,
    controlChars,
    ...(short.length < text.length ? { truncatedFrom: text.length } : {}),
  };
}

/** Own enumerable entries only, safe for `__proto__` keys (JSON.parse makes them own properties). */
export function ownEntries(obj: object): [string, unknown][] {
  return Object.keys(obj).map((k) => [k, Object.getOwnPropertyDescriptor(obj, k)?.value]);
}

/** Bounds that keep the model small whatever the token holds. */
export interface ModelLimits {
  /** Longest value text shown in a row (UTF-16 units). */
  readonly maxString: number;
  /** Most keys (or array items) shown per object. */
  readonly maxKeys: number;
  /** Deepest level of nested rows. */
  readonly maxDepth: number;
  /** Most rows in the whole model. */
  readonly maxRows: number;
  /** Longest JSON view per part. */
  readonly maxJson: number;
  /** Longest raw segment shown. */
  readonly maxSegment: number;
  /** Longest value sent when a masked field is revealed. */
  readonly maxReveal: number;
}

export const defaultLimits: ModelLimits = {
  maxString: 2000,
  maxKeys: 200,
  maxDepth: 12,
  maxRows: 2500,
  maxJson: 200_000,
  maxSegment: 64 * 1024,
  maxReveal: 64 * 1024,
};

/**
 * Compact JSON of a value, cut at `max` characters. Recursion stops as soon as the budget is
 * spent, so its depth is bounded by `max` whatever the nesting.
 */
export function preview(value: Json, max: number): string {
  const out: string[] = [];
  let used = 0;
  const push = (s: string): boolean => {
    if (used >= max) return false;
    out.push(s);
    used += s.length;
    return used < max;
  };
  const walk = (v: Json): boolean => {
    if (v === null || typeof v !== 'object') return push(JSON.stringify(v) ?? 'null');
    if (Array.isArray(v)) {
      if (!push('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !push(',')) return false;
        if (!walk(v[i] as Json)) return false;
      }
      return push(']');
    }
    if (!push('{')) return false;
    let first = true;
    for (const key of Object.keys(v)) {
      if (!first && !push(',')) return false;
      first = false;
      if (!push(`${JSON.stringify(key)}:`)) return false;
      if (!walk(ownJson(v, key))) return false;
    }
    return push('}');
  };
  walk(value);
  const text = out.join('');
  return text.length > max ? `${cut(text, max)}…` : used >= max ? `${text}…` : text;
}

function ownJson(obj: JsonObject, key: string): Json {
  return (Object.getOwnPropertyDescriptor(obj, key)?.value ?? null) as Json;
}

/**
 * Pretty JSON of a part, bounded (depth, keys, string length, total size) and with sensitive
 * values replaced by a mask. Direction and zero-width characters are written as `\uXXXX`
 * escapes (still valid JSON).
 */
export function boundedJson(value: Json, sensitive: ReadonlySet<string>, limits: ModelLimits): { text: string; truncated: boolean } {
  const out: string[] = [];
  let size = 0;
  let truncated = false;
  const emit = (s: string): void => {
    out.push(s);
    size += s.length;
  };
  const str = (s: string): string => {
    const shown = displayText(s, limits.maxString);
    if (shown.truncatedFrom !== undefined) truncated = true;
    return JSON.stringify(shown.text.length < s.length || shown.controlChars ? shown.text : s).replace(/\\\\u([0-9A-F]{4})/g, '\\u$1');
  };
  const walk = (v: Json, path: string, indent: string, depth: number): void => {
    if (size > limits.maxJson) {
      truncated = true;
      return;
    }
    if (sensitive.has(path) && !isEmptyValue(v)) {
      emit('"••••••"');
      return;
    }
    if (v === null || typeof v !== 'object') {
      emit(typeof v === 'string' ? str(v) : JSON.stringify(v));
      return;
    }
    const isArr = Array.isArray(v);
    const keys = isArr ? v.map((_, i) => String(i)) : Object.keys(v);
    if (keys.length === 0) {
      emit(isArr ? '[]' : '{}');
      return;
    }
    if (depth >= limits.maxDepth * 4) {
      truncated = true;
      emit(isArr ? '["…"]' : '{"…": "…"}');
      return;
    }
    const inner = `${indent}  `;
    emit(isArr ? '[\n' : '{\n');
    const shown = keys.slice(0, limits.maxKeys * 5);
    shown.forEach((k, i) => {
      if (size > limits.maxJson) return;
      emit(inner);
      const child = isArr ? (v[i] as Json) : ownJson(v, k);
      const childP = isArr ? `${path}[${k}]` : childPath(path, k);
      if (!isArr) emit(`${str(k)}: `);
      walk(child, childP, inner, depth + 1);
      if (i < shown.length - 1 || shown.length < keys.length) emit(',');
      emit('\n');
    });
    if (shown.length < keys.length) {
      truncated = true;
      emit(`${inner}"…"\n`);
    }
    emit(`${indent}${isArr ? ']' : '}'}`);
  };
  walk(value, '', '', 0);
  if (size > limits.maxJson) truncated = true;
  return { text: out.join(''), truncated };
}
