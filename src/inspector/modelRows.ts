/**
 * The inspector model's field rows and JSON views: bounded (long strings cut, wide objects and
 * deep nesting limited, each limit a visible note), with sensitive values withheld. Pure (core
 * only, no vscode). Split from `viewModel.ts`, which assembles the whole model.
 */
import { describeAmr, describeField, type FieldContext, type FieldInfo } from '../core/claims';
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import type { Translate } from '../core/template';
import { parseInstant } from '../core/time';
import { readNumericDate, TOKEN_TIME_CLAIMS } from '../core/tokenTime';
import { claimProblem } from '../core/verdictText';
import { sensitiveFields } from '../core/warnings';
import type { ProviderKind } from '../providers/types';
import type { FieldKind, FieldPart, FieldRow, FieldTable, LimitNote, ValueType } from '../shared/inspectorModel';
import { cut, displayText, ownEntries } from './displayText';

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

/** Field contexts of session and user objects per provider kind. */
export function contextsFor(kind: ProviderKind | undefined): { session?: FieldContext; user?: FieldContext } {
  switch (kind) {
    case 'better-auth':
      return { session: 'better-auth.session', user: 'better-auth.user' };
    case 'authing':
      return { session: 'authing.session', user: 'authing.userInfo' };
    case 'authms':
      return { session: 'authms.session' };
    case 'oidc':
      return { session: 'oidc.introspection', user: 'oidc.introspection' };
    default:
      return {};
  }
}

/** Same path syntax as the core's `sensitiveFields`, so the two can be matched. */
function childPath(parent: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function isEmptyValue(v: Json): boolean {
  return v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0) || (isJsonObject(v) && Object.keys(v).length === 0);
}

function valueTypeOf(v: Json): ValueType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

/** Names that look like instants even when the core does not know the field. */
const TIME_NAME = /(At|_at|Time|_time|Date|_date|^iat|^exp|^nbf|Expires|expires|expiry|Expiry|lastLogin|signedUp)$/;

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

/** Builds the rows of all tables, sharing one row budget and one id counter. */
export class RowBuilder {
  private nextId = 0;
  private rows = 0;
  budgetHit = false;
  readonly withheld = new Map<string, { value: string; truncated: boolean }>();

  constructor(
    private readonly limits: ModelLimits,
    private readonly t: Translate,
  ) {}

  table(part: FieldPart, obj: JsonObject, context: FieldContext | undefined): FieldTable {
    const sensitive = new Set(sensitiveFields(obj).map((f) => f.path));
    const before = this.budgetHit;
    const { rows, notes } = this.children(part, obj, '', 0, context, sensitive);
    const tableNotes: LimitNote[] = [...notes];
    if (this.budgetHit && !before) tableNotes.push({ kind: 'row-budget', shown: this.rows });
    return { part, rows, ...(tableNotes.length > 0 ? { notes: tableNotes } : {}) };
  }

  private children(
    part: FieldPart,
    value: JsonObject | Json[],
    path: string,
    depth: number,
    context: FieldContext | undefined,
    sensitive: ReadonlySet<string>,
  ): { rows: FieldRow[]; notes: LimitNote[] } {
    const entries: [string, Json][] = Array.isArray(value)
      ? value.slice(0, this.limits.maxKeys).map((v, i) => [String(i), v])
      : (ownEntries(value).slice(0, this.limits.maxKeys) as [string, Json][]);
    const total = Array.isArray(value) ? value.length : Object.keys(value).length;
    const rows: FieldRow[] = [];
    for (const [key, child] of entries) {
      if (this.rows >= this.limits.maxRows) {
        this.budgetHit = true;
        break;
      }
      const childP = Array.isArray(value) ? `${path}[${key}]` : childPath(path, key);
      rows.push(this.row(part, key, child, childP, depth, context, sensitive, Array.isArray(value)));
    }
    const notes: LimitNote[] = total > entries.length ? [{ kind: 'keys-truncated', total, shown: entries.length }] : [];
    return { rows, notes };
  }

  private row(
    part: FieldPart,
    key: string,
    value: Json,
    path: string,
    depth: number,
    context: FieldContext | undefined,
    sensitive: ReadonlySet<string>,
    arrayItem: boolean,
  ): FieldRow {
    this.rows++;
    const id = `${part}-${this.nextId++}`;
    const name = displayText(arrayItem ? `[${key}]` : key, 200);
    const info = lookup(key, path, depth, context, arrayItem, value);
    const explanation = info ? { summary: this.t(info.summary), source: info.source } : undefined;
    const valueType = valueTypeOf(value);
    const base = {
      id,
      name: name.text,
      path: displayText(path, 500).text,
      valueType,
      ...(explanation ? { explanation } : {}),
      // Only top-level names of a known context can be "unknown"; array items never are.
      unknown: context !== undefined && depth === 0 && !arrayItem && info === undefined,
      ...(name.controlChars ? { controlChars: true } : {}),
    };

    if ((sensitive.has(path) || info?.kind === 'secret') && !isEmptyValue(value)) {
      const text = typeof value === 'string' ? value : preview(value, this.limits.maxReveal + 1);
      const shown = cut(text, this.limits.maxReveal);
      this.withheld.set(id, { value: shown, truncated: shown.length < text.length });
      return { ...base, kind: 'secret', display: '', masked: { length: text.length, reason: sensitiveReason(key) } };
    }

    const notes: LimitNote[] = [];
    let kind: FieldKind;
    let display: string;
    let time: number | undefined;
    let controlChars = name.controlChars;
    let children: FieldRow[] | undefined;
    let timeProblem: string | undefined;
    switch (valueType) {
      case 'string':
      case 'number': {
        const raw = valueType === 'string' ? (value as string) : String(value);
        const shown = displayText(raw, this.limits.maxString);
        display = shown.text;
        controlChars ||= shown.controlChars;
        if (shown.truncatedFrom !== undefined) notes.push({ kind: 'string-truncated', total: shown.truncatedFrom, shown: this.limits.maxString });
        const timeLike = info?.kind === 'time' || (info === undefined && TIME_NAME.test(key));
        if (isJwtTimeClaim(context, depth, key)) {
          // JWT time claims are NumericDates: read exactly as the verdict reads them, never
          // guessing milliseconds or parsing strings (the hover and the JSON document don't).
          const read = readNumericDate(value);
          time = read?.status === 'ok' ? read.ms : undefined;
          timeProblem = claimProblem(read, this.t);
        } else {
          time = timeLike ? parseInstant(value) : undefined;
        }
        kind = time !== undefined ? 'time' : valueType === 'number' ? 'number' : 'text';
        break;
      }
      case 'boolean':
        display = String(value);
        kind = 'flag';
        break;
      case 'null':
        display = 'null';
        kind = 'null';
        break;
      default: {
        const pv = displayText(preview(value, 160), 170);
        display = pv.text;
        kind = valueType === 'array' ? 'list' : 'object';
        if (depth + 1 >= this.limits.maxDepth) {
          notes.push({ kind: 'depth-limit', depth: this.limits.maxDepth });
        } else {
          const sub = this.children(part, value as JsonObject | Json[], path, depth + 1, context, sensitive);
          children = sub.rows;
          notes.push(...sub.notes);
        }
      }
    }
    return {
      ...base,
      kind,
      display,
      ...(time !== undefined ? { time } : {}),
      ...(timeProblem !== undefined ? { timeProblem } : {}),
      ...(controlChars ? { controlChars: true } : {}),
      ...(children ? { children } : {}),
      ...(valueType === 'array' || valueType === 'object' ? { count: Array.isArray(value) ? value.length : Object.keys(value as JsonObject).length } : {}),
      ...(notes.length > 0 ? { notes } : {}),
    };
  }
}

/** A top-level `exp`, `nbf`, `iat` or `auth_time` of a JWT payload. */
function isJwtTimeClaim(context: FieldContext | undefined, depth: number, key: string): boolean {
  return context === 'jwt-payload' && depth === 0 && (TOKEN_TIME_CLAIMS as readonly string[]).includes(key);
}

/** Claim knowledge for a row: by name at the top, by dotted path below, `amr` values by value. */
function lookup(key: string, path: string, depth: number, context: FieldContext | undefined, arrayItem: boolean, value: Json): FieldInfo | undefined {
  if (context === undefined) return undefined;
  if (arrayItem) return /^amr\[\d+\]$/.test(path) && typeof value === 'string' ? describeAmr(value) : undefined;
  if (depth === 0) return describeField(key, context);
  const nested = describeField(path, context);
  if (nested) return nested;
  // Authing's session keeps its cookie as an object with a table of its own.
  if (context === 'authing.session' && path.startsWith('cookie.')) return describeField(path.slice('cookie.'.length), 'authing.cookie');
  return undefined;
}

function sensitiveReason(key: string): string {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  if (k.includes('salt')) return 'salt';
  if (k.includes('password') || k === 'pwd' || k === 'passwd') return 'password';
  if (k.includes('token')) return 'token';
  if (k.includes('key')) return 'key';
  return 'secret';
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
    return JSON.stringify(shown.text.length < s.length || shown.controlChars ? shown.text : s)
      .replace(/\\\\u([0-9A-F]{4})/g, '\\u$1');
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
