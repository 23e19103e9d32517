import * as assert from 'node:assert/strict';
import { mergeProviderLevels, normaliseBaseUrl, validateProviderList } from '../../../src/providers/configValidation';

describe('configValidation', () => {
  it('accepts good entries and normalises them', () => {
    const r = validateProviderList([
      { id: 'local', kind: 'better-auth', baseUrl: 'http://127.0.0.1:4000/api/auth/', pageSize: 20.7 },
      { id: 'ms', kind: 'authms', baseUrl: 'https://auth.example.com/v1', label: ' AuthMS ', scopes: ['a'] },
    ]);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.configs[0], { id: 'local', kind: 'better-auth', label: 'local', baseUrl: 'http://127.0.0.1:4000/api/auth', pageSize: 20 });
    assert.equal(r.configs[1]!.label, 'AuthMS');
  });

  it('reports bad entries with index, id and field, and skips only them', () => {
    const r = validateProviderList([
      'nope',
      { kind: 'better-auth', baseUrl: 'http://x' },
      { id: 'bad id!', kind: 'better-auth', baseUrl: 'http://x' },
      { id: 'k', kind: 'keycloak', baseUrl: 'http://x' },
      { id: 'u', kind: 'oidc', baseUrl: 'ftp://x' },
      { id: 'c', kind: 'oidc', baseUrl: 'https://user:pw@x' },
      { id: 't', kind: 'oidc', baseUrl: 'https://x', timeoutMs: 5 },
      { id: 's', kind: 'oidc', baseUrl: 'https://x', scopes: 'openid' },
      { id: 'ok', kind: 'oidc', baseUrl: 'https://x' },
      { id: 'ok', kind: 'oidc', baseUrl: 'https://y' },
    ]);
    assert.deepEqual(
      r.configs.map((c) => c.id),
      ['ok'],
    );
    assert.deepEqual(
      r.problems.map((p) => [p.index, p.id, p.field, p.problem]),
      [
        [0, undefined, undefined, 'not-object'],
        [1, undefined, 'id', 'missing'],
        [2, undefined, 'id', 'bad-id'],
        [3, 'k', 'kind', 'bad-kind'],
        [4, 'u', 'baseUrl', 'bad-url'],
        [5, 'c', 'baseUrl', 'url-credentials'],
        [6, 't', 'timeoutMs', 'out-of-range'],
        [7, 's', 'scopes', 'wrong-type'],
        [9, 'ok', 'id', 'duplicate-id'],
      ],
    );
  });

  it('stores the parsed URL of appHost, issuer and jwksUrl, not the text as typed (newlines, tabs, spaces)', () => {
    const r = validateProviderList([
      {
        id: 'o',
        kind: 'oidc',
        baseUrl: ' https://id\n.example.com/a\n',
        issuer: 'https://id\n.example.com/realms/\tx ',
        appHost: ' https://APP.example.com/',
        jwksUrl: 'https://id.example.com/\r\ncerts/',
      },
    ]);
    assert.deepEqual(r.problems, []);
    const c = r.configs[0]!;
    assert.equal(c.baseUrl, 'https://id.example.com/a');
    assert.equal(c.issuer, 'https://id.example.com/realms/x');
    assert.equal(c.appHost, 'https://app.example.com');
    assert.equal(c.jwksUrl, 'https://id.example.com/certs/');
  });

  it('treats a non-array as one problem', () => {
    assert.equal(validateProviderList({}).problems[0]?.problem, 'wrong-type');
    assert.deepEqual(validateProviderList(undefined), { configs: [], problems: [] });
  });

  it('validates base URLs', () => {
    assert.deepEqual(normaliseBaseUrl(' https://a.example/x/ '), { ok: true, url: 'https://a.example/x' });
    assert.deepEqual(normaliseBaseUrl('javascript:alert(1)'), { ok: false, problem: 'bad-url' });
    assert.deepEqual(normaliseBaseUrl('http://a/#frag'), { ok: false, problem: 'bad-url' });
  });
});

describe('mergeProviderLevels (workspace trust)', () => {
  const user = [{ id: 'prod', kind: 'better-auth', baseUrl: 'https://auth.example.com/api/auth' }];
  const workspace = [
    { id: 'prod', kind: 'better-auth', baseUrl: 'https://attacker.example/api/auth' },
    { id: 'extra', kind: 'authms', baseUrl: 'https://attacker.example/ms', allowInsecureTls: true },
  ];

  it('uses only user-level providers in Restricted Mode', () => {
    const r = mergeProviderLevels({ user, workspace, restricted: true, insecureTlsProviders: undefined });
    assert.deepEqual(
      r.providers.map((p) => [p.id, p.baseUrl, p.level]),
      [['prod', 'https://auth.example.com/api/auth', 'user']],
    );
    assert.equal(r.ignoredWorkspaceProviders, 2);
  });

  it('lets a trusted workspace override by id (the credential binding then protects)', () => {
    const r = mergeProviderLevels({ user, workspace, restricted: false, insecureTlsProviders: undefined });
    assert.deepEqual(
      r.providers.map((p) => [p.id, p.baseUrl, p.level]),
      [
        ['prod', 'https://attacker.example/api/auth', 'workspace'],
        ['extra', 'https://attacker.example/ms', 'workspace'],
      ],
    );
    assert.equal(r.ignoredWorkspaceProviders, 0);
  });

  it('never takes allowInsecureTls from an entry, only from the machine-scoped list', () => {
    const r = mergeProviderLevels({ user, workspace: [], restricted: false, insecureTlsProviders: ['prod', 42] });
    assert.equal(r.providers.find((p) => p.id === 'prod')?.allowInsecureTls, true);
    assert.deepEqual(r.insecureTlsProviders, ['prod']);
    const none = mergeProviderLevels({ user, workspace, restricted: false, insecureTlsProviders: undefined });
    assert.ok(none.providers.every((p) => p.allowInsecureTls === undefined));
  });

  it('turns TLS checks off for user-level entries only, never for a workspace entry reusing the id', () => {
    const r = mergeProviderLevels({ user, workspace, restricted: false, insecureTlsProviders: ['prod', 'extra'] });
    const prod = r.providers.find((p) => p.id === 'prod');
    assert.equal(prod?.level, 'workspace');
    assert.equal(prod?.baseUrl, 'https://attacker.example/api/auth');
    assert.equal(prod?.allowInsecureTls, undefined, 'the workspace chose the host, so TLS stays checked');
    assert.equal(r.providers.find((p) => p.id === 'extra')?.allowInsecureTls, undefined);
    // The same list still applies once the workspace entry is gone.
    const userOnly = mergeProviderLevels({ user, workspace: [], restricted: false, insecureTlsProviders: ['prod'] });
    assert.equal(userOnly.providers[0]?.allowInsecureTls, true);
  });

  it('tags problems with their level', () => {
    const r = mergeProviderLevels({
      user: [{ id: 'x' }],
      workspace: [{ id: 'y', kind: 'nope', baseUrl: 'http://h' }],
      restricted: false,
      insecureTlsProviders: [],
    });
    assert.deepEqual(
      r.problems.map((p) => [p.level, p.field, p.problem]),
      [
        ['user', 'kind', 'missing'],
        ['user', 'baseUrl', 'missing'],
        ['workspace', 'kind', 'bad-kind'],
      ],
    );
  });
});
