/** How a field's value is best shown. */
export type FieldKind = 'time' | 'text' | 'list' | 'object' | 'flag' | 'secret';

/** What AuthLens knows about a field: a one-line English summary and where it is defined. */
export interface FieldInfo {
  /** One line, English; also a key of the runtime l10n bundles (`vscode.l10n.t(summary)`). */
  readonly summary: string;
  /** Where the field is defined, e.g. "RFC 7519 §4.1.4" or "Better Auth admin plugin". */
  readonly source: string;
  readonly kind: FieldKind;
}

/** Rows of a field table: name, summary, source, kind. */
export type FieldTable = readonly (readonly [name: string, summary: string, source: string, kind: FieldKind])[];
/** Rows of the `amr` value table: value, summary, source. */
export type AmrTable = readonly (readonly [value: string, summary: string, source: string])[];
