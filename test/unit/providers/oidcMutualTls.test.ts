/**
 * `tls_client_auth` (RFC 8705) against oidc-provider 9 behind an https listener that asks for a
 * client certificate. The CA, server and client certificates are made here with the openssl CLI.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { errorMessage } from '../../../src/core/errorMessages';
import { isAuthLensError } from '../../../src/core/errors';
import { readClientCertificate, resolveSettingPath } from '../../../src/providers/clientCertificate';
import { OidcProvider } from '../../../src/providers/oidc';
import { MemoryTokenStore } from '../../../src/providers/oidc/tokenStore';
import type { ProviderConfig } from '../../../src/providers/types';
import type { OidcTestServer } from '../../fixtures/oidcServer.mjs';
import { loadFixture, oidcConfig } from './oidcHelpers';

const CLIENT_DN = 'CN=authlens-mtls-client';

/** A CA, a server certificate for 127.0.0.1 and two client certificates (one from another CA). */
function makeCertificates(dir: string): Record<'caCert' | 'serverKey' | 'serverCert' | 'clientKey' | 'clientCert' | 'strangerKey' | 'strangerCert', string> {
  const at = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ecKey, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-subj', '/CN=AuthLens Test CA', '-days', '1');
  openssl('req', '-x509', ...ecKey, '-keyout', at('other-ca.key'), '-out', at('other-ca.pem'), '-subj', '/CN=Another CA', '-days', '1');
  writeFileSync(at('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  const issue = (name: string, subject: string, ca: string, ext?: string): void => {
    openssl('req', ...ecKey, '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', subject);
    openssl(
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at(`${ca}.pem`),
      '-CAkey',
      at(`${ca}.key`),
      '-CAcreateserial',
      '-out',
      at(`${name}.pem`),
      '-days',
      '1',
      ...(ext ? ['-extfile', at(ext)] : []),
    );
  };
  issue('server', '/CN=127.0.0.1', 'ca', 'server.ext');
  issue('client', `/${CLIENT_DN}`, 'ca');
  issue('stranger', `/${CLIENT_DN}`, 'other-ca');
  return {
    caCert: at('ca.pem'),
    serverKey: at('server.key'),
    serverCert: at('server.pem'),
    clientKey: at('client.key'),
    clientCert: at('client.pem'),
    strangerKey: at('stranger.key'),
    strangerCert: at('stranger.pem'),
  };
}

describe('providers/oidc tls_client_auth (real oidc-provider 9, https with requestCert)', function () {
  this.timeout(30_000);
  let dir: string;
  let files: ReturnType<typeof makeCertificates>;
  let server: OidcTestServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'authlens-mtls-'));
    files = makeCertificates(dir);
    const fixture = await loadFixture();
    const https = createServer({
      key: readFileSync(files.serverKey),
      cert: readFileSync(files.serverCert),
      ca: readFileSync(files.caCert),
      requestCert: true,
      rejectUnauthorized: false,
    });
    const peer = (ctx: { socket: TLSSocket }): X509Certificate | undefined => {
      const cert = ctx.socket.getPeerCertificate();
      return cert?.raw ? new X509Certificate(cert.raw) : undefined;
    };
    server = await fixture.startOidcServer({
      server: https as unknown as import('node:http').Server,
      scheme: 'https',
      clients: [
        {
          client_id: 'mtls-client',
          token_endpoint_auth_method: 'tls_client_auth',
          tls_client_auth_subject_dn: CLIENT_DN,
          grant_types: ['client_credentials'],
          redirect_uris: [],
          response_types: [],
          scope: 'api:read',
        },
      ],
      features: {
        mTLS: {
          enabled: true,
          tlsClientAuth: true,
          getCertificate: peer,
          certificateAuthorized: (ctx: { socket: TLSSocket }) => ctx.socket.authorized,
          certificateSubjectMatches: (ctx: { socket: TLSSocket }, property: string, expected: string) =>
            property === 'tls_client_auth_subject_dn' && peer(ctx)?.subject.replace(/\n/g, ',') === expected,
        },
      },
      configure: (c) => {
        c['clientAuthMethods'] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'tls_client_auth', 'none'];
      },
    });
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The server certificate comes from the test CA, which the HTTP client does not know.
  const config = (over: Partial<ProviderConfig>): ProviderConfig => oidcConfig(server, { clientId: 'mtls-client', allowInsecureTls: true, ...over });

  async function serviceToken(over: Partial<ProviderConfig>): Promise<string> {
    const p = new OidcProvider(config(over));
    try {
      return (await p.getServiceToken({ credentials: {}, tokens: new MemoryTokenStore() })).accessToken;
    } finally {
      await p.close();
    }
  }

  it('presents the client certificate from the settings and gets a token (chosen from the certificate, and by setting)', async () => {
    assert.ok(await serviceToken({ tlsClientCertificate: files.clientCert, tlsClientKey: files.clientKey }));
    assert.ok(await serviceToken({ tlsClientCertificate: files.clientCert, tlsClientKey: files.clientKey, tokenEndpointAuthMethod: 'tls_client_auth' }));
  });

  it('without a certificate the server says invalid_client, and the message names the method used', async () => {
    await assert.rejects(serviceToken({}), (err: unknown) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.details.serverCode, 'invalid_client');
      assert.match(errorMessage(err), /invalid_client/);
      assert.match(errorMessage(err), /token endpoint, client authentication none/);
      return true;
    });
  });

  it('a certificate from another CA: invalid_client for tls_client_auth', async () => {
    await assert.rejects(serviceToken({ tlsClientCertificate: files.strangerCert, tlsClientKey: files.strangerKey }), (err: unknown) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.details.serverCode, 'invalid_client');
      assert.match(errorMessage(err), /client authentication tls_client_auth/);
      return true;
    });
  });

  it('tls_client_auth by setting without the certificate settings is refused before any request', async () => {
    await assert.rejects(serviceToken({ tokenEndpointAuthMethod: 'tls_client_auth' }), (err: unknown) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'not-configured');
      assert.match(errorMessage(err), /tlsClientCertificate and tlsClientKey/);
      return true;
    });
  });

  it('an unreadable certificate file is named with its setting; ~/ paths resolve under the home folder', async () => {
    await assert.rejects(serviceToken({ tlsClientCertificate: join(dir, 'missing.pem'), tlsClientKey: files.clientKey }), (err: unknown) => {
      assert.ok(isAuthLensError(err));
      assert.equal(err.code, 'config-invalid');
      assert.match(errorMessage(err), /tlsClientCertificate: cannot read .*missing\.pem \(ENOENT\)/);
      return true;
    });
    assert.throws(() => readClientCertificate({ certFile: files.clientKey, keyFile: files.clientKey }), /holds no PEM certificate/);
    assert.throws(() => readClientCertificate({ certFile: dir, keyFile: files.clientKey }), /tlsClientCertificate .*\(not a file\)/);
    assert.equal(resolveSettingPath('~/certs/c.pem', '/home/u'), join('/home/u', 'certs/c.pem'));
    assert.equal(resolveSettingPath('certs/c.pem', '/home/u'), undefined);
    const both = readClientCertificate({ certFile: files.clientCert, keyFile: files.clientKey });
    assert.match(both.cert.toString(), /BEGIN CERTIFICATE/);
  });
});
