import * as assert from 'node:assert/strict';
import { describeField } from '../../../src/core/claims';
import { claimTablesByProvider } from '../../../src/core/claimsIdp';
import { identityProviderOf, recogniseIssuer, type IdentityProvider } from '../../../src/core/identityProviders';
import { decodeJwt } from '../../../src/core/decode';
import type { JsonObject } from '../../../src/core/json';
import { rawToken } from '../../fixtures/tokens';

const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** Issuers as each provider writes them in its tokens (shapes from the providers' documentation). */
const ISSUERS: Record<IdentityProvider, readonly string[]> = {
  entra: [`https://login.microsoftonline.com/${TID}/v2.0`, `https://sts.windows.net/${TID}/`, 'https://login.microsoftonline.com/{tenantid}/v2.0'],
  google: ['https://accounts.google.com', 'accounts.google.com'],
  cognito: ['https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123', 'https://cognito-idp.us-gov-west-1.amazonaws.com/us-gov-west-1_X1'],
  auth0: ['https://dev-abc123.us.auth0.com/', 'https://tenant.auth0.com/'],
  okta: ['https://dev-123456.okta.com/oauth2/default', 'https://acme.okta.com', 'https://acme.oktapreview.com/oauth2/aus1'],
  keycloak: ['https://sso.example.com/realms/dev', 'http://keycloak:8080/auth/realms/master/'],
};

/** A token's payload as the inspector reads it: made by the test, decoded by the core. */
function claimsOf(payload: Record<string, unknown>): JsonObject {
  const decoded = decodeJwt(rawToken({ alg: 'RS256', typ: 'JWT' }, payload));
  assert.ok(decoded.ok);
  return decoded.token.payload;
}

describe('core/identityProviders', () => {
  for (const [provider, issuers] of Object.entries(ISSUERS) as [IdentityProvider, string[]][]) {
    it(`recognises ${provider} from the iss of its tokens`, () => {
      for (const iss of issuers) assert.equal(identityProviderOf(claimsOf({ iss, sub: 'u' })['iss']), provider, iss);
    });
  }

  it('reads the parts each provider puts in its issuer', () => {
    assert.deepEqual(recogniseIssuer(`https://sts.windows.net/${TID}/`), {
      provider: 'entra',
      host: 'sts.windows.net',
      path: `/${TID}`,
      entraVersion: 'v1',
      tenant: TID,
    });
    assert.equal(recogniseIssuer(`https://login.microsoftonline.com/${TID}/v2.0`)?.entraVersion, 'v2');
    assert.equal(recogniseIssuer('https://login.microsoftonline.com/common/v2.0')?.tenant, 'common');
    const cognito = recogniseIssuer('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123');
    assert.equal(cognito?.region, 'eu-west-1');
    assert.equal(cognito?.userPool, 'eu-west-1_AbCdEf123');
    assert.equal(recogniseIssuer('http://keycloak:8080/auth/realms/master/')?.realm, 'master');
    assert.equal(recogniseIssuer('https://acme.okta.com/oauth2/default')?.path, '/oauth2/default');
  });

  it('recognises no other issuer, nor look-alikes', () => {
    for (const iss of [
      'https://example.com',
      'https://issuer.example/realms', // no realm name
      'https://login.microsoftonline.com/common', // v1 authority, not a token issuer
      'https://login.microsoftonline.com.evil.example/x/v2.0',
      'https://evil.example/auth0.com/',
      'https://auth0.com.evil.example/',
      'https://accounts.google.com.evil.example',
      'https://accounts.google.com/o/oauth2',
      'https://user@acme.okta.com',
      'https://acme.okta.com/?x=/realms/dev',
      'https://cognito-idp.eu-west-1.amazonaws.com/',
      'ftp://tenant.auth0.com/',
      'tenant.auth0.com',
      '',
    ]) {
      assert.equal(recogniseIssuer(iss), undefined, iss);
    }
    for (const v of [undefined, null, 42, ['https://accounts.google.com'], { iss: 'https://accounts.google.com' }]) assert.equal(recogniseIssuer(v), undefined);
    assert.equal(recogniseIssuer(`https://sso.example.com/realms/${'r'.repeat(3000)}`), undefined, 'longer than any issuer');
  });

  it('explains a claim name shared by providers for the provider that issued the token', () => {
    const scp = (p: IdentityProvider) => describeField('scp', 'jwt-payload', identityProviderOf(ISSUERS[p][0]));
    assert.match(scp('entra')?.summary ?? '', /Delegated permissions/);
    assert.equal(scp('entra')?.source, 'https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference');
    assert.match(scp('okta')?.summary ?? '', /as a list/);
    assert.match(scp('okta')?.source ?? '', /^https:\/\/developer\.okta\.com\//);
    assert.equal(scp('google'), undefined, 'Google has no scp claim');

    const ver = (p: IdentityProvider) => describeField('ver', 'jwt-payload', p)?.summary ?? '';
    assert.match(ver('entra'), /accessTokenAcceptedVersion/);
    assert.match(ver('okta'), /Okta token format/);
    assert.equal(describeField('ver', 'jwt-payload'), undefined, 'no standard meaning');

    const azp = (p?: IdentityProvider) => describeField('azp', 'jwt-payload', p);
    assert.match(azp('entra')?.summary ?? '', /appid/);
    assert.match(azp('google')?.summary ?? '', /Android/);
    assert.match(azp('google')?.source ?? '', /^https:\/\/developers\.google\.com\//);
    assert.match(azp('auth0')?.source ?? '', /^https:\/\/auth0\.com\/docs\//);
    assert.equal(azp()?.source, 'OpenID Connect Core 1.0 §2', 'the standard meaning without a provider');
    assert.equal(azp('keycloak')?.source, 'OpenID Connect Core 1.0 §2', 'no Keycloak meaning: the standard one');

    assert.match(describeField('client_id', 'jwt-payload', 'cognito')?.summary ?? '', /no aud/);
    assert.equal(describeField('client_id', 'jwt-payload', 'okta')?.source, 'RFC 9068 §2.2; RFC 8693 §4.3');
    assert.equal(describeField('typ', 'jwt-payload', 'keycloak')?.source, 'https://www.keycloak.org/docs/latest/server_admin/');
    assert.equal(describeField('typ', 'jwt-header', 'keycloak')?.source, 'RFC 7515 §4.1.9', 'the header keeps its own meaning');
    assert.equal(describeField('oid', 'better-auth.user', 'entra'), undefined, 'provider claims apply to token claims only');
    assert.match(describeField('scp', 'oidc.introspection', 'okta')?.summary ?? '', /as a list/, 'introspection answers are token claims');
  });

  it('explains every claim the issue lists, each with its documentation page', () => {
    const listed: Record<IdentityProvider, readonly string[]> = {
      entra: ['oid', 'tid', 'aio', 'uti', 'rh', 'wids', 'roles', 'scp', 'ver', 'idp', 'appid', 'azp', 'xms_cc', 'xms_pdl'],
      google: ['hd', 'at_hash', 'azp', 'email_verified'],
      cognito: ['cognito:groups', 'cognito:username', 'token_use', 'client_id', 'origin_jti', 'event_id', 'auth_time'],
      auth0: ['gty', 'permissions', 'org_id', 'azp', 'https://example.com/roles', 'http://acme/tenant'],
      okta: ['cid', 'uid', 'scp', 'ver', 'auth_time'],
      keycloak: [
        'realm_access',
        'realm_access.roles',
        'resource_access',
        'resource_access.account',
        'resource_access.account.roles',
        'resource_access["my-app"]',
        'resource_access["my-app"].roles',
        'session_state',
        'sid',
        'acr',
        'allowed-origins',
        'preferred_username',
        'typ',
      ],
    };
    for (const [provider, names] of Object.entries(listed) as [IdentityProvider, string[]][]) {
      for (const name of names) {
        const info = describeField(name, 'jwt-payload', provider);
        assert.ok(info, `${provider}: ${name}`);
        assert.match(info.source, /^https:\/\/[a-z0-9.-]+\/\S+$/, `${provider}: ${name} cites a documentation page`);
        assert.ok(/[.)]$/.test(info.summary) && !info.summary.includes('\n'), `${provider}: ${name} is one sentence`);
      }
    }
    assert.equal(describeField('xms_', 'jwt-payload', 'entra'), undefined, 'a bare prefix is no claim');
    assert.equal(describeField('https://example.com/roles', 'jwt-payload', 'okta'), undefined, 'namespaced claims are an Auth0 rule');
    assert.equal(describeField('resource_access.a.b.roles', 'jwt-payload', 'keycloak'), undefined);
    assert.equal(describeField('__proto__', 'jwt-payload', 'entra'), undefined);
    assert.equal(describeField(`xms_${'x'.repeat(2000)}`, 'jwt-payload', 'entra'), undefined, 'rules skip absurd names');
  });

  it('keeps every provider table free of duplicate names', () => {
    for (const [provider, table] of Object.entries(claimTablesByProvider)) {
      const names = table.map((row) => row[0]);
      assert.equal(new Set(names).size, names.length, provider);
    }
  });
});
