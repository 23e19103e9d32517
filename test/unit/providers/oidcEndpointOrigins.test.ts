/**
 * Issue 14: endpoints an issuer's discovery document names on other origins may receive
 * credentials, when the document came over https or from this machine; nothing else does.
 */
import * as assert from 'node:assert/strict';
import { discoveredCredentialOrigins, isLoopbackHost } from '../../../src/providers/oidc/endpointOrigins';

const google = {
  issuer: 'https://accounts.google.com',
  authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  device_authorization_endpoint: 'https://oauth2.googleapis.com/device/code',
  token_endpoint: 'https://oauth2.googleapis.com/token',
  userinfo_endpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
  revocation_endpoint: 'https://oauth2.googleapis.com/revoke',
  jwks_uri: 'https://www.googleapis.com/oauth2/v3/certs',
};

describe('oidc: origins from discovery', () => {
  it('trusts the token, userinfo, revocation and device endpoints of an https document (Google)', () => {
    const r = discoveredCredentialOrigins({ url: 'https://accounts.google.com/.well-known/openid-configuration', raw: google }, [
      'https://accounts.google.com',
    ]);
    assert.deepEqual(r.trusted, ['https://oauth2.googleapis.com', 'https://openidconnect.googleapis.com']);
    assert.deepEqual(r.refused, []);
  });

  it('gives jwks_uri and authorization_endpoint nothing, wherever they are', () => {
    const r = discoveredCredentialOrigins(
      {
        url: 'https://id.example/.well-known/openid-configuration',
        raw: { jwks_uri: 'https://keys.example/jwks', authorization_endpoint: 'https://login.example/auth', end_session_endpoint: 'https://out.example/x' },
      },
      ['https://id.example'],
    );
    assert.deepEqual(r, { trusted: [], refused: [] });
  });

  it('does not repeat the configured origins', () => {
    const r = discoveredCredentialOrigins(
      {
        url: 'https://id.example/.well-known/openid-configuration',
        raw: { token_endpoint: 'https://id.example/token', introspection_endpoint: 'https://api.example/i' },
      },
      ['https://id.example'],
    );
    assert.deepEqual(r.trusted, ['https://api.example']);
  });

  it('trusts a plain-http document from loopback (127.0.0.1, ::1, localhost)', () => {
    for (const host of ['127.0.0.1:4000', '[::1]:4000', 'localhost:4000']) {
      const r = discoveredCredentialOrigins(
        {
          url: `http://${host}/.well-known/openid-configuration`,
          raw: { token_endpoint: 'http://127.0.0.1:5000/token', revocation_endpoint: 'https://rev.example/r' },
        },
        [`http://${host}`],
      );
      assert.deepEqual(r.trusted, ['http://127.0.0.1:5000', 'https://rev.example'], host);
      assert.deepEqual(r.refused, [], host);
    }
  });

  it('gives the other-origin endpoints of a plain-http document from another machine nothing, and says why', () => {
    const r = discoveredCredentialOrigins(
      {
        url: 'http://id.example/.well-known/openid-configuration',
        raw: { token_endpoint: 'https://api.example/token', revocation_endpoint: 'https://api.example/revoke', userinfo_endpoint: 'http://id.example/me' },
      },
      ['http://id.example'],
    );
    assert.deepEqual(r.trusted, []);
    assert.deepEqual(r.refused, [{ origin: 'https://api.example', fields: ['token_endpoint', 'revocation_endpoint'], reason: 'discovery-not-https' }]);
  });

  it('refuses plain-http endpoints on another machine even in an https document (the credential would travel in clear)', () => {
    const r = discoveredCredentialOrigins(
      {
        url: 'https://sso.example/realms/x/.well-known/openid-configuration',
        raw: {
          token_endpoint: 'http://keycloak:8080/realms/x/token',
          introspection_endpoint: 'http://127.0.0.1:8080/i',
          userinfo_endpoint: 'https://api.example/me',
        },
      },
      ['https://sso.example'],
    );
    assert.deepEqual(r.trusted, ['http://127.0.0.1:8080', 'https://api.example']);
    assert.deepEqual(r.refused, [{ origin: 'http://keycloak:8080', fields: ['token_endpoint'], reason: 'endpoint-not-https' }]);
  });

  it('counts PAR and RFC 8705 mTLS aliases; ignores non-http URLs and non-strings', () => {
    const r = discoveredCredentialOrigins(
      {
        url: 'https://id.example/.well-known/openid-configuration',
        raw: {
          pushed_authorization_request_endpoint: 'https://par.example/par',
          mtls_endpoint_aliases: { token_endpoint: 'https://mtls.example/token', jwks_uri: 'https://mkeys.example/k' },
          token_endpoint: 'javascript:alert(1)',
          introspection_endpoint: 42,
          revocation_endpoint: 'not a url',
        },
      },
      ['https://id.example'],
    );
    assert.deepEqual(r.trusted, ['https://mtls.example', 'https://par.example']);
  });

  it('gives nothing to the other-origin endpoints of an https document fetched with certificate checks off (unless from loopback)', () => {
    const raw = { token_endpoint: 'https://api.example/token' };
    const off = discoveredCredentialOrigins({ url: 'https://id.example/.well-known/openid-configuration', raw }, ['https://id.example'], {
      tlsVerified: false,
    });
    assert.deepEqual(off, { trusted: [], refused: [{ origin: 'https://api.example', fields: ['token_endpoint'], reason: 'discovery-tls-off' }] });
    const local = discoveredCredentialOrigins({ url: 'https://127.0.0.1:8443/.well-known/openid-configuration', raw }, [], { tlsVerified: false });
    assert.deepEqual(local.trusted, ['https://api.example']);
    const on = discoveredCredentialOrigins({ url: 'https://id.example/.well-known/openid-configuration', raw }, [], { tlsVerified: true });
    assert.deepEqual(on.trusted, ['https://api.example']);
  });

  it('trusts nothing from a document whose URL is not http(s)', () => {
    const r = discoveredCredentialOrigins({ url: 'file:///x', raw: { token_endpoint: 'https://api.example/t' } }, []);
    assert.deepEqual(r.trusted, []);
    assert.equal(r.refused[0]?.reason, 'discovery-not-https');
  });

  it('knows loopback hosts', () => {
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('[::1]') && isLoopbackHost('localhost'));
    assert.ok(!isLoopbackHost('127.0.0.1.example') && !isLoopbackHost('localhost.example') && !isLoopbackHost('10.0.0.1'));
  });
});
