/**
 * The character runs the token finder walks: which characters a compact token is made of, and a
 * cursor over one run with its work budget (so hostile text cannot make the scan slow).
 */
/** base64url alphabet or `.`: the characters of a JWS/JWE compact serialisation. */
export function isPlain(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46;
}

/** Plain plus `+` and `=`: scanned too, so that a token mangled into standard base64 is reported. */
export function isExtended(c: number): boolean {
  return isPlain(c) || c === 43 || c === 61;
}

export const DOT = 46;

const PLUS = 43;

const EQUALS = 61;

/** Characters sliced and decoded so far by one call; `findTokens` stops past its budget. */
export interface Work {
  spent: number;
}

/**
 * One run of extended characters [a, b), seen through a window [L, R) that only moves right.
 * It keeps what {@link locate} asks about the window (any `+`/`=`? the last dot, the last
 * non-dot, the last `=eyJ`) up to date as the window moves, so a walk over many candidates in
 * one run reads each character a bounded number of times instead of rescanning the run.
 */
export class RunCursor {
  L: number;
  R: number;
  /** `+` and `=` in [L, R). */
  plusEq = 0;
  /** Last `+`/`=`, dot and non-dot before R (-1: none). */
  lastPlusEq = -1;
  lastDot = -1;
  lastNonDot = -1;
  /** Last `eyJ` right after an `=` (`token=eyJ…`), at or before the offset (-1: none). */
  lastEqJwt = -1;
  private q: number;

  constructor(
    private readonly text: string,
    readonly a: number,
    readonly b: number,
  ) {
    this.L = a;
    this.R = a;
    this.q = a;
  }

  /** Window [max(a, i - w), min(b, i + 1 + w)) around `i`; `i` never decreases between calls. */
  moveTo(i: number, w: number): void {
    const t = this.text;
    const R = Math.min(this.b, i + 1 + w);
    for (; this.R < R; this.R++) {
      const c = t.charCodeAt(this.R);
      if (c === PLUS || c === EQUALS) {
        this.plusEq++;
        this.lastPlusEq = this.R;
      }
      if (c === DOT) this.lastDot = this.R;
      else this.lastNonDot = this.R;
    }
    const L = Math.max(this.a, i - w);
    for (; this.L < L; this.L++) {
      const c = t.charCodeAt(this.L);
      if (c === PLUS || c === EQUALS) this.plusEq--;
    }
    for (; this.q <= i; this.q++) {
      if (this.q > this.a && this.q + 3 <= this.b && t.charCodeAt(this.q - 1) === EQUALS && t.startsWith('eyJ', this.q)) this.lastEqJwt = this.q;
    }
  }
}

/** The whole run of extended characters containing `i` (each run is measured once per call). */
export function runAround(text: string, i: number): RunCursor {
  let a = i;
  while (a > 0 && isExtended(text.charCodeAt(a - 1))) a--;
  let b = i + 1;
  while (b < text.length && isExtended(text.charCodeAt(b))) b++;
  return new RunCursor(text, a, b);
}
