/**
 * Token text must never become a theme icon in the hover. VS Code draws `$(name)` found in the
 * rendered text as an icon when a MarkdownString supports theme icons; the markdown escape
 * `\$\(` is consumed by the parser, so escaping alone lets a token paint a "verified" shield.
 */
import * as assert from 'node:assert/strict';
import { tokenHoverOnLine } from '../../../../src/editor/hover/hoverModel';
import { HoverTokenStore } from '../../../../src/editor/hover/hoverTokenStore';
import { fakeJwt } from '../../../fixtures/hoverTokens';
import { renderedText } from './markdownRender';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const SPOOF = '$(shield) $(check) verified';
/** VS Code's icon syntax: `$(name)` or `$(name~modifier)`. */
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;

/** Rendered text outside fenced code blocks (where a renderer with icons on would look). */
function textOutsideFences(markdown: string): string {
  return renderedText(markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, ''));
}

describe('hover: token text never becomes an icon', () => {
  const cases: Array<[string, string]> = [
    ['a claim', fakeJwt({ sub: SPOOF, iss: SPOOF, aud: [SPOOF], exp: NOW / 1000 + 3600 })],
    ['the kid and typ', fakeJwt({ sub: 'u', exp: NOW / 1000 + 3600 }, { alg: 'RS256', kid: SPOOF, typ: SPOOF })],
    ['a time claim that is text', fakeJwt({ sub: 'u', exp: SPOOF })],
  ];
  for (const [where, token] of cases) {
    it(`in ${where}`, () => {
      const hover = tokenHoverOnLine((f, t) => token.slice(f, Math.min(t, token.length)), 5, NOW, new HoverTokenStore());
      assert.ok(hover);
      assert.equal(hover.supportThemeIcons, false, 'the MarkdownString is built with theme icons off');
      const text = textOutsideFences(hover.markdown);
      assert.ok(text.includes('verified'), 'the text is still shown');
      assert.doesNotMatch(text, ICON, `icon syntax survives rendering: ${text.slice(0, 400)}`);
      assert.doesNotMatch(hover.markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, ''), /(?<!\\)\$\(/, 'our own markdown uses no icons either');
    });
  }
});
