import * as assert from 'node:assert/strict';
import {
  codeFence,
  codeSpan,
  cut,
  escapeMarkdown,
  hasInvisibles,
  plainText,
  showInvisibles,
  showInvisiblesAsJson,
  stripInvisibles,
  truncate,
} from '../../../src/core/hostileText';
import { hostileClaims } from '../../fixtures/hoverTokens';
import { fences, linkTargets, renderMarkdown, renderedText } from '../editor/hover/markdownRender';

type Kind = 'invisible' | 'layout' | 'syntax';
interface Hostile {
  readonly name: string;
  readonly text: string;
  readonly kind: Kind;
}

const hex = (c: string): string => c.charCodeAt(0).toString(16).padStart(4, '0');
const range = (from: number, to: number, kind: Kind): Hostile[] =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const text = String.fromCharCode(from + i);
    return { name: `U+${hex(text).toUpperCase()}`, text, kind };
  });
const one = (code: number, kind: Kind = 'invisible'): Hostile[] => range(code, code, kind);

/** The one list: every function below is fed every entry. */
const HOSTILE: readonly Hostile[] = [
  ...one(0x061c),
  ...range(0x200b, 0x200f, 'invisible'),
  ...range(0x202a, 0x202e, 'invisible'),
  ...range(0x2060, 0x2064, 'invisible'),
  ...range(0x2066, 0x2069, 'invisible'),
  ...one(0x180e),
  ...one(0x3164),
  ...one(0x115f),
  ...one(0x1160),
  ...one(0x034f),
  ...one(0xfeff),
  ...one(0x00ad),
  ...range(0x0000, 0x0008, 'invisible'),
  ...range(0x000b, 0x000c, 'invisible'),
  ...range(0x000e, 0x001f, 'invisible'),
  ...range(0x007f, 0x009f, 'invisible'),
  { name: 'lone high surrogate', text: '\ud83d', kind: 'invisible' },
  { name: 'lone low surrogate', text: '\ude00', kind: 'invisible' },
  ...one(0x2028),
  ...one(0x2029),
  { name: 'tab', text: '\t', kind: 'layout' },
  { name: 'LF', text: '\n', kind: 'layout' },
  { name: 'CR', text: '\r', kind: 'layout' },
  { name: 'CRLF', text: '\r\n', kind: 'layout' },
  { name: 'theme icon', text: '$(zap)', kind: 'syntax' },
  { name: 'link', text: '[x](command:workbench.action.terminal.new)', kind: 'syntax' },
  { name: 'html', text: '<img src=x onerror=alert(1)>', kind: 'syntax' },
  { name: 'entity', text: '&lt;b&gt;&#x5b;', kind: 'syntax' },
  { name: 'backticks', text: '`` ` ```', kind: 'syntax' },
  ...[...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'].map((c): Hostile => ({ name: `"${c}"`, text: c, kind: 'syntax' })),
];

const INVISIBLES = HOSTILE.filter((h) => h.kind === 'invisible').map((h) => h.text);
const LAYOUT = ['\t', '\n', '\r', '\u2028', '\u2029'];

/** Each input is tried alone, inside text and at the start of text (block syntax). */
const placements = (t: string): string[] => [t, `a${t}b`, `${t}x`, `x${t}`];

/** Text of rendered HTML with markdown-it's entities decoded. */
function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function assertNoRaw(out: string, chars: readonly string[], what: string): void {
  for (const c of chars) assert.ok(!out.includes(c), `${what}: raw U+${hex(c).toUpperCase()} in ${JSON.stringify(out)}`);
}

/** What a one-line surface should show for `text`: breaks as one space, invisibles as escapes. */
function visibleLine(text: string): string {
  let out = '';
  let inBreak = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (LAYOUT.includes(c)) {
      if (!inBreak) out += ' ';
      inBreak = true;
      continue;
    }
    inBreak = false;
    const pair = /[\ud800-\udbff]/.test(c) && /[\udc00-\udfff]/.test(text[i + 1] ?? '');
    out += INVISIBLES.includes(c) && !pair ? `\\u{${hex(c)}}` : c;
  }
  return out;
}

describe('core/hostileText', () => {
  it('has one invisible set: every invisible entry and nothing else', () => {
    for (const h of HOSTILE) {
      const expected = h.kind === 'invisible' ? true : ['\u2028', '\u2029'].includes(h.text);
      assert.equal(hasInvisibles(`a${h.text}b`), expected, h.name);
    }
    assert.equal(hasInvisibles('\ud83d\ude00 plain text'), false, 'a surrogate pair is not invisible');
  });

  it('showInvisibles writes each invisible character as \\u{…} and keeps tab and line breaks', () => {
    for (const h of HOSTILE) {
      for (const input of placements(h.text)) {
        const out = showInvisibles(input);
        assertNoRaw(out, INVISIBLES, h.name);
        if (h.kind === 'invisible') assert.equal(out, input.replace(h.text, `\\u{${hex(h.text)}}`), h.name);
        else assert.equal(out, input, h.name);
      }
    }
    assert.equal(showInvisibles('\ud83d\ude00'), '\ud83d\ude00');
  });

  it('showInvisiblesAsJson writes JSON escapes that parse back to the original', () => {
    for (const h of HOSTILE) {
      for (const input of placements(h.text)) {
        const out = showInvisiblesAsJson(input);
        assertNoRaw(out, INVISIBLES, h.name);
        if (h.kind === 'invisible') assert.equal(JSON.parse(`"${out}"`), input, h.name);
        else assert.equal(out, input, h.name);
      }
    }
    assert.equal(showInvisiblesAsJson('admin\u202Egnp.exe'), 'admin\\u202Egnp.exe');
  });

  it('stripInvisibles drops exactly the invisible characters', () => {
    for (const h of HOSTILE) {
      const out = stripInvisibles(`a${h.text}b`);
      assert.equal(out, h.kind === 'invisible' ? 'ab' : `a${h.text}b`, h.name);
    }
  });

  it('cut and truncate never split a surrogate pair and stay within the limit', () => {
    for (const h of HOSTILE) {
      const input = `${h.text}\ud83d\ude00${h.text}x\ud83d\ude00`;
      for (let max = 0; max <= input.length + 1; max++) {
        const c = cut(input, max);
        assert.ok(c.length <= max && input.startsWith(c), `${h.name} cut ${max}`);
        const last = c.charCodeAt(c.length - 1);
        const splits = last >= 0xd800 && last <= 0xdbff && /[\udc00-\udfff]/.test(input[c.length] ?? '');
        assert.ok(!splits, `${h.name}: cut ${max} splits a pair`);
        if (max < 1) continue;
        const t = truncate(input, max);
        assert.ok(t.length <= max, `${h.name} truncate ${max}`);
        if (t !== input) {
          assert.ok(t.endsWith('…') && input.startsWith(t.slice(0, -1)), `${h.name} truncate ${max}`);
          assert.equal(t.slice(0, -1), cut(input, max - 1));
        }
      }
    }
  });

  it('plainText: one line, invisibles visible, no link or icon syntax', () => {
    for (const h of HOSTILE) {
      for (const input of placements(h.text)) {
        const out = plainText(input, 1000);
        assertNoRaw(out, [...INVISIBLES, ...LAYOUT], h.name);
        assert.ok(!out.includes('](') && !out.includes('$('), `${h.name}: ${out}`);
        assert.equal(out, visibleLine(input).replace(/\]\(/g, '] (').replace(/\$\(/g, '$ ('), h.name);
      }
    }
    assert.equal(plainText('[x](command:workbench.action.terminal.new)'), '[x] (command:workbench.action.terminal.new)');
    assert.equal(plainText('$(alert) hi\nthere'), '$ (alert) hi there');
    assert.equal(plainText('a\u202eb'), 'a\\u{202e}b');
  });

  it('plainText keeps `max` characters of the text, then an ellipsis, without splitting a pair', () => {
    const long = `${'x'.repeat(9)}\ud83d\ude00tail`;
    assert.equal(plainText(long, 10), `${'x'.repeat(9)}…`);
    assert.equal(plainText('short', 10), 'short');
  });

  it('escapeMarkdown renders every hostile input as the same visible text, with no tag or link', () => {
    for (const h of HOSTILE) {
      for (const input of placements(h.text)) {
        const out = escapeMarkdown(input);
        assertNoRaw(out, [...INVISIBLES, ...LAYOUT], h.name);
        assert.deepEqual(linkTargets(out), [], h.name);
        const html = renderMarkdown(out);
        assert.match(html, /^(<p>[^<]*<\/p>\n)?$/, `${h.name}: ${html}`);
        assert.equal(renderedText(out).trim(), visibleLine(input).replace(/\$\(/g, '$ (').trim(), `${h.name}: ${out}`);
      }
    }
  });

  it('escapeMarkdown escapes every ASCII punctuation character and cuts to `max`', () => {
    assert.equal(escapeMarkdown('[x](command:evil)'), '\\[x\\]\\(command\\:evil\\)');
    assert.equal(escapeMarkdown('a<b>&c'), 'a\\<b\\>\\&c');
    assert.equal(escapeMarkdown('line1\nline2'), 'line1 line2');
    assert.equal(escapeMarkdown('x'.repeat(500), 160).length, 161);
    assert.equal(renderMarkdown(escapeMarkdown('a *b* [c](d) `e` <f> &amp;')).trim(), '<p>a *b* [c](d) `e` &lt;f&gt; &amp;amp;</p>');
  });

  it("escapeMarkdown keeps the hover fixture's hostile claim values as text (no link, no tag)", () => {
    for (const value of Object.values(hostileClaims)) {
      if (typeof value !== 'string' || value.length > 1000) continue;
      const escaped = escapeMarkdown(value);
      assert.deepEqual(linkTargets(escaped), [], value);
      const html = renderMarkdown(escaped);
      assert.doesNotMatch(html, /<(?!\/?p>)[a-z]/i, `no tags from ${JSON.stringify(value)}: ${html}`);
    }
  });

  it('escapeMarkdown never leaves `$(` for a theme icon, even after the parser drops backslashes', () => {
    for (const input of ['$(zap)', '\\$(zap)', '$\\(zap)', '$$((zap))']) {
      assert.ok(!renderedText(escapeMarkdown(input)).includes('$('), input);
    }
  });

  it('codeSpan cannot be broken out of: the rendered code is the visible text', () => {
    for (const h of HOSTILE) {
      for (const input of placements(h.text)) {
        const out = codeSpan(input);
        assertNoRaw(out, [...INVISIBLES, ...LAYOUT], h.name);
        const html = renderMarkdown(`see ${out} here`);
        const m = /^<p>see <code>([^<]*)<\/code> here<\/p>\n$/.exec(html);
        assert.ok(m, `${h.name}: ${html}`);
        assert.equal(decodeHtml(m[1]!), visibleLine(input), h.name);
      }
    }
    assert.equal(codeSpan('exp'), '`exp`');
    assert.equal(codeSpan(''), '');
  });

  it('codeFence cannot be closed by its content: one block holding the visible text', () => {
    for (const h of HOSTILE) {
      for (const input of placements(h.text)) {
        const out = codeFence(`{"v": "${input}"}\n\`\`\`\n${input}`, 'json');
        assertNoRaw(out, INVISIBLES, h.name);
        const blocks = fences(out);
        assert.equal(blocks.length, 1, h.name);
        // The renderer reads CR and CRLF as line ends.
        const content = `${showInvisibles(`{"v": "${input}"}\n\`\`\`\n${input}`)}\n`.replace(/\r\n?/g, '\n');
        assert.equal(blocks[0]!.content, content, h.name);
        assert.equal(blocks[0]!.info, 'json');
      }
    }
    assert.equal(codeFence('x').split('\n')[0], '```text');
    assert.equal(codeFence('a ```` b').split('\n')[0], '`````text');
  });
});
