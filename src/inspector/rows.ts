/**
 * The inspector model's field rows: bounded (long strings cut, wide objects and deep nesting
 * limited, each limit a visible note), with sensitive values withheld and claim knowledge from
 * the core. Pure (core only, no vscode). `viewModel.ts` assembles the whole model.
 */
import { describeAmr, describeField, type FieldContext, type FieldInfo } from '../core/claims';
import type { IdentityProvider } from '../core/identityProviders';
import type { Json, JsonObject } from '../core/json';
import type { Translate } from '../core/template';
import { parseInstant } from '../core/time';
import { readNumericDate, TOKEN_TIME_CLAIMS } from '../core/tokenTime';
import { claimProblem } from '../core/verdictText';
import { childPath, isEmptyValue, sensitiveFields } from '../core/warnings';
import type { FieldKind, FieldPart, FieldRow, FieldTable, LimitNote, ValueType } from '../shared/inspectorModel';
import { cut } from '../core/hostileText';
import { displayText, ownEntries, preview, type ModelLimits } from './boundedJson';

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

/** Builds the rows of all tables, sharing one row budget and one id counter. */
export class RowBuilder {
  private nextId = 0;
  private rows = 0;
  budgetHit = false;
  /** The provider that issued the token of the table being built: its claim names win. */
  private provider: IdentityProvider | undefined;
  readonly withheld = new Map<string, { value: string; truncated: boolean }>();

  constructor(
    private readonly limits: ModelLimits,
    private readonly t: Translate,
  ) {}

  table(part: FieldPart, obj: JsonObject, context: FieldContext | undefined, provider?: IdentityProvider): FieldTable {
    this.provider = provider;
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
    const info = lookup(key, path, depth, context, arrayItem, value, this.provider);
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
        const raw = typeof value === 'number' ? String(value) : (value as string);
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
        display = String(value === true);
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
function lookup(
  key: string,
  path: string,
  depth: number,
  context: FieldContext | undefined,
  arrayItem: boolean,
  value: Json,
  provider: IdentityProvider | undefined,
): FieldInfo | undefined {
  if (context === undefined) return undefined;
  if (arrayItem) return /^amr\[\d+\]$/.test(path) && typeof value === 'string' ? describeAmr(value) : undefined;
  if (depth === 0) return describeField(key, context, provider);
  const nested = describeField(path, context, provider);
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
