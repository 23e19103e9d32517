/** The choice of client authentication method (pure): setting × server list × credentials. */
import * as assert from 'node:assert/strict';
import { errorMessage } from '../../../src/core/errorMessages';
import { chooseClientAuthMethod, clientAuthChoiceError, clientAuthMethods, type ClientAuthMethod } from '../../../src/providers/oidc/clientAuthMethod';
import { mergeProviderLevels, validateProviderEntry } from '../../../src/providers/configValidation';

type Has = { clientSecret: boolean; privateKey: boolean; certificate: boolean };
const nothing: Has = { clientSecret: false, privateKey: false, certificate: false };
const secret: Has = { ...nothing, clientSecret: true };
const key: Has = { ...nothing, privateKey: true };
const cert: Has = { ...nothing, certificate: true };
const all: Has = { clientSecret: true, privateKey: true, certificate: true };

const everyMethod = [...clientAuthMethods];
const oidcProviderList = ['client_secret_basic', 'client_secret_jwt', 'client_secret_post', 'private_key_jwt', 'none'];

function method(setting: ClientAuthMethod | undefined, serverMethods: readonly string[] | undefined, has: Has): string {
  const c = chooseClientAuthMethod({ setting, serverMethods, has });
  return c.ok ? c.method : `${c.problem}:${c.method}`;
}

describe('providers/oidc client authentication: the choice', () => {
  it('without a setting, follows the credentials and the server list', () => {
    const rows: [readonly string[] | undefined, Has, string][] = [
      [undefined, nothing, 'none'],
      [undefined, secret, 'client_secret_basic'],
      [undefined, key, 'private_key_jwt'],
      [undefined, cert, 'tls_client_auth'],
      [undefined, all, 'private_key_jwt'],
      [oidcProviderList, secret, 'client_secret_basic'],
      [['client_secret_post'], secret, 'client_secret_post'],
      [['client_secret_jwt', 'private_key_jwt'], secret, 'client_secret_jwt'],
      [['client_secret_post', 'client_secret_jwt'], secret, 'client_secret_post'],
      [['client_secret_basic'], { ...secret, privateKey: true }, 'client_secret_basic'],
      [['tls_client_auth'], { ...secret, certificate: true }, 'tls_client_auth'],
      [['private_key_jwt'], { ...nothing, certificate: true, privateKey: true }, 'private_key_jwt'],
      // A public client is never refused for `none` missing from the list: many servers omit it.
      [['client_secret_basic'], nothing, 'none'],
      [[], nothing, 'none'],
      // Credentials the server takes no method for.
      [['private_key_jwt'], secret, 'not-listed:client_secret_basic'],
      [['client_secret_basic'], key, 'not-listed:private_key_jwt'],
      [['client_secret_basic'], cert, 'not-listed:tls_client_auth'],
      [[], secret, 'not-listed:client_secret_basic'],
    ];
    for (const [list, has, expected] of rows) assert.equal(method(undefined, list, has), expected, `${JSON.stringify(list)} ${JSON.stringify(has)}`);
  });

  it('a setting wins over the credentials, for every method, when the server lists it', () => {
    for (const setting of everyMethod) {
      assert.equal(method(setting, undefined, all), setting, setting);
      assert.equal(method(setting, everyMethod, all), setting, setting);
    }
    // `none` with a secret present: the secret stays home.
    assert.equal(method('none', oidcProviderList, secret), 'none');
    assert.equal(method('client_secret_post', oidcProviderList, all), 'client_secret_post');
  });

  it('a setting the server does not list, or whose credential is missing, is refused', () => {
    assert.equal(method('tls_client_auth', oidcProviderList, cert), 'not-listed:tls_client_auth');
    assert.equal(method('client_secret_jwt', ['client_secret_basic'], secret), 'not-listed:client_secret_jwt');
    assert.equal(method('private_key_jwt', oidcProviderList, secret), 'missing-credential:private_key_jwt');
    assert.equal(method('client_secret_basic', oidcProviderList, key), 'missing-credential:client_secret_basic');
    assert.equal(method('tls_client_auth', undefined, nothing), 'missing-credential:tls_client_auth');
    assert.equal(method('none', ['client_secret_basic'], nothing), 'none');
  });

  it('the refusal names the method and what the server lists; a missing credential names what to set', () => {
    const notListed = chooseClientAuthMethod({ setting: 'private_key_jwt', serverMethods: ['client_secret_basic', 'client_secret_post'], has: key });
    assert.equal(notListed.ok, false);
    if (notListed.ok) return;
    const err = clientAuthChoiceError(notListed, true);
    assert.equal(err.code, 'config-invalid');
    const text = errorMessage(err);
    assert.match(text, /tokenEndpointAuthMethod private_key_jwt/);
    assert.match(text, /token_endpoint_auth_methods_supported: client_secret_basic, client_secret_post/);

    const missing = chooseClientAuthMethod({ setting: 'tls_client_auth', serverMethods: undefined, has: nothing });
    assert.equal(missing.ok, false);
    if (missing.ok) return;
    const err2 = clientAuthChoiceError(missing, true);
    assert.equal(err2.code, 'not-configured');
    assert.match(errorMessage(err2), /tls_client_auth needs tlsClientCertificate and tlsClientKey/);
  });

  it('settings: the method must be one of the list, the certificate paths absolute or ~/ and set together', () => {
    const base = { id: 'o', kind: 'oidc', baseUrl: 'https://id.example.com', clientId: 'c' };
    const ok = validateProviderEntry({ ...base, tokenEndpointAuthMethod: 'private_key_jwt', tlsClientCertificate: '~/c.pem', tlsClientKey: '/k.pem' }, 0);
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.config?.tokenEndpointAuthMethod, 'private_key_jwt');
    assert.equal(ok.config?.tlsClientCertificate, '~/c.pem');

    const bad = validateProviderEntry({ ...base, tokenEndpointAuthMethod: 'client_secret', tlsClientCertificate: 'certs/c.pem' }, 3);
    assert.equal(bad.config, undefined);
    assert.deepEqual(
      bad.problems.map((p) => [p.field, p.problem]),
      [
        ['tokenEndpointAuthMethod', 'not-one-of'],
        ['tlsClientCertificate', 'relative-path'],
        ['tlsClientKey', 'missing'],
      ],
    );
    assert.equal(bad.problems[0]?.expected, clientAuthMethods.join(', '));
    assert.deepEqual(
      validateProviderEntry({ ...base, tokenEndpointAuthMethod: 7 }, 0).problems.map((p) => p.problem),
      ['wrong-type'],
    );
  });

  it('certificate files come from user settings only: a workspace entry naming one is skipped with a problem', () => {
    const entry = { id: 'o', kind: 'oidc', baseUrl: 'https://id.example.com', clientId: 'c', tlsClientCertificate: '/c.pem', tlsClientKey: '/k.pem' };
    const fromUser = mergeProviderLevels({ user: [entry], workspace: [], restricted: false, insecureTlsProviders: [] });
    assert.equal(fromUser.providers[0]?.tlsClientKey, '/k.pem');
    const fromWorkspace = mergeProviderLevels({
      user: [{ ...entry, tlsClientCertificate: undefined, tlsClientKey: undefined }],
      workspace: [
        { id: 'x', kind: 'oidc' },
        { ...entry, tlsClientKey: '~/.ssh/id_rsa' },
      ],
      restricted: false,
      insecureTlsProviders: [],
    });
    // The user entry of the same id stays; the workspace one does not replace it.
    assert.equal(fromWorkspace.providers.length, 1);
    assert.equal(fromWorkspace.providers[0]?.level, 'user');
    assert.equal(fromWorkspace.providers[0]?.tlsClientKey, undefined);
    assert.deepEqual(
      fromWorkspace.problems.filter((p) => p.problem === 'user-settings-only').map((p) => [p.index, p.field, p.level]),
      [[1, 'tlsClientKey', 'workspace']],
    );
  });
});
