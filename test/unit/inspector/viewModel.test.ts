import * as assert from 'node:assert/strict';
import type { SessionInfo } from '../../../src/providers/types';
import { buildInspectorModel, type BuiltInspector } from '../../../src/inspector/viewModel';
import type { FieldRow, InspectorModel } from '../../../src/shared/inspectorModel';
import { authingUserInfo, deepObject, hostileTokens, scriptClaims, unsignedJwt, wideObject } from '../../fixtures/inspectorTokens';

const NOW = Date.UTC(2026, 3, 16, 8, 0, 0);
const nowS = Math.floor(NOW / 1000);

function modelOf(built: BuiltInspector): InspectorModel {
  assert.equal(built.content.kind, 'token', JSON.stringify(built.content).slice(0, 300));
  return (built.content as { model: InspectorModel }).model;
}

function rowsOf(model: InspectorModel, part: string): readonly FieldRow[] {
  const table = model.tables.find((t) => t.part === part);
  assert.ok(table, `no ${part} table`);
  return table.rows;
}

function find(rows: readonly FieldRow[], name: string): FieldRow {
  const row = rows.find((r) => r.name === name);
  assert.ok(row, `no row ${name} in ${rows.map((r) => r.name).join(',')}`);
  return row;
}

function* allRows(rows: readonly FieldRow[]): Generator<FieldRow> {
  for (const r of rows) {
    yield r;
    if (r.children) yield* allRows(r.children);
  }
}

function authingSession(token: string): SessionInfo {
  const user = authingUserInfo(token, new Date(NOW + 2 * 3600_000).toISOString());
  return {
    id: 'sess-1',
    user: { id: '5a59', name: 'xiaoliu' },
    status: 'active',
    current: true,
    expiresAt: new Date(NOW + 86_400_000).toISOString(),
    idleExpiresAt: new Date(NOW + 1800_000).toISOString(),
    tokens: [{ kind: 'id-token', label: 'ID token', value: token, opaque: false, expiresAt: new Date(NOW + 2 * 3600_000).toISOString() }],
    raw: {
      session: { _id: 'sess-1', appId: 'app', type: 'oidc', cookie: { expires: new Date(NOW + 86_400_000).toISOString(), httpOnly: true } },
      user: user as never,
    },
  };
}

describe('inspector view model', () => {
  const token = unsignedJwt(
    {
      iss: 'https://issuer.example/oidc',
      sub: 'user-1',
      aud: ['api', 'web'],
      iat: nowS - 60,
      nbf: nowS - 60,
      exp: nowS + 600,
      auth_time: nowS - 120,
      amr: ['pwd', 'mfa'],
      address: { country: 'CN', locality: 'Beijing' },
      favouriteColour: 'teal',
    },
    { alg: 'RS256', kid: 'key-1', typ: 'JWT' },
  );

  it('builds rows with explanations, sources, unknown flags and nested children', () => {
    const m = modelOf(buildInspectorModel(token, { now: NOW }));
    const exp = find(rowsOf(m, 'payload'), 'exp');
    assert.equal(exp.kind, 'time');
    assert.equal(exp.time, (nowS + 600) * 1000);
    assert.match(exp.explanation?.source ?? '', /RFC 7519/);
    assert.equal(exp.unknown, false);
    assert.equal(find(rowsOf(m, 'payload'), 'favouriteColour').unknown, true);
    const address = find(rowsOf(m, 'payload'), 'address');
    assert.equal(address.kind, 'object');
    assert.equal(address.count, 2);
    assert.deepEqual(
      address.children?.map((c) => c.name),
      ['country', 'locality'],
    );
    const amr = find(rowsOf(m, 'payload'), 'amr');
    assert.equal(amr.children?.[0]?.name, '[0]');
    assert.ok(amr.children?.[1]?.explanation, 'amr values are explained');
    assert.equal(find(rowsOf(m, 'header'), 'alg').unknown, false);
  });

  it('gives the summary, time facts, raw segments and verification choices', () => {
    const m = modelOf(buildInspectorModel(token, { now: NOW, source: { providerId: 'p', providerLabel: 'Issuer', jwksUrl: 'https://issuer.example/jwks' } }));
    assert.equal(m.summary.issuer, 'https://issuer.example/oidc');
    assert.deepEqual(m.summary.audience, ['api', 'web']);
    assert.equal(m.summary.alg, 'RS256');
    assert.equal(m.summary.kid, 'key-1');
    assert.equal(m.times.exp, (nowS + 600) * 1000);
    assert.equal(m.times.iat, (nowS - 60) * 1000);
    assert.equal(m.times.authTime, (nowS - 120) * 1000);
    assert.equal(m.times.builtAt, NOW);
    assert.equal(`${m.raw.header}.${m.raw.payload}.${m.raw.signature}`, token);
    assert.equal(m.verify.family, 'asymmetric');
    assert.deepEqual(
      m.verify.jwksCandidates.map((c) => [c.source, c.url, c.allowed]),
      [
        ['provider', 'https://issuer.example/jwks', true],
        ['discovery', 'https://issuer.example/oidc/.well-known/openid-configuration', true],
      ],
    );
    assert.match(m.json.payload, /"favouriteColour": "teal"/);
  });

  it("offers the configured issuer's discovery document where the kind table puts the keys there (oidc), not for other kinds", () => {
    const issuer = 'https://login.example/realms/dev';
    const candidates = (providerKind: 'oidc' | 'better-auth'): string[] =>
      modelOf(buildInspectorModel(token, { now: NOW, source: { providerId: 'p', providerLabel: 'P', providerKind, issuer } })).verify.jwksCandidates.map(
        (c) => c.url,
      );
    const configured = `${issuer}/.well-known/openid-configuration`;
    assert.ok(candidates('oidc').includes(configured));
    assert.ok(!candidates('better-auth').includes(configured));
    // The token's own iss is offered either way.
    assert.ok(candidates('better-auth').includes('https://issuer.example/oidc/.well-known/openid-configuration'));
  });

  it('groups warnings by severity, errors first, with hints', () => {
    const expired = unsignedJwt({ sub: 'x', exp: nowS - 3600, iat: nowS - 7200 }, { alg: 'none' });
    const m = modelOf(buildInspectorModel(expired, { now: NOW }));
    assert.equal(m.warnings[0]?.severity, 'error');
    const codes = m.warnings.flatMap((g) => g.items.map((i) => i.code));
    assert.ok(codes.includes('alg-none') && codes.includes('expired'), codes.join());
    assert.ok(m.warnings.every((g) => g.items.every((i) => typeof i.hint === 'string')));
    assert.equal(m.verify.family, 'none');
  });

  it('masks the Authing password and salt: the values stay in the host until revealed', () => {
    const idToken = unsignedJwt({ sub: '5a59', exp: nowS + 3600 }, { alg: 'HS256', typ: 'JWT' });
    const built = buildInspectorModel(idToken, {
      now: NOW,
      source: { providerId: 'authing', providerLabel: 'Authing', providerKind: 'authing', session: authingSession(idToken) },
      canRevoke: true,
      canRefresh: true,
    });
    const m = modelOf(built);
    const user = rowsOf(m, 'user');
    const password = find(user, 'password');
    const salt = find(user, 'salt');
    assert.equal(password.kind, 'secret');
    assert.equal(password.display, '');
    assert.equal(password.masked?.reason, 'password');
    assert.equal(salt.masked?.reason, 'salt');
    const wire = JSON.stringify(built.content);
    assert.ok(!wire.includes('1b6d4d10e6796e7e6a1264fda709e64d'), 'password hash not in the model');
    assert.ok(!wire.includes('eZHMHdBGOESdsOI8jCDcCGVZMA8qay'), 'salt not in the model');
    assert.equal(built.withheld.get(password.id)?.value, '1b6d4d10e6796e7e6a1264fda709e64d');
    assert.equal(built.withheld.get(salt.id)?.value, 'eZHMHdBGOESdsOI8jCDcCGVZMA8qay');
    // Null sensitive fields leak nothing and are shown as they are.
    assert.equal(find(user, 'encryptedPassword').kind, 'null');
    // Flagged as warnings about the provider's response.
    const fields = m.warnings.flatMap((g) => g.items.filter((i) => i.code === 'sensitive-field').map((i) => i.field));
    assert.ok(fields.includes('user.password') && fields.includes('user.salt'), fields.join());
    // Session/idle/provider expiry become time facts; session context explains fields.
    assert.equal(m.times.idleExpiresAt, NOW + 1800_000);
    assert.equal(m.times.sessionExpiresAt, NOW + 86_400_000);
    assert.equal(m.times.providerExpiresAt, NOW + 2 * 3600_000);
    assert.equal(find(user, 'tokenExpiredAt').kind, 'time');
    assert.equal(m.summary.session?.id, 'sess-1');
    assert.deepEqual(m.actions, { canRevoke: true, canRefresh: true });
    assert.ok(m.json.user?.includes('"password": "••••••"'));
    assert.ok(!m.json.user?.includes('1b6d4d10'));
    assert.equal(m.verify.family, 'hmac');
  });

  it('shows an opaque session token with the session data and a decode note', () => {
    const session = authingSession('opaque-session-id-123');
    const m = modelOf(
      buildInspectorModel('opaque-session-id-123', { now: NOW, source: { providerId: 'a', providerLabel: 'A', providerKind: 'authing', session } }),
    );
    assert.ok(m.decodeError);
    assert.ok(m.tables.some((t) => t.part === 'session'));
    assert.ok(!m.tables.some((t) => t.part === 'header'));
  });

  it('returns an error content for junk without a session', () => {
    const built = buildInspectorModel('not a token', { now: NOW });
    assert.equal(built.content.kind, 'error');
  });

  describe('hostile contents', () => {
    const tokens = hostileTokens(NOW);

    it('keeps script-like strings as plain data (the DOM layer uses text nodes)', () => {
      const m = modelOf(buildInspectorModel(tokens['scripts']!, { now: NOW }));
      const payload = rowsOf(m, 'payload');
      assert.equal(find(payload, 'script').display, scriptClaims['script']);
      assert.equal(find(payload, 'img').display, scriptClaims['img']);
      assert.equal(find(payload, 'link').display, 'javascript:window.__pwned = 4');
      // The issuer is no URL to fetch: no discovery for javascript: (and nothing is a link).
      assert.deepEqual(m.verify.jwksCandidates, []);
      assert.equal(m.summary.kid, '<script>window.__pwned=10</script>');
    });

    it('makes direction overrides and zero-width characters visible', () => {
      const m = modelOf(buildInspectorModel(tokens['scripts']!, { now: NOW }));
      const rtl = find(rowsOf(m, 'payload'), 'rtl');
      assert.equal(rtl.display, 'admin\\u202Egnp.exe\\u202C');
      assert.equal(rtl.controlChars, true);
      assert.equal(find(rowsOf(m, 'payload'), 'zeroWidth').display, 'ad\\u200Bmin');
      assert.ok(!JSON.stringify(m).includes('\u202E'), 'no raw override anywhere in the model');
      assert.ok(m.json.payload.includes('\\u202E'));
    });

    it('cuts long strings with a visible note', () => {
      const started = Date.now();
      const m = modelOf(buildInspectorModel(tokens['big']!, { now: NOW }));
      const big = find(rowsOf(m, 'payload'), 'big');
      assert.equal(big.display.length, 2000);
      assert.deepEqual(big.notes, [{ kind: 'string-truncated', total: 150_000, shown: 2000 }]);
      assert.ok(m.json.payload.length < 10_000);
      assert.equal(m.json.truncated, true);
      assert.ok(Date.now() - started < 1000);
    });

    it('cuts a 1 MB string in provider data', () => {
      const session = authingSession('opaque');
      const huge: SessionInfo = { ...session, raw: { session: { note: 'x'.repeat(1024 * 1024) }, user: session.raw.user! } };
      const built = buildInspectorModel('opaque', { now: NOW, source: { providerId: 'a', providerLabel: 'A', session: huge } });
      assert.ok(JSON.stringify(built.content).length < 50_000);
      assert.equal(find(rowsOf(modelOf(built), 'session'), 'note').notes?.[0]?.kind, 'string-truncated');
    });

    it('limits 10,000 keys with a note', () => {
      const started = Date.now();
      const m = modelOf(buildInspectorModel(tokens['wide']!, { now: NOW }));
      const table = m.tables.find((t) => t.part === 'payload')!;
      assert.equal(table.rows.length, 200);
      assert.deepEqual(table.notes, [{ kind: 'keys-truncated', total: 10_002, shown: 200 }]);
      assert.ok(JSON.stringify(m).length < 300_000, `model is ${JSON.stringify(m).length} chars`);
      assert.ok(Date.now() - started < 1000);
    });

    it('limits 1,000-deep nesting with a note', () => {
      const m = modelOf(buildInspectorModel(tokens['deep']!, { now: NOW }));
      let row = find(rowsOf(m, 'payload'), 'nest');
      let depth = 1;
      while (row.children?.[0]) {
        row = row.children[0];
        depth++;
      }
      assert.ok(depth <= 12, `rows nest ${depth} deep`);
      assert.deepEqual(row.notes, [{ kind: 'depth-limit', depth: 12 }]);
      assert.ok(JSON.stringify(m).length < 100_000);
      assert.ok(m.json.payload.length < 100_000);
    });

    it('bounds the whole model with a row budget', () => {
      const payload: Record<string, unknown> = { sub: 'x' };
      for (let i = 0; i < 100; i++) payload[`o${i}`] = wideObject(100);
      const m = modelOf(buildInspectorModel(unsignedJwt(payload), { now: NOW }));
      const count = [...allRows(m.tables.flatMap((t) => t.rows))].length;
      assert.ok(count <= 2500, `${count} rows`);
      assert.equal(m.tables.find((t) => t.part === 'payload')?.notes?.[0]?.kind, 'row-budget');
    });

    it('treats __proto__ and constructor keys as plain fields without polluting prototypes', () => {
      const m = modelOf(buildInspectorModel(tokens['proto']!, { now: NOW }));
      const proto = find(rowsOf(m, 'payload'), '__proto__');
      assert.equal(proto.kind, 'object');
      assert.equal(proto.children?.[0]?.name, 'polluted');
      assert.equal(find(rowsOf(m, 'payload'), 'constructor').unknown, true);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      assert.match(m.json.payload, /"__proto__": \{\n\s+"polluted": true/);
    });

    it('handles deep nesting in the JSON preview without recursion trouble', () => {
      const session = authingSession('opaque');
      const deep: SessionInfo = { ...session, raw: { session: { nest: deepObject(1000) as never } } };
      const m = modelOf(buildInspectorModel('opaque', { now: NOW, source: { providerId: 'a', providerLabel: 'A', session: deep } }));
      assert.ok((m.json.session ?? '').length < 200_000);
    });
  });
});
