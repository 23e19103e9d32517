/**
 * Terminal escape sequences (colours, cursor moves, OSC 8 hyperlinks) blanked out of a line, so
 * scanners see the text a person sees. Each sequence becomes spaces of the same length: offsets
 * in the result are offsets in the input, and a sequence glued to a token (`\x1b[32meyJ…`)
 * becomes a delimiter instead of letters that would hide the token's start.
 */

const ESC = 0x1b;
/** C1 control sequence introducer (the one-byte `ESC [`). */
const CSI_C1 = 0x9b;
const BEL = 0x07;
const BACKSLASH = 0x5c;

function inRange(c: number, lo: number, hi: number): boolean {
  return c >= lo && c <= hi;
}

/** End (exclusive) of a control sequence's parameters, intermediates and final byte from `i`. */
function csiEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && inRange(s.charCodeAt(j), 0x30, 0x3f)) j++;
  while (j < s.length && inRange(s.charCodeAt(j), 0x20, 0x2f)) j++;
  return j < s.length && inRange(s.charCodeAt(j), 0x40, 0x7e) ? j + 1 : j;
}

/**
 * End (exclusive) of a string sequence (OSC, DCS, APC, PM) whose body starts at `i`: after BEL
 * or `ESC \`. A bare ESC ends it too (the next sequence starts there), so no character is read
 * twice and the whole pass stays linear.
 */
function stringEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === BEL) return j + 1;
    if (c === ESC) return s.charCodeAt(j + 1) === BACKSLASH ? j + 2 : j;
    j++;
  }
  return j;
}

/** End (exclusive) of the escape sequence that starts at `i` (an ESC or a C1 CSI). */
function sequenceEnd(s: string, i: number): number {
  if (s.charCodeAt(i) === CSI_C1) return csiEnd(s, i + 1);
  const next = s.charCodeAt(i + 1);
  if (next === 0x5b /* [ */) return csiEnd(s, i + 2);
  if (next === 0x5d /* ] */ || next === 0x50 /* P */ || next === 0x5f /* _ */ || next === 0x5e /* ^ */) return stringEnd(s, i + 2);
  // Two- and three-character escapes (`ESC ( B`, `ESC 7`): intermediates, then a final byte.
  let j = i + 1;
  while (j < s.length && inRange(s.charCodeAt(j), 0x20, 0x2f)) j++;
  return j < s.length && inRange(s.charCodeAt(j), 0x30, 0x7e) ? j + 1 : j;
}

/**
 * `line` with every escape sequence replaced by as many spaces. One pass; a line without ESC
 * (or C1 CSI) is returned as is. Sequences that follow each other make one run of spaces, so a
 * line of nothing but escapes costs one string, not one per sequence.
 *
 * @example
 * blankEscapes('\x1b[32mok\x1b[0m') // '     ok    '
 */
export function blankEscapes(line: string): string {
  const parts: string[] = [];
  let copied = 0;
  // The pending run of blanked characters [from, to); from < 0: none.
  let from = -1;
  let to = -1;
  const flush = (): void => {
    if (from < 0) return;
    parts.push(line.slice(copied, from), ' '.repeat(to - from));
    copied = to;
    from = -1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== ESC && c !== CSI_C1) continue;
    const end = Math.max(i + 1, sequenceEnd(line, i));
    if (from < 0 || i !== to) {
      flush();
      from = i;
    }
    to = end;
    i = end - 1;
  }
  flush();
  if (copied === 0) return line;
  parts.push(line.slice(copied));
  return parts.join('');
}
