import * as assert from 'node:assert/strict';
import { decodeJwt } from '../../../src/core/decode';
import { hasInvisibles } from '../../../src/core/hostileText';
import { checkIssuer, issuerCheckTemplates } from '../../../src/core/issuerCheck';
import { findIssuerQuirk, issuerQuirkTemplates, type IssuerQuirkInput } from '../../../src/core/issuerQuirks';
import type { JsonObject } from '../../../src/core/json';
import { fillTemplate } from '../../../src/core/template';
import { rawToken } from '../../fixtures/tokens';
import en from '../../../l10n/bundle.l10n.json';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';

const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const V2 = `https://login.microsoftonline.com/${TID}/v2.0`;
const V1 = `https://sts.windows.net/${TID}/`;

/** The claims of a token the test made, as the core decodes them. */
function claims(payload: Record<string, unknown>): JsonObject {
  const decoded = decodeJwt(rawToken({ alg: 'RS256', typ: 'JWT' }, { sub: 'u', ...payload }));
  assert.ok(decoded.ok);
  return decoded.token.payload;
}

const codeOf = (input: IssuerQuirkInput): string | undefined => findIssuerQuirk(input)?.code;

describe('core/issuerQuirks', () => {
  it("recognises Auth0's trailing slash (and says so only for Auth0)", () => {
    const q = findIssuerQuirk({ claims: claims({ iss: 'https://acme.eu.auth0.com/' }), expectedIssuer: 'https://acme.eu.auth0.com' });
    assert.equal(q?.code, 'auth0-trailing-slash');
    assert.deepEqual(q?.args, ['https://acme.eu.auth0.com/', 'https://acme.eu.auth0.com']);
    assert.equal(codeOf({ claims: claims({ iss: 'https://idp.example/' }), expectedIssuer: 'https://idp.example' }), 'trailing-slash');
  });

  it('recognises an Entra v1 token where the v2 issuer is expected, and the reverse', () => {
    const v1 = findIssuerQuirk({ claims: claims({ iss: V1, tid: TID, ver: '1.0' }), expectedIssuer: V2 });
    assert.equal(v1?.code, 'entra-v1-token');
    assert.match(fillTemplate(v1?.change ?? '', ...(v1?.args ?? [])), /accessTokenAcceptedVersion to 2/);
    assert.equal(codeOf({ claims: claims({ iss: V1, tid: TID }), expectedIssuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' }), 'entra-v1-token');
    assert.equal(codeOf({ claims: claims({ iss: V2, tid: TID, ver: '2.0' }), expectedIssuer: V1 }), 'entra-v2-token');
  });

  it("resolves the {tenantid} placeholder of Microsoft's shared discovery with the token's tid", () => {
    const q = findIssuerQuirk({ claims: claims({ iss: V2, tid: TID }), expectedIssuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' });
    assert.equal(q?.code, 'entra-tenant-placeholder');
    assert.equal(q?.acceptable, true);
    // Another tenant's tid does not make the placeholder match.
    assert.equal(
      codeOf({ claims: claims({ iss: V2, tid: 'aaaaaaaa-0000-0000-0000-000000000000' }), expectedIssuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' }),
      undefined,
    );
    const common = findIssuerQuirk({ claims: claims({ iss: V2, tid: TID }), expectedIssuer: 'https://login.microsoftonline.com/common/v2.0' });
    assert.equal(common?.code, 'entra-multi-tenant');
    assert.equal(common?.args[2], 'common');
  });

  it('recognises a Keycloak token requested through the other hostname (same realm path)', () => {
    const q = findIssuerQuirk({ claims: claims({ iss: 'http://keycloak:8080/realms/shop' }), expectedIssuer: 'https://sso.example.com/realms/shop' });
    assert.equal(q?.code, 'keycloak-hostname');
    assert.deepEqual(q?.args, ['shop', 'keycloak:8080', 'sso.example.com']);
    // Another realm on another host is a plain mismatch.
    assert.equal(codeOf({ claims: claims({ iss: 'http://keycloak:8080/realms/shop' }), expectedIssuer: 'https://sso.example.com/realms/admin' }), undefined);
  });

  it("recognises Cognito's token_use given where the other token is expected, and its access tokens without aud", () => {
    const iss = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
    const access = claims({ iss, token_use: 'access', client_id: 'app-client-1', scope: 'openid' });
    const q = findIssuerQuirk({ claims: access, expectedIssuer: iss, expectedTokenUse: 'id' });
    assert.equal(q?.code, 'cognito-token-use');
    assert.deepEqual(q?.args, ['access', 'id']);
    const noAud = findIssuerQuirk({ claims: access, expectedIssuer: iss });
    assert.equal(noAud?.code, 'cognito-access-no-aud');
    assert.deepEqual(noAud?.args, ['app-client-1']);
    const id = claims({ iss, token_use: 'id', aud: 'app-client-1' });
    assert.equal(codeOf({ claims: id, expectedIssuer: iss, expectedTokenUse: 'id' }), undefined, 'an ID token where one is expected');
  });

  it("recognises Google's azp and hd, and its two issuer forms", () => {
    const google = claims({
      iss: 'https://accounts.google.com',
      aud: 'server.apps.googleusercontent.com',
      azp: 'android.apps.googleusercontent.com',
      hd: 'corp.example',
    });
    assert.equal(codeOf({ claims: google, clientId: 'android.apps.googleusercontent.com' }), 'google-azp');
    assert.equal(codeOf({ claims: google, clientId: 'server.apps.googleusercontent.com' }), undefined);
    assert.equal(codeOf({ claims: google, hostedDomain: 'other.example' }), 'google-hd');
    assert.equal(codeOf({ claims: claims({ iss: 'accounts.google.com' }), hostedDomain: 'corp.example' }), 'google-no-hd');
    assert.equal(codeOf({ claims: google, hostedDomain: 'corp.example' }), undefined);
    const form = findIssuerQuirk({ claims: claims({ iss: 'accounts.google.com' }), expectedIssuer: 'https://accounts.google.com' });
    assert.equal(form?.code, 'google-issuer-form');
    assert.equal(form?.acceptable, true);
  });

  it('does not mis-label a normal issuer mismatch', () => {
    for (const [iss, expected] of [
      ['https://a.example', 'https://b.example'],
      ['https://acme.auth0.com/', 'https://other.auth0.com/'],
      [V2, 'https://acme.okta.com/oauth2/default'],
      ['https://acme.okta.com/oauth2/default', 'https://acme.okta.com/oauth2/aus1'],
      ['https://sso.example.com/realms/a', 'https://sso.example.com/realms/b'],
      [V2, `https://login.microsoftonline.com/aaaaaaaa-0000-0000-0000-000000000000/v2.0`],
      ['https://accounts.google.com', 'https://accounts.google.com.evil.example'],
    ] as const) {
      assert.equal(codeOf({ claims: claims({ iss, tid: TID }), expectedIssuer: expected }), undefined, `${iss} vs ${expected}`);
    }
    assert.equal(codeOf({ claims: claims({ iss: V2 }), expectedIssuer: V2 }), undefined, 'equal issuers');
    assert.equal(codeOf({ claims: claims({}), expectedIssuer: V2 }), undefined, 'no iss');
  });
});

describe('core/issuerCheck', () => {
  it('says the issuer matches, or that it does not and which quirk it is', () => {
    const ok = checkIssuer({ claims: claims({ iss: V2 }), expectedIssuer: V2 });
    assert.deepEqual(ok, { matches: true, expected: V2, actual: V2, message: `The token's issuer matches the expected issuer ${V2}.` });

    const v1 = checkIssuer({ claims: claims({ iss: V1, tid: TID }), expectedIssuer: V2 });
    assert.equal(v1.matches, false);
    assert.equal(v1.quirk, 'entra-v1-token');
    assert.ok(v1.message.startsWith(`The token's issuer ${V1} is not the expected issuer ${V2}. This is a v1.0 token`), v1.message);
    assert.match(v1.message, /What to do: Set accessTokenAcceptedVersion to 2/);

    const plain = checkIssuer({ claims: claims({ iss: 'https://a.example' }), expectedIssuer: 'https://b.example' });
    assert.equal(plain.quirk, undefined);
    assert.match(plain.message, /Check the provider's issuer setting/);

    const placeholder = checkIssuer({ claims: claims({ iss: V2, tid: TID }), expectedIssuer: 'https://login.microsoftonline.com/{tenantid}/v2.0' });
    assert.equal(placeholder.matches, true, 'the documented way to read the shared discovery');
    assert.match(placeholder.message, /placeholder \{tenantid\}/);

    const otherPool = checkIssuer({
      claims: claims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other', token_use: 'access', client_id: 'c1' }),
      expectedIssuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mine',
    });
    assert.equal(otherPool.quirk, undefined, 'a token quirk does not explain another issuer');
    assert.match(otherPool.message, /Check the provider's issuer setting/);

    const none = checkIssuer({ claims: claims({ iss: 42 }), expectedIssuer: V2 });
    assert.equal(none.matches, false);
    assert.match(none.message, /no iss claim/);
  });

  it('keeps token text plain: no markup, links, line breaks or invisible characters from the token', () => {
    const hostile = 'https://acme.auth0.com/[click](command:workbench.action.terminal.new)\n\u202e$(zap)<img src=x>';
    const r = checkIssuer({ claims: claims({ iss: hostile }), expectedIssuer: 'https://acme.auth0.com/' });
    assert.equal(r.matches, false);
    assert.ok(!r.message.includes(']('), r.message);
    assert.ok(!r.message.includes('$('), r.message);
    assert.ok(!/[\n\r]/.test(r.message));
    assert.ok(!hasInvisibles(r.message));
    const long = checkIssuer({ claims: claims({ iss: `https://x.example/${'a'.repeat(5000)}` }), expectedIssuer: 'https://x.example' });
    assert.ok(long.message.length < 1500, 'token text is cut');
  });

  it('localises every text through the translator, and both bundles have them', () => {
    const marked = checkIssuer({ claims: claims({ iss: V1, tid: TID }), expectedIssuer: V2 }, (s) => `«${s}»`);
    assert.ok(marked.message.startsWith("«The token's issuer "), marked.message);
    assert.match(marked.message, /«What to do: «Set accessTokenAcceptedVersion/);
    const bundles = [en, zh] as Record<string, string>[];
    for (const s of [...issuerQuirkTemplates(), ...issuerCheckTemplates()]) {
      for (const b of bundles) assert.ok(typeof b[s] === 'string' && b[s].length > 0, s);
      // Chinese keeps every placeholder of the English text.
      for (const ph of s.match(/\{\d\}/g) ?? []) assert.ok(zh[s as keyof typeof zh].includes(ph), `${ph} in zh of ${s}`);
    }
  });
});
