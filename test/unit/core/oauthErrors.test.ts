import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeOAuthError, knownOAuthErrors, parseOAuthError, parseWwwAuthenticateError } from '../../../src/core/oauthErrors';

describe('core/oauthErrors', () => {
  it('knows the RFC meaning of every code the OIDC provider handles', () => {
    for (const code of [
      'invalid_client',
      'invalid_grant',
      'invalid_target',
      'unsupported_grant_type',
      'invalid_request',
      'invalid_scope',
      'unauthorized_client',
      'access_denied',
      'invalid_token',
      'unsupported_token_type',
    ]) {
      const info = describeOAuthError(code);
      assert.ok(info, code);
      assert.match(info.source, /^(RFC \d+|OpenID Connect Core) §/);
      assert.ok(info.meaning.length > 20);
    }
    assert.equal(describeOAuthError('invalid_target')?.source, 'RFC 8707 §2');
    assert.equal(describeOAuthError('made_up'), undefined);
  });

  it('has every meaning and hint in the English and Chinese runtime bundles', () => {
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    for (const info of knownOAuthErrors()) {
      for (const text of [info.meaning, info.hint].filter((t): t is string => !!t)) {
        assert.ok(en[text], `en: ${text}`);
        assert.ok(zh[text], `zh: ${text}`);
      }
    }
  });

  it('parses error bodies and rejects what is not one', () => {
    assert.deepEqual(parseOAuthError({ error: 'invalid_grant', error_description: 'grant request is invalid' }), {
      error: 'invalid_grant',
      errorDescription: 'grant request is invalid',
    });
    assert.equal(parseOAuthError({ message: 'nope' }), undefined);
    assert.equal(parseOAuthError({ error: { nested: true } }), undefined);
    assert.equal(parseOAuthError({ error: 'bad\ncode' }), undefined);
    assert.equal(parseOAuthError(null), undefined);
  });

  it('parses the Bearer WWW-Authenticate error', () => {
    assert.deepEqual(parseWwwAuthenticateError('Bearer realm="x", error="invalid_token", error_description="invalid token provided"'), {
      error: 'invalid_token',
      errorDescription: 'invalid token provided',
    });
    assert.equal(parseWwwAuthenticateError('Bearer realm="x"'), undefined);
  });
});
