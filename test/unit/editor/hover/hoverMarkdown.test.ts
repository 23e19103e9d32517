import * as assert from 'node:assert/strict';
import { decodeJwt, type DecodedJwt } from '../../../../src/core/decode';
import type { TokenWarning } from '../../../../src/core/warnings';
import {
  formatDuration,
  hoverActionUri,
  jweHoverMarkdown,
  jwsHoverMarkdown,
  malformedHoverMarkdown,
  opaqueHoverMarkdown,
} from '../../../../src/editor/hover/hoverMarkdown';
import { fakeJwt, hostileClaims } from '../../../fixtures/hoverTokens';
import { commandUrisOutsideCode, fences, linkTargets, renderedText, renderMarkdown } from './markdownRender';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const sec = (ms: number): number => Math.floor(ms / 1000);

function decoded(payload: Record<string, unknown>, header?: Record<string, unknown>): DecodedJwt {
  const r = decodeJwt(fakeJwt(payload, header));
  assert.ok(r.ok, 'test token decodes');
  return r.token;
}

/** Every link in the markdown must be one of ours, with our own arguments. */
function assertOnlyOurLinks(markdown: string, linkId: string): void {
  for (const uri of commandUrisOutsideCode(markdown)) {
    assert.match(uri, /^command:authlens\.[A-Za-z]+\?/, `unexpected command URI ${uri.slice(0, 80)}`);
  }
  for (const target of linkTargets(markdown)) {
    assert.ok(target.startsWith('command:authlens.hoverAction?'), `unexpected link target ${target.slice(0, 80)}`);
    const args: unknown = JSON.parse(decodeURIComponent(target.slice(target.indexOf('?') + 1)));
    assert.ok(Array.isArray(args) && args.length === 2 && args[0] === linkId, 'arguments are [our id, action]');
    assert.ok(['inspect', 'copyPayload', 'copyAuthorizationHeader'].includes(args[1] as string));
  }
}

function assertNoActiveHtml(markdown: string): void {
  const html = renderMarkdown(markdown);
  assert.doesNotMatch(html, /<img|<script|<a href="(?!command:authlens\.hoverAction\?)/i);
  assert.doesNotMatch(html, /\u202e/, 'bidi override is shown escaped');
}

describe('hover markdown', () => {
  it('shows alg, kid, iss/sub/aud, times absolute and relative, and three links', () => {
    const token = decoded({
      iss: 'https://issuer.test',
      sub: 'user-1',
      aud: ['api', 'web'],
      exp: sec(NOW + 12 * 60_000),
      iat: sec(NOW - 2 * 86_400_000),
    });
    const { markdown, enabledCommands } = jwsHoverMarkdown({ decoded: token, warnings: [], now: NOW, linkId: 'id1' });
    assert.deepEqual(enabledCommands, ['authlens.hoverAction']);
    const text = renderedText(markdown);
    for (const part of [
      'JWT (signed)',
      'decoded, not verified',
      'Algorithm RS256',
      'Key ID test-key-1',
      'Issuer iss https://issuer.test',
      'Subject sub user-1',
      'Audience aud api, web',
      'Expires exp 2025-06-01 12:12:00 UTC · expires in 12 min',
      'Issued iat 2025-05-30 12:00:00 UTC · 2 days ago',
      'Inspect · Copy Payload · Copy as Authorization header',
    ]) {
      assert.ok(text.includes(part), `hover reads "${part}":\n${text}`);
    }
    assert.deepEqual(
      linkTargets(markdown).map((t) => JSON.parse(decodeURIComponent(t.split('?')[1] as string)) as unknown),
      [
        ['id1', 'inspect'],
        ['id1', 'copyPayload'],
        ['id1', 'copyAuthorizationHeader'],
      ],
    );
    assert.equal(fences(markdown).length, 1);
    assert.equal(fences(markdown)[0]?.info, 'json');
    assert.ok(fences(markdown)[0]?.content.includes('"sub": "user-1"'));
  });

  it('says "expired 2 days ago" for an expired token', () => {
    const { markdown } = jwsHoverMarkdown({ decoded: decoded({ exp: sec(NOW - 2 * 86_400_000) }), warnings: [], now: NOW, linkId: 'x' });
    assert.ok(renderedText(markdown).includes('expired 2 days ago'));
  });

  it('shows warnings with severity, escaped', () => {
    const warnings: TokenWarning[] = [
      { code: 'alg-none', severity: 'error', message: 'Unsigned [x](command:workbench.action.terminal.new)' },
      { code: 'no-exp', severity: 'error', message: 'No expiry', hint: 'Add <b>exp</b>' },
      { code: 'x' as TokenWarning['code'], severity: 'info', message: 'FYI' },
    ];
    const { markdown } = jwsHoverMarkdown({ decoded: decoded({ sub: 'a' }), warnings, now: NOW, linkId: 'w' });
    // Plain marks, not theme icons: the hover renders with supportThemeIcons off.
    assert.match(markdown, /✖ \*\*Error\*\* Unsigned \\\[x\\\]\\\(command\\:/);
    assert.ok(markdown.includes('✖ **Error** No expiry — Add \\<b\\>exp\\<\\/b\\>'), markdown);
    assert.match(markdown, /ℹ \*\*Info\*\* FYI/);
    assertOnlyOurLinks(markdown, 'w');
  });

  it('renders hostile claim values (links, HTML, icons, bidi, 1 MB, __proto__) as text only', () => {
    const payload = { ...hostileClaims, iss: hostileClaims['link'], sub: hostileClaims['img'], aud: [hostileClaims['html'], '$(zap)'] };
    const header = { alg: '[a](command:workbench.action.terminal.new)', kid: '<img src=x onerror=alert(1)>', typ: '$(zap)\u202e' };
    const { markdown } = jwsHoverMarkdown({ decoded: decoded(payload, header), warnings: [], now: NOW, linkId: 'h' });
    assertOnlyOurLinks(markdown, 'h');
    assertNoActiveHtml(markdown);
    // Theme icons only where we put them (severity/state lines), never from token text.
    const outsideCode = markdown.replace(/^(`{3,})json\n[\s\S]*?\n\1$/m, '');
    for (const m of outsideCode.matchAll(/(?<!\\)\$\(([a-z-]+)\)/g)) {
      assert.ok(['error', 'warning', 'info', 'pass'].includes(m[1] as string), `icon ${m[0]}`);
    }
    assert.ok(markdown.length < 8000, `hover is capped (${markdown.length} chars)`);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.ok(markdown.includes('"__proto__"'), 'the key is shown as data');
    assert.ok(markdown.includes('\\\\u\\{202e\\}') || markdown.includes('\\u{202e}'), 'bidi override visible as an escape');
  });

  it('chooses a fence longer than any backtick run in the payload', () => {
    const payload = { a: '``````', b: '```json', c: '`' };
    const { markdown } = jwsHoverMarkdown({ decoded: decoded(payload), warnings: [], now: NOW, linkId: 'f' });
    const [fence] = fences(markdown);
    assert.ok(fence);
    assert.ok(fence.markup.length >= 7, `fence ${fence.markup.length}`);
    assert.ok(fence.content.includes('"a": "``````"') && fence.content.includes('"c": "`"'));
  });

  it('names a JWE and shows its readable header', () => {
    const { markdown, enabledCommands } = jweHoverMarkdown({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: '<k>' }, 'e');
    const text = renderedText(markdown);
    assert.ok(text.includes('Encrypted token (JWE)'));
    assert.ok(text.includes('Content encryption A256GCM') && text.includes('Key ID <k>'), text);
    assert.deepEqual(enabledCommands, ['authlens.hoverAction']);
    assertOnlyOurLinks(markdown, 'e');
  });

  it('names an opaque token without showing it', () => {
    const { markdown } = opaqueHoverMarkdown(40, 'o');
    assert.ok(renderedText(markdown).includes('Opaque token') && renderedText(markdown).includes('Not a JWT (40 characters)'));
    assertOnlyOurLinks(markdown, 'o');
  });

  it('gives a malformed token one line and no links', () => {
    const { markdown, enabledCommands } = malformedHoverMarkdown('payload is not JSON [x](command:evil)');
    assert.equal(markdown.split('\n').length, 1);
    assert.deepEqual(enabledCommands, []);
    assert.deepEqual(linkTargets(markdown), []);
    assert.equal(commandUrisOutsideCode(markdown).length, 0);
  });

  it('builds command URIs from the id and action only', () => {
    assert.equal(hoverActionUri('abc', 'inspect'), 'command:authlens.hoverAction?%5B%22abc%22%2C%22inspect%22%5D');
  });

  it('formats durations as a person says them', () => {
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(12 * 60_000), '12 min');
    assert.equal(formatDuration(-5 * 3_600_000), '5 h');
    assert.equal(formatDuration(2 * 86_400_000), '2 days');
    assert.equal(formatDuration(3 * 365 * 86_400_000), '3 years');
  });

  it('handles time claims that are not dates', () => {
    const { markdown } = jwsHoverMarkdown({ decoded: decoded({ exp: 'tomorrow', iat: 1e300 }), warnings: [], now: NOW, linkId: 't' });
    assert.ok(renderedText(markdown).includes('Expires exp tomorrow · not a NumericDate'), renderedText(markdown));
  });
});
