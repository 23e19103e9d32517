// The webview's codicons, cut down to the glyphs it names (a build step of esbuild.mjs, tested by
// test/unit/webview/codiconSubset.test.ts). The full set is 650 CSS rules and a 126 KB font for
// the 40-odd glyphs the inspector shows; every page parses the rules and fetches the font, and a
// font request still in flight when a panel closes held the next webview's resources for the
// service worker's 30 s timeout in code-server (the bench's "stalls").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import subsetFont from 'subset-font';

/** A `.codicon-NAME:before { content: "\eb99" }` rule of codicon.css. */
const glyphRule = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}$/;

/** Every quoted lower-case-and-hyphen literal in `dir`'s .ts files (candidate glyph names). */
export function quotedLiterals(dir) {
  const names = new Set();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/['"`]([a-z0-9-]{2,40})['"`]/g)) names.add(m[1]);
  }
  return names;
}

/**
 * codicon.css without the rules of glyphs not in `used`, its font URL without the version query
 * (so the page's `<link rel="preload">` of `codicon.ttf` is the request the stylesheet makes), and
 * the font cut down to the code points those rules name.
 * @param {string} css the package's codicon.css
 * @param {Uint8Array} ttf the package's codicon.ttf
 * @param {Set<string>} used glyph names to keep
 * @returns {Promise<{ css: string, ttf: Uint8Array, codePoints: number[] }>}
 */
export async function codiconSubset(css, ttf, used) {
  const codePoints = [];
  const kept = css
    .split('\n')
    .filter((line) => {
      const glyph = glyphRule.exec(line);
      if (!glyph) return true;
      const keep = used.has(glyph[1]);
      if (keep) codePoints.push(parseInt(glyph[2], 16));
      return keep;
    })
    .join('\n')
    .replace(/url\("\.\/codicon\.ttf\?[0-9a-f]*"\)/, 'url("./codicon.ttf")');
  const unique = [...new Set(codePoints)].sort((a, b) => a - b);
  const font = await subsetFont(Buffer.from(ttf), String.fromCodePoint(...unique), { targetFormat: 'truetype' });
  return { css: kept, ttf: new Uint8Array(font), codePoints: unique };
}
