/**
 * The provider kind table (`src/providers/kinds.ts`): every decision that depends on the kind
 * comes from one row, and the rows say what the code said before the table existed.
 */
import * as assert from 'node:assert/strict';
import { knownFields } from '../../../src/core/claims';
import { availableFormats } from '../../../src/core/copyFormats';
import { validateProviderEntry } from '../../../src/providers/configValidation';
import { credentialOriginsOf } from '../../../src/providers/credentialOrigins';
import { claimContextsFor, isProviderKind, providerKindList, providerKindTable } from '../../../src/providers/kinds';
import { providerDefinitions } from '../../../src/providers/registry';
import type { ProviderConfig } from '../../../src/providers/types';
import { copyRequestFor } from '../../../src/sessions/copyRequest';

const token = { value: 'tok', kind: 'access-token' as const };

describe('providers/kinds', () => {
  it('lists every kind once, in the order Add Provider offers them', () => {
    assert.deepEqual([...providerKindList], ['better-auth', 'authing', 'authms', 'oidc']);
  });

  it('isProviderKind accepts the rows and nothing inherited or misspelt', () => {
    for (const kind of providerKindList) assert.ok(isProviderKind(kind), kind);
    for (const v of ['toString', '__proto__', 'constructor', 'OIDC', 'better_auth', '', 7, undefined, null]) {
      assert.equal(isProviderKind(v), false, String(v));
    }
  });

  it('config validation takes the kinds from the table and names them in the problem', () => {
    for (const kind of providerKindList) {
      assert.equal(validateProviderEntry({ id: 'a', kind, baseUrl: 'http://h' }, 0).config?.kind, kind);
    }
    const bad = validateProviderEntry({ id: 'a', kind: 'hasOwnProperty', baseUrl: 'http://h' }, 0);
    assert.equal(bad.config, undefined);
    assert.deepEqual(
      bad.problems.map((p) => [p.field, p.problem, p.expected]),
      [['kind', 'bad-kind', providerKindList.join(', ')]],
    );
  });

  it('registers exactly one provider definition per row, with the row’s credential kinds', () => {
    assert.deepEqual(
      providerDefinitions.map((d) => d.kind),
      [...providerKindList],
    );
    for (const d of providerDefinitions) assert.deepEqual(d.credentialKinds, providerKindTable[d.kind].credentialKinds, d.kind);
    assert.deepEqual(Object.fromEntries(providerDefinitions.map((d) => [d.kind, [...d.credentialKinds]])), {
      'better-auth': ['cookie', 'bearer', 'admin'],
      authing: ['cookie', 'clientSecret'],
      authms: ['bearer', 'admin'],
      oidc: ['clientSecret', 'privateKey'],
    });
  });

  it('every row has a label, a detail and an http(s) base URL example', () => {
    for (const kind of providerKindList) {
      const row = providerKindTable[kind];
      assert.ok(row.label.trim().length > 0 && row.detail.trim().length > 0, kind);
      assert.match(row.baseUrlExample, /^https?:\/\/[^/]/, kind);
    }
    // Only OpenID Connect asks for a client id and reads discovery.
    assert.deepEqual(
      providerKindList.filter((k) => providerKindTable[k].openIdClient),
      ['oidc'],
    );
  });

  it('claim contexts name tables the core knows, per kind', () => {
    assert.deepEqual(claimContextsFor('better-auth'), { session: 'better-auth.session', user: 'better-auth.user' });
    assert.deepEqual(claimContextsFor('authing'), { session: 'authing.session', user: 'authing.userInfo' });
    assert.deepEqual(claimContextsFor('authms'), { session: 'authms.session' });
    assert.deepEqual(claimContextsFor('oidc'), { session: 'oidc.introspection', user: 'oidc.introspection' });
    assert.deepEqual(claimContextsFor(undefined), {});
    for (const kind of providerKindList) {
      for (const ctx of Object.values(claimContextsFor(kind))) assert.ok(knownFields(ctx).length > 0, `${kind}: ${ctx}`);
    }
  });

  it('only oidc finds keys by discovery when no jwksUrl is set', () => {
    assert.deepEqual(
      providerKindList.filter((k) => providerKindTable[k].defaultJwks === 'discovery'),
      ['oidc'],
    );
  });

  it('offers the Cookie: format exactly for the kinds that have a session cookie', () => {
    const base = { id: 'a', label: 'a', baseUrl: 'http://h/x' };
    const withCookie = providerKindList.filter((kind) => availableFormats(copyRequestFor({ ...base, kind }, token)).includes('cookieHeader'));
    assert.deepEqual(withCookie, ['better-auth', 'authing']);
    assert.equal(copyRequestFor({ ...base, kind: 'better-auth', cookieName: '__Secure-s' }, token).cookieName, '__Secure-s');
    assert.equal(providerKindTable.authing.cookieName({ baseUrl: 'http://h' }), 'authing_session');
    assert.equal(providerKindTable['better-auth'].cookieName({ baseUrl: 'http://h' }), 'better-auth.session_token');
  });

  it('copy requests trim trailing slashes of the base URL, app host and issuer', () => {
    const base = { id: 'a', label: 'a' };
    assert.equal(copyRequestFor({ ...base, kind: 'better-auth', baseUrl: 'http://h/api/auth//' }, token).url, 'http://h/api/auth/get-session');
    assert.equal(copyRequestFor({ ...base, kind: 'authing', baseUrl: 'http://h/a/' }, token).url, 'http://h/a/oidc/me');
    assert.equal(copyRequestFor({ ...base, kind: 'authing', baseUrl: 'http://h', appHost: 'http://app//' }, token).url, 'http://app/oidc/me');
    assert.equal(copyRequestFor({ ...base, kind: 'authms', baseUrl: 'http://h/ms/' }, token).url, 'http://h/ms/sessions');
    assert.equal(copyRequestFor({ ...base, kind: 'oidc', baseUrl: 'http://iss/realm/' }, token).url, 'http://iss/realm');
    for (const kind of providerKindList) {
      const req = copyRequestFor({ ...base, kind, baseUrl: 'http://h' }, token);
      assert.equal(req.token, 'tok', kind);
      assert.deepEqual(req.auth, { scheme: 'bearer' }, kind);
    }
  });

  it('credentials may also go to the kind’s extra URL: Authing’s app host, an OIDC issuer', () => {
    const base = { id: 'a', label: 'a', baseUrl: 'http://h:1/x', appHost: 'http://app:2', issuer: 'http://iss:3/r' };
    const also = Object.fromEntries(providerKindList.map((kind) => [kind, credentialOriginsOf({ ...base, kind })?.also]));
    assert.deepEqual(also, { 'better-auth': [], authing: ['http://app:2'], authms: [], oidc: ['http://iss:3'] });
    // An unvalidated entry with no kind of the table still gets only its base URL's origin.
    const odd = { ...base, kind: 'toString' } as unknown as ProviderConfig;
    assert.deepEqual(credentialOriginsOf(odd), { origin: 'http://h:1', also: [] });
  });
});
