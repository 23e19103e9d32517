/**
 * Threat 2 of the security model (issue 9): a token's content tries to act. One table of
 * hostile token contents goes through every pure renderer AuthLens has:
 *   - the hover (`tokenHoverOnLine`: find, decode, markdown),
 *   - the Sessions tree (labels, descriptions, session and token tooltips),
 *   - the decoded JSON document (`decodedJson`),
 *   - the inspector's view model (`buildInspectorModel`).
 * Markdown is rendered with markdown-it (HTML off, like VS Code's hovers) to see what a person
 * would get. Asserted: no tag from content, every `command:` link is AuthLens's own with
 * arguments the extension made, bounded output, invisible/bidi characters never raw, and no
 * prototype pollution.
 */
import * as assert from 'node:assert/strict';
import { CommandId } from '../../../src/commands/commandIds';
import { decodeJwt } from '../../../src/core/decode';
import { tokenWarnings } from '../../../src/core/warnings';
import { decodedJson } from '../../../src/core/decodedJson';
import { tokenHoverOnLine, type LineSliceReader } from '../../../src/editor/hover/hoverModel';
import { HoverTokenStore } from '../../../src/editor/hover/hoverTokenStore';
import { buildInspectorModel } from '../../../src/inspector/viewModel';
import type { SessionInfo, TokenInfo } from '../../../src/providers/types';
import { sessionDescription, sessionLabel, tokenSummary } from '../../../src/sessions/describe';
import { sessionTooltip, tokenTooltip } from '../../../src/sessions/tooltips';
import { plainText } from '../../../src/core/hostileText';
import { makeToken, rawToken } from '../../fixtures/tokens';
import { commandUrisOutsideCode, linkTargets, renderMarkdown, renderedText } from '../editor/hover/markdownRender';

const NOW = Date.UTC(2026, 3, 16, 8, 0, 0);
const nowS = Math.floor(NOW / 1000);

/** Strings that would act if any renderer treated them as markup, a link or a command. */
const HOSTILE_STRINGS: Record<string, string> = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  svg: '<svg onload="window.__pwned=1"></svg>',
  iframe: '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  styleBreak: '</style><script>window.__pwned=1</script>',
  html: '<div style="position:fixed;inset:0">click me</div><a href="command:workbench.action.terminal.new">x</a>',
  mdLink: '[x](command:workbench.action.terminal.new)',
  mdLinkArgs: '[run](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)',
  ownCommand: `[inspect](command:${CommandId.hoverAction}?%5B%22attacker%22%2C%22inspect%22%5D)`,
  autolink: '<command:workbench.action.terminal.new>',
  refLink: '[y][1]\n\n[1]: command:workbench.action.terminal.new',
  image: '![tracker](https://evil.example/pixel.png)',
  jsUrl: 'javascript:window.__pwned=1',
  fence: '```\n[z](command:workbench.action.terminal.new)\n```',
  backticks: '`` ` ``` ```` [a](command:x) ````',
  icon: '$(zap) $(alert) $(loading~spin)',
  entity: '&lt;script&gt;&#x5b;x&#x5d;',
  rtl: 'admin\u202Egnp.exe\u202C',
  zeroWidth: 'ad\u200Bmin\u2066x\u2069',
  newlines: 'line1\n\n# heading\r\n---\n| a | b |',
  template: '${window.__pwned=1}{{constructor.constructor("window.__pwned=1")()}}',
};

/** A JSON object nested `depth` levels deep. */
function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function wide(n: number): Record<string, number> {
  const o: Record<string, number> = {};
  for (let i = 0; i < n; i++) o[`k${i}`] = i;
  return o;
}

function b64url(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

interface HostileCase {
  readonly name: string;
  readonly token: string;
  /** The token is within the decoder's limits (256 KiB, nesting 2048). */
  readonly decodes: boolean;
}

async function hostileCases(): Promise<HostileCase[]> {
  const exp = nowS + 3600;
  const asKeys = Object.fromEntries(Object.values(HOSTILE_STRINGS).map((v, i) => [v, i]));
  const cases: HostileCase[] = [
    {
      name: 'hostile claim values (signed)',
      token: await makeToken({
        claims: {
          ...HOSTILE_STRINGS,
          sub: HOSTILE_STRINGS['img'],
          iss: HOSTILE_STRINGS['mdLink'],
          aud: [HOSTILE_STRINGS['script']!, HOSTILE_STRINGS['rtl']!],
          exp,
        },
      }),
      decodes: true,
    },
    {
      name: 'hostile header (kid, typ, jku, x5u)',
      token: rawToken(
        {
          alg: 'RS256',
          kid: HOSTILE_STRINGS['ownCommand'],
          typ: HOSTILE_STRINGS['img'],
          jku: 'https://evil.example/jwks.json',
          x5u: 'http://127.0.0.1:1/x5u',
          cty: HOSTILE_STRINGS['rtl'],
        },
        { sub: 'u', exp },
      ),
      decodes: true,
    },
    { name: 'hostile claim names', token: rawToken({ alg: 'HS256' }, { ...asKeys, exp }), decodes: true },
    {
      name: 'hostile iss and nested values',
      token: rawToken({ alg: 'ES256' }, { iss: HOSTILE_STRINGS['jsUrl'], sub: HOSTILE_STRINGS['rtl'], nested: { arr: Object.values(HOSTILE_STRINGS) }, exp }),
      decodes: true,
    },
    { name: '150 KB value', token: rawToken({ alg: 'RS256' }, { sub: 'big', exp, big: `<b>${'A'.repeat(150_000)}</b>` }), decodes: true },
    { name: '1 MB value', token: rawToken({ alg: 'RS256' }, { sub: 'huge', exp, big: 'B'.repeat(1024 * 1024) }), decodes: false },
    { name: '1,000-deep nesting', token: rawToken({ alg: 'RS256' }, { sub: 'deep', exp, nest: deep(1000) }), decodes: true },
    { name: '10,000 keys', token: rawToken({ alg: 'RS256' }, { sub: 'wide', exp, ...wide(10_000) }), decodes: true },
    {
      name: '__proto__ and constructor keys',
      token: `${b64url('{"alg":"HS256","__proto__":{"polluted":true}}')}.${b64url(
        `{"sub":"x","exp":${exp},"__proto__":{"polluted":true,"isAdmin":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}`,
      )}.${b64url('sig')}`,
      decodes: true,
    },
  ];
  return cases;
}

const ALLOWED_TAGS = new Set([
  'p',
  'strong',
  'em',
  'code',
  'pre',
  'a',
  'br',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  's',
  'del',
]);

/** Every tag in rendered HTML is one markdown itself makes (never `script`, `img`, `div`, ...). */
function assertOnlyMarkdownTags(html: string, what: string): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)\b([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    assert.ok(ALLOWED_TAGS.has(tag), `${what}: rendered a <${tag}> tag`);
    assert.ok(!/\son\w+\s*=/i.test(m[2] ?? ''), `${what}: rendered an event handler attribute`);
    assert.ok(!/\sstyle\s*=/i.test(m[2] ?? ''), `${what}: rendered a style attribute`);
  }
}

/** Outside code fences and code spans, every `<` in the markdown source is escaped. */
function assertNoRawAngle(markdown: string, what: string): void {
  const outside = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '').replace(/(`+)[^`]*?\1/g, '');
  assert.ok(!/(^|[^\\])</.test(outside), `${what}: unescaped < outside code`);
}

function assertNoInvisibles(text: string, what: string): void {
  assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/.test(text), `${what}: raw bidi/zero-width character`);
}

function assertNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe['polluted'], undefined, 'Object.prototype.polluted was set');
  assert.equal(probe['isAdmin'], undefined, 'Object.prototype.isAdmin was set');
  assert.deepEqual(Object.keys(Object.prototype), []);
}

/** A reader over one line, like the provider's bounded `document.getText(range)`. */
function reader(line: string): LineSliceReader {
  return (from, to) => line.slice(Math.max(0, from), Math.min(to, line.length));
}

function sessionFrom(token: string, payload: Record<string, unknown>): SessionInfo {
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    id: str(payload['sid']) ?? HOSTILE_STRINGS['mdLink']!,
    user: { id: str(payload['sub']) ?? 'u', name: HOSTILE_STRINGS['img']!, email: HOSTILE_STRINGS['mdLinkArgs']! },
    userAgent: HOSTILE_STRINGS['script']!,
    ip: HOSTILE_STRINGS['rtl']!,
    status: 'active',
    expiresAt: HOSTILE_STRINGS['icon']!,
    impersonatedBy: HOSTILE_STRINGS['ownCommand']!,
    tenantId: HOSTILE_STRINGS['html']!,
    tokens: [{ kind: 'session-token', label: HOSTILE_STRINGS['autolink']!, value: token, opaque: false }],
    raw: { session: payload as never, user: payload as never },
  };
}

describe('security: hostile token contents through every renderer', () => {
  let cases: HostileCase[] = [];
  before(async () => {
    cases = await hostileCases();
  });
  afterEach(assertNoPollution);

  it('has a token for each hostile shape, and the decoder agrees on which decode', () => {
    assert.ok(cases.length >= 9);
    for (const c of cases) assert.equal(decodeJwt(c.token).ok, c.decodes, c.name);
  });

  describe('hover', () => {
    it('renders content as text; links are only AuthLens hover actions with ids the extension made', () => {
      for (const c of cases) {
        const store = new HoverTokenStore();
        const line = `Authorization: Bearer ${c.token}`;
        const started = Date.now();
        const hover = tokenHoverOnLine(reader(line), line.indexOf(c.token) + 5, NOW, store);
        assert.ok(Date.now() - started < 2000, `${c.name}: hover took ${Date.now() - started} ms`);
        if (!hover) {
          assert.equal(c.decodes, false, `${c.name}: a decodable token got no hover`);
          continue;
        }
        const what = `hover of ${c.name}`;
        assert.ok(hover.markdown.length < 20_000, `${what}: ${hover.markdown.length} chars`);
        assert.ok(
          hover.enabledCommands.every((id) => id === CommandId.hoverAction),
          `${what}: enabledCommands ${hover.enabledCommands.join()}`,
        );
        assert.ok(!hover.markdown.includes(c.token), `${what}: holds the raw token`);
        assertNoRawAngle(hover.markdown, what);
        assertNoInvisibles(hover.markdown, what);
        const html = renderMarkdown(hover.markdown);
        assertOnlyMarkdownTags(html, what);
        const targets = [...linkTargets(hover.markdown), ...commandUrisOutsideCode(hover.markdown)];
        for (const target of targets) {
          const m = /^command:([\w.]+)\?(.*)$/.exec(target);
          assert.ok(m, `${what}: link to ${target.slice(0, 80)}`);
          assert.equal(m[1], CommandId.hoverAction, `${what}: link to ${m[1]}`);
          const args = JSON.parse(decodeURIComponent(m[2]!)) as unknown[];
          assert.equal(args.length, 2);
          assert.equal(store.get(String(args[0]), NOW)?.token, c.token, `${what}: link id is not the extension's`);
          assert.ok(['inspect', 'copyPayload', 'copyAuthorizationHeader'].includes(String(args[1])));
        }
        const text = renderedText(hover.markdown);
        assert.ok(!/terminal\.new\)?$/.test(text.split('\n')[0] ?? ''), `${what}: title`);
      }
    });

    it('shows a hostile claim as readable text rather than dropping it', async () => {
      const token = await makeToken({ claims: { sub: HOSTILE_STRINGS['mdLink'], exp: nowS + 60 } });
      const line = `token=${token}`;
      const hover = tokenHoverOnLine(reader(line), 10, NOW, new HoverTokenStore());
      assert.ok(hover);
      assert.ok(renderedText(hover.markdown).includes('[x](command:workbench.action.terminal.new)'));
    });
  });

  describe('Sessions tree', () => {
    it('labels, descriptions and tooltips stay text, bounded, with no command links', () => {
      for (const c of cases) {
        const decoded = decodeJwt(c.token);
        const payload = decoded.ok ? (decoded.token.payload as Record<string, unknown>) : { note: 'B'.repeat(1024 * 1024), sub: HOSTILE_STRINGS['script'] };
        const session = sessionFrom(c.token, payload);
        const what = `tree of ${c.name}`;

        const label = sessionLabel(session);
        const description = sessionDescription(session, NOW);
        for (const [name, text] of [
          ['label', label],
          ['description', description],
        ] as const) {
          assert.ok(text.length <= 400, `${what}: ${name} is ${text.length} chars`);
          assert.ok(!text.includes(']('), `${what}: ${name} keeps link syntax`);
          assert.ok(!text.includes('$('), `${what}: ${name} keeps icon syntax`);
          assertNoInvisibles(text, `${what}: ${name}`);
        }

        const token: TokenInfo = session.tokens[0]!;
        const summary = tokenSummary(token, NOW);
        const tooltips = [sessionTooltip(session, NOW), tokenTooltip(token, { ...(summary.alg ? { alg: summary.alg } : {}), claims: summary.claims }, NOW)];
        for (const md of tooltips) {
          assert.ok(md.length < 60_000, `${what}: tooltip is ${md.length} chars`);
          assert.ok(!md.includes(c.token), `${what}: tooltip holds the token`);
          assertNoRawAngle(md, what);
          assertNoInvisibles(md, what);
          assertOnlyMarkdownTags(renderMarkdown(md), what);
          assert.deepEqual(linkTargets(md), [], `${what}: tooltip has links`);
          assert.deepEqual(
            commandUrisOutsideCode(md).filter((u) => !u.startsWith('command\\')),
            [],
            `${what}: command URI`,
          );
        }
      }
    });

    it('plainText() breaks notification links and icons', () => {
      const out = plainText(Object.values(HOSTILE_STRINGS).join(' '), 10_000);
      assert.ok(!out.includes(']('));
      assert.ok(!out.includes('$('));
      assertNoInvisibles(out, 'plainText');
    });
  });

  describe('decoded JSON document', () => {
    it('is JSON that holds the decoded parts only: no raw token, no signature, bounded', () => {
      for (const c of cases) {
        const decoded = decodeJwt(c.token);
        if (!decoded.ok) {
          assert.equal(decoded.error.code, 'token-too-large', c.name);
          continue;
        }
        const text = JSON.stringify(decodedJson(decoded.token, tokenWarnings(decoded.token, NOW), NOW), null, 2);
        const what = `document of ${c.name}`;
        assert.ok(!text.includes(c.token), `${what}: holds the raw token`);
        const signature = c.token.split('.')[2]!;
        if (signature.length > 8) assert.ok(!text.includes(signature), `${what}: holds the signature`);
        // Pretty-printed decoded JSON; 1,000-deep nesting indents each level.
        assert.ok(text.length < 6 * 1024 * 1024, `${what}: ${text.length} chars`);
        const back = JSON.parse(text) as { payload: Record<string, unknown> };
        assert.equal(typeof back.payload, 'object');
      }
    });
  });

  describe('inspector view model', () => {
    it('is bounded, has no raw bidi characters, and never offers jku/x5u for fetching', () => {
      for (const c of cases) {
        const what = `inspector model of ${c.name}`;
        const started = Date.now();
        const built = buildInspectorModel(c.token, {
          now: NOW,
          source: { providerId: 'p', providerLabel: HOSTILE_STRINGS['img']!, session: sessionFrom(c.token, { note: HOSTILE_STRINGS['script'] }) },
        });
        assert.ok(Date.now() - started < 3000, `${what}: took ${Date.now() - started} ms`);
        const json = JSON.stringify(built.content);
        assert.ok(json.length < 1_000_000, `${what}: ${json.length} chars`);
        assertNoInvisibles(json, what);
        if (built.content.kind === 'token') {
          const { verify } = built.content.model;
          for (const cand of verify.jwksCandidates) {
            assert.ok(!/evil\.example\/jwks\.json|x5u/.test(cand.url), `${what}: offers ${cand.url}`);
            assert.ok(/^https?:\/\//.test(cand.url));
          }
          if (c.name.startsWith('hostile header')) {
            assert.equal(verify.ignoredHeaderUrls.length, 2, `${what}: jku/x5u shown as ignored`);
          }
        } else {
          assert.equal(c.decodes, false, `${what}: ${built.content.kind}`);
        }
      }
    });

    it('keeps a 1 MB value out of the model', () => {
      const huge = cases.find((c) => c.name === '1 MB value')!;
      const built = buildInspectorModel(huge.token, { now: NOW });
      assert.ok(JSON.stringify(built.content).length < 100_000);
    });
  });

  it('leaves Object.prototype alone after everything above', () => {
    assertNoPollution();
    assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
  });
});
