import * as assert from 'node:assert/strict';
import type { JsonObject } from '../../../src/core/json';
import type { SessionInfo } from '../../../src/providers/types';
import { fieldsTable, flattenFields, tooltipText } from '../../../src/sessions/tooltipFields';
import { englishTooltipStrings, sessionTooltip, tokenTooltip } from '../../../src/sessions/tooltips';
import { dateFormatter } from '../../../src/core/dateText';

const now = Date.parse('2026-01-01T12:00:00Z');
const hostile = [
  '[x](command:workbench.action.terminal.new)',
  '<img src=x onerror="globalThis.pwned=1">',
  '<script>alert(1)</script>',
  '**bold** _em_ `code` # heading',
  '![img](https://evil.example/x.png)',
  'line1\nline2\r\n| a | b |',
  'rtl\u202eevil\u2066',
  'hidden\u2060\u061c\u3164\u115f\u034f\u180e',
  'https://evil.example/auto-link',
  '&lt;b&gt; entity',
];

/** What a Markdown renderer could turn into a link, an image, HTML or structure. */
function assertInert(md: string): void {
  // Every markdown/HTML-significant character is backslash-escaped.
  for (const ch of ['[', ']', '(', ')', '<', '>', '`', '*', '_', '!', '&', '#']) {
    const unescaped = new RegExp(`(^|[^\\\\])\\${ch}`);
    const lines = md.split('\n').filter((l) => !/^\|---\|---\|$/.test(l) && !/^\*\*[^*]*\*\*$/.test(l) && !/^\*[^*]*\*$/.test(l));
    for (const l of lines) {
      const body = l.replace(/^\| | \|$/g, '').replace(/ \| /g, '');
      assert.ok(!unescaped.test(body), `unescaped ${ch} in ${JSON.stringify(l)}`);
    }
  }
  assert.ok(!/command:/.test(md.replace(/command\\:/g, '')), 'a command: link survived');
  assert.ok(!/[\u202e\u2066]/.test(md), 'a bidi control survived');
  assert.ok(!/[\u2060\u061c\u3164\u115f\u034f\u180e]/.test(md), 'an invisible character survived');
}

describe('sessions/tooltips (escaping)', () => {
  it('cuts tooltip text to a cell and escapes it', () => {
    assert.equal(tooltipText('x'.repeat(500)), `${'x'.repeat(160)}…`);
    assert.equal(tooltipText('[x](command:evil)'), '\\[x\\]\\(command\\:evil\\)');
  });

  it('keeps hostile values inert in a table', () => {
    const md = fieldsTable(
      hostile.map((v, i) => ({ label: `f${i}`, value: v })),
      ['Field', 'Value'],
    );
    assertInert(md);
    assert.equal(md.split('\n').length, hostile.length + 2);
  });

  it('renders a session tooltip with hostile fields as text and secrets masked', () => {
    const s: SessionInfo = {
      id: '[id](command:workbench.action.terminal.new)',
      user: { name: '<img src=x onerror=alert(1)>', email: '[mail](command:x)' },
      userAgent: '<script>ua</script>',
      ip: '1.2.3.4',
      expiresAt: new Date(now + 60_000).toISOString(),
      status: 'active',
      tokens: [],
      raw: {
        session: { token: 'super-secret-session-token-value', note: hostile[0]!, nested: { html: hostile[1]!, password: 'hunter22' } },
        user: JSON.parse(JSON.stringify({ bio: hostile[3]! }).replace('{', '{"__proto__":"[p](command:x)",')) as JsonObject,
      },
    };
    const md = sessionTooltip(s, now);
    assertInert(md);
    assert.ok(!md.includes('super-secret-session-token-value'), 'the token is shown in full');
    assert.ok(md.includes('super\\-… \\(32 chars\\)'), md);
    assert.ok(!md.includes('hunter22'));
    // A short secret is masked completely, as in the log: not 6 of its 8 characters.
    assert.ok(!md.includes('hunter'), md);
    assert.ok(md.includes('••• \\(8 chars\\)'), md);
    assert.ok(md.includes('expires in 1m'));
    assert.ok(md.includes('\\_\\_proto\\_\\_'), 'the __proto__ key is shown as a field');
  });

  it('renders a token tooltip without the token', () => {
    const md = tokenTooltip(
      { kind: 'jwt', label: 'JWT [x](command:y)', value: 'eyJhbGciOiJub25lIn0.e30.', opaque: false },
      { alg: 'none', claims: [{ label: 'sub', value: hostile[0]! }] },
      now,
    );
    assertInert(md);
    assert.ok(!md.includes('eyJhbGciOiJub25lIn0'));
    assert.ok(md.includes('Decoded\\, not verified\\.'));
  });

  it('flattens nested objects with a depth limit and masks secret keys', () => {
    const rows = flattenFields({ a: { b: { c: { d: { e: 1 } } } }, clientSecret: 'abcdefghijklmnop', cookie: { x: 'y' }, ok: true });
    assert.deepEqual(
      rows.map((r) => r.path),
      ['a.b.c.d', 'clientSecret', 'cookie', 'ok'],
    );
    assert.equal(rows[1]!.value, 'abcdef… (16 chars)');
    assert.equal(rows[2]!.value, '{…}');
  });

  it('masks secret fields by the log’s rule: short ones completely, localised when a translation is given', () => {
    const rows = flattenFields({ password: 'hunter22', salt: 'abcdefghijk', token: 'abcdefghijkl' });
    assert.deepEqual(
      rows.map((r) => r.value),
      ['••• (8 chars)', '••• (11 chars)', 'abcdef… (12 chars)'],
    );
    const zh = flattenFields({ password: 'hunter22' }, '', 0, [], (s) => (s === '••• ({0} chars)' ? '•••（{0} 个字符）' : s));
    assert.equal(zh[0]!.value, '•••（8 个字符）');
  });
});

describe('sessions/tooltips (dates in the UI language)', () => {
  const created = '2025-12-31T08:00:00.000Z';
  const session: SessionInfo = {
    id: 's1',
    user: { name: 'Bob' },
    createdAt: created,
    expiresAt: new Date(now + 6 * 86_400_000 + 21 * 3_600_000).toISOString(),
    status: 'active',
    tokens: [],
    raw: { session: { createdAt: created } },
  };

  it('shows summary dates with the formatter given, keeping the server form in the raw table', () => {
    const zh = dateFormatter('zh-cn', { timeZone: 'UTC' });
    const md = sessionTooltip(session, now, { ...englishTooltipStrings, formatDate: zh });
    assert.ok(md.includes(`| Created | ${tooltipText('2025年12月31日 08:00:00')} |`), md);
    assert.ok(md.includes(`| Expires | ${tooltipText('2026年1月8日 09:00:00')} |`), md);
    // The fields as sent by the server keep the machine-readable ISO string.
    assert.ok(md.includes(`| createdAt | ${tooltipText(created)} |`), md);
    assert.equal(md.split(tooltipText(created)).length - 1, 1, 'the ISO string appears once, in the raw table');
  });

  it('without a formatter, shows the dates as the server sent them', () => {
    const md = sessionTooltip(session, now);
    assert.ok(md.includes(`| Created | ${tooltipText(created)} |`), md);
  });

  it('shows NumericDate claims of a token as a date with the number beside it', () => {
    const en = dateFormatter('en', { timeZone: 'UTC' });
    const exp = String(Math.floor(now / 1000) + 3600);
    const md = tokenTooltip(
      { kind: 'jwt', label: 'Access token', value: 'x.y.z', opaque: false },
      {
        claims: [
          { label: 'exp', value: exp },
          { label: 'sub', value: '12345' },
          { label: 'iat', value: 'not-a-number' },
        ],
      },
      now,
      { ...englishTooltipStrings, formatDate: en },
    );
    assert.ok(md.includes(`| exp | ${tooltipText(`Jan 1, 2026, 1:00:00 PM (${exp})`)} |`), md);
    assert.ok(md.includes('| sub | 12345 |'), 'a claim that is no date stays as it is');
    assert.ok(md.includes(`| iat | ${tooltipText('not-a-number')} |`), md);
  });
});
