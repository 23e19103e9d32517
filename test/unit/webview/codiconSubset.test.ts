/**
 * The webview's codicons (scripts/codiconSubset.mjs, run by esbuild.mjs): the stylesheet keeps the
 * rules of the glyphs the webview names, the font keeps exactly their code points, and the font's
 * URL is the one the page preloads.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codiconSubset, quotedLiterals } from '../../../scripts/codiconSubset.mjs';

const pkg = join(__dirname, '..', '..', '..', 'node_modules', '@vscode', 'codicons', 'dist');
const fullCss = readFileSync(join(pkg, 'codicon.css'), 'utf8');
const fullTtf = readFileSync(join(pkg, 'codicon.ttf'));

/** The code points a TrueType font maps to a glyph (its cmap's format 4 subtables: the BMP). */
function mappedCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const entry = 12 + 16 * i;
    if (String.fromCharCode(...font.subarray(entry, entry + 4)) === 'cmap') cmap = view.getUint32(entry + 8);
  }
  assert.ok(cmap >= 0, 'the font has a cmap table');
  const mapped = new Set<number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const sub = cmap + view.getUint32(cmap + 4 + 8 * i + 4);
    if (view.getUint16(sub) !== 4) continue;
    const segments = view.getUint16(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const offsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      const [start, end] = [view.getUint16(starts + 2 * s), view.getUint16(ends + 2 * s)];
      const [delta, offset] = [view.getUint16(deltas + 2 * s), view.getUint16(offsets + 2 * s)];
      for (let c = start; c <= end && c !== 0xffff; c++) {
        const glyph = offset === 0 ? (c + delta) & 0xffff : view.getUint16(offsets + 2 * s + offset + 2 * (c - start));
        if (glyph !== 0) mapped.add(c);
      }
    }
  }
  return mapped;
}

/** The code points of a stylesheet's `.codicon-NAME:before` rules, by name. */
function rules(css: string): Map<string, number> {
  return new Map([...css.matchAll(/^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/gm)].map((m) => [m[1]!, parseInt(m[2]!, 16)]));
}

describe('codicon subset (the webview icon stylesheet and font)', () => {
  it('keeps the rules and the glyphs of the names asked for, and nothing else', async () => {
    const subset = await codiconSubset(fullCss, fullTtf, new Set(['copy', 'shield', 'key', 'not-a-glyph']));
    const kept = rules(subset.css);
    assert.deepEqual([...kept.keys()].sort(), ['copy', 'key', 'shield']);
    const expected = [...new Set(kept.values())].sort((a, b) => a - b);
    assert.deepEqual(subset.codePoints, expected);
    assert.deepEqual(
      [...mappedCodePoints(subset.ttf)].sort((a, b) => a - b),
      expected,
      'the font maps exactly those code points',
    );
    assert.ok(mappedCodePoints(fullTtf).size > 400, 'the package font maps every codicon (the reader reads it)');
  });

  it("covers every glyph the webview names, far smaller than the package's, at the URL the page preloads", async () => {
    const subset = await codiconSubset(fullCss, fullTtf, quotedLiterals(join(__dirname, '..', '..', '..', 'webview')));
    const mapped = mappedCodePoints(subset.ttf);
    for (const [name, codePoint] of rules(subset.css)) assert.ok(mapped.has(codePoint), `the font has ${name}`);
    assert.ok(rules(subset.css).size >= 20, `the webview's glyphs: ${rules(subset.css).size}`);
    assert.ok(subset.ttf.byteLength * 5 < fullTtf.byteLength, `${subset.ttf.byteLength} bytes of ${fullTtf.byteLength}`);
    assert.match(subset.css, /src: url\("\.\/codicon\.ttf"\) format\("truetype"\)/);
    const panelHtml = readFileSync(join(__dirname, '..', '..', '..', 'src', 'inspector', 'panelHtml.ts'), 'utf8');
    assert.match(panelHtml, /rel="preload" href="\$\{uri\('dist', 'codicons', 'codicon\.ttf'\)\}" as="font"/);
  });
});
