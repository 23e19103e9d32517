/**
 * A short, readable JSON rendering of a decoded payload for the hover: long strings trimmed,
 * long arrays and objects cut, deep nesting collapsed, total size capped. Written directly as
 * text (no intermediate object), so `__proto__` keys and hostile depth cannot hurt.
 */
import { cut, showInvisibles } from '../../core/hostileText';
import type { Json } from '../../core/json';

export interface JsonPreviewLimits {
  /** Longest string value kept whole (characters). */
  readonly maxString: number;
  /** Longest key kept whole. */
  readonly maxKey: number;
  /** Entries shown per object or array. */
  readonly maxEntries: number;
  /** Nesting shown before collapsing to `{…}` / `[…]`. */
  readonly maxDepth: number;
  /** Total characters of the preview. */
  readonly maxChars: number;
  /** A container whose one-line form is at most this long stays on one line. */
  readonly inlineWidth: number;
}

export const defaultPreviewLimits: JsonPreviewLimits = {
  maxString: 96,
  maxKey: 48,
  maxEntries: 40,
  maxDepth: 5,
  maxChars: 3000,
  inlineWidth: 72,
};

/** A JSON string literal with invisible characters escaped and long text cut. */
function quote(text: string, max: number): string {
  const shown = text.length > max ? `${cut(text, max - 1)}…(${text.length} chars)` : text;
  return showInvisibles(JSON.stringify(shown));
}

function scalar(value: Json, limits: JsonPreviewLimits): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value, limits.maxString);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** Renders `value` on one line if it is short enough, else undefined. */
function inline(value: Json, limits: JsonPreviewLimits, depth: number, budget: number): string | undefined {
  const s = scalar(value, limits);
  if (s !== undefined) return s.length <= budget ? s : undefined;
  if (depth >= limits.maxDepth) return Array.isArray(value) ? '[…]' : '{…}';
  const parts: string[] = [];
  let used = 2;
  if (Array.isArray(value)) {
    if (value.length > limits.maxEntries) return undefined;
    for (const item of value) {
      const p = inline(item, limits, depth + 1, budget - used);
      if (p === undefined) return undefined;
      used += p.length + 2;
      if (used > budget) return undefined;
      parts.push(p);
    }
    return `[${parts.join(', ')}]`;
  }
  const obj = value as Record<string, Json>;
  const keys = Object.keys(obj);
  if (keys.length > limits.maxEntries) return undefined;
  for (const key of keys) {
    const k = quote(key, limits.maxKey);
    const p = inline(obj[key] as Json, limits, depth + 1, budget - used - k.length - 2);
    if (p === undefined) return undefined;
    used += k.length + p.length + 4;
    if (used > budget) return undefined;
    parts.push(`${k}: ${p}`);
  }
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/**
 * Formats a JSON value for display. Not meant to be parsed back: cut parts are marked with `…`.
 *
 * @example formatJsonPreview({ sub: 'u1', aud: ['a', 'b'] }) === '{\n  "sub": "u1",\n  "aud": ["a", "b"]\n}'
 */
export function formatJsonPreview(value: Json, limits: JsonPreviewLimits = defaultPreviewLimits): string {
  const out: string[] = [];
  let size = 0;
  let truncated = false;
  const push = (line: string): boolean => {
    if (truncated) return false;
    if (size + line.length + 1 > limits.maxChars) {
      truncated = true;
      out.push('…');
      return false;
    }
    out.push(line);
    size += line.length + 1;
    return true;
  };

  const walk = (v: Json, indent: string, prefix: string, suffix: string, depth: number): void => {
    const one = inline(v, limits, depth, Math.max(8, limits.inlineWidth - indent.length - prefix.length));
    if (one !== undefined) {
      push(`${indent}${prefix}${one}${suffix}`);
      return;
    }
    const s = scalar(v, limits);
    if (s !== undefined) {
      push(`${indent}${prefix}${s}${suffix}`);
      return;
    }
    const isArray = Array.isArray(v);
    if (!push(`${indent}${prefix}${isArray ? '[' : '{'}`)) return;
    const inner = `${indent}  `;
    if (isArray) {
      const shown = Math.min(v.length, limits.maxEntries);
      for (let i = 0; i < shown && !truncated; i++) {
        walk(v[i] as Json, inner, '', i < v.length - 1 ? ',' : '', depth + 1);
      }
      if (v.length > shown) push(`${inner}… ${v.length - shown} more`);
    } else {
      const obj = v as Record<string, Json>;
      const keys = Object.keys(obj);
      const shown = Math.min(keys.length, limits.maxEntries);
      for (let i = 0; i < shown && !truncated; i++) {
        const key = keys[i] as string;
        walk(obj[key] as Json, inner, `${quote(key, limits.maxKey)}: `, i < keys.length - 1 ? ',' : '', depth + 1);
      }
      if (keys.length > shown) push(`${inner}… ${keys.length - shown} more`);
    }
    push(`${indent}${isArray ? ']' : '}'}${suffix}`);
  };

  walk(value, '', '', '', 0);
  return out.join('\n');
}
