import * as assert from 'node:assert/strict';
import { describeAmr, describeField, knownFields, type FieldContext } from '../../../src/core/claims';
import { authingExampleTokenClaims, authingSessionExample } from '../../fixtures/seedExamples';
import { AUTHING_TOKEN_CLAIMS, BA_SESSION, BA_USER } from '../sandbox/shapes';

/** Every field the three seed documents name (`/work/shared/seeds`), written out by hand. */
const seedFields: Record<FieldContext, readonly string[]> = {
  'better-auth.session': Object.keys(BA_SESSION),
  'better-auth.user': Object.keys(BA_USER),
  'authing.session': ['_id', 'cookie', 'appId', 'type', 'userId'],
  'authing.cookie': ['originalMaxAge', 'expires', 'secure', 'httpOnly', 'path', 'sameSite'],
  'authing.userInfo': [
    'thirdPartyIdentity',
    'thirdPartyIdentity.provider',
    'thirdPartyIdentity.refreshToken',
    'thirdPartyIdentity.accessToken',
    'thirdPartyIdentity.scope',
    'thirdPartyIdentity.expiresIn',
    'thirdPartyIdentity.updatedAt',
    'id',
    'createdAt',
    'updatedAt',
    'userPoolId',
    'isRoot',
    'status',
    'oauth',
    'email',
    'phone',
    'username',
    'unionid',
    'openid',
    'nickname',
    'company',
    'photo',
    'browser',
    'device',
    'password',
    'salt',
    'loginsCount',
    'lastIp',
    'name',
    'givenName',
    'familyName',
    'middleName',
    'profile',
    'preferredUsername',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'address',
    'formatted',
    'streetAddress',
    'locality',
    'region',
    'postalCode',
    'city',
    'province',
    'country',
    'registerSource',
    'secretInfo',
    'emailVerified',
    'phoneVerified',
    'lastLogin',
    'blocked',
    'isDeleted',
    'sendSmsCount',
    'sendSmsLimitCount',
    'encryptedPassword',
    'signedUp',
    'externalId',
    'mainDepartmentId',
    'mainDepartmentCode',
    'lastMfaTime',
    'passwordSecurityLevel',
    'resetPasswordOnFirstLogin',
    'syncExtInfo',
    'phoneCountryCode',
    'lastIP',
    'token',
    'tokenExpiredAt',
    '_id',
    'registerMethod',
    'registerInClient',
    'metadata',
  ],
  'authms.session': [
    'amr',
    'authenticated_at',
    'created_at',
    'device_id',
    'device_type',
    'expires_at',
    'geoip',
    'id',
    'idle_expires_at',
    'ip',
    'last_active_at',
    'status',
    'tenant_id',
    'user_agent',
    'user_id',
  ],
  // The claims of Authing's example token (`userInfo.token`).
  // Its top-level claims, then the members of `address` and `data`.
  'jwt-payload': [
    ...AUTHING_TOKEN_CLAIMS,
    'address.country',
    'address.postal_code',
    'address.region',
    'address.formatted',
    'data.type',
    'data.userPoolId',
    'data.appId',
    'data.id',
    'data.userId',
    'data._id',
    'data.phone',
    'data.email',
    'data.username',
    'data.unionid',
    'data.openid',
    'data.clientId',
  ],
  'jwt-header': [],
  'oidc.introspection': [],
};

/** Names the issue and the standards require. */
const standardFields: Partial<Record<FieldContext, readonly string[]>> = {
  'jwt-header': ['alg', 'typ', 'cty', 'kid', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit', 'enc', 'zip', 'b64'],
  'jwt-payload': [
    // RFC 7519 §4.1
    'iss',
    'sub',
    'aud',
    'exp',
    'nbf',
    'iat',
    'jti',
    // OpenID Connect Core §2, §3, Front-Channel Logout
    'auth_time',
    'nonce',
    'acr',
    'amr',
    'azp',
    'sid',
    'at_hash',
    'c_hash',
    // OpenID Connect Core §5.1
    'name',
    'given_name',
    'family_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'email',
    'email_verified',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'phone_number',
    'phone_number_verified',
    'address',
    'updated_at',
    // RFC 9068, RFC 8693, RFC 7800
    'client_id',
    'scope',
    'groups',
    'roles',
    'entitlements',
    'act',
    'may_act',
    'cnf',
  ],
  'oidc.introspection': ['active', 'scope', 'client_id', 'username', 'token_type', 'exp', 'iat', 'nbf', 'sub', 'aud', 'iss', 'jti'],
};

const KINDS = new Set(['time', 'text', 'list', 'object', 'flag', 'secret']);

function check(context: FieldContext, name: string) {
  const info = describeField(name, context);
  assert.ok(info, `${context}: ${name} has no explanation`);
  assert.ok(info.summary.length >= 5 && !info.summary.includes('\n'), `${context}: ${name}`);
  assert.ok(/[.)]$/.test(info.summary), `${context}: ${name}: "${info.summary}" should be a sentence`);
  assert.ok(info.source.length >= 5, `${context}: ${name} has no source`);
  assert.ok(KINDS.has(info.kind));
}

describe('core/claims', () => {
  for (const [context, names] of Object.entries(seedFields) as [FieldContext, string[]][]) {
    if (names.length === 0) continue;
    it(`explains every seed field of ${context} (${names.length})`, () => {
      for (const name of names) check(context, name);
    });
  }

  for (const [context, names] of Object.entries(standardFields) as [FieldContext, string[]][]) {
    it(`explains the standard fields of ${context} (${names.length})`, () => {
      for (const name of names) check(context, name);
    });
  }

  it('covers every key of the Authing example response and its token', () => {
    const s = authingSessionExample['session'] as Record<string, unknown>;
    for (const k of Object.keys(s)) check('authing.session', k);
    for (const k of Object.keys(s['cookie'] as object)) check('authing.cookie', k);
    const ui = authingSessionExample['userInfo'] as Record<string, unknown>;
    for (const k of Object.keys(ui)) check('authing.userInfo', k);
    for (const k of Object.keys(ui['thirdPartyIdentity'] as object)) check('authing.userInfo', `thirdPartyIdentity.${k}`);
    for (const k of Object.keys(authingExampleTokenClaims)) check('jwt-payload', k);
  });

  it('cites the right source', () => {
    assert.equal(describeField('exp', 'jwt-payload')?.source, 'RFC 7519 §4.1.4');
    assert.equal(describeField('exp', 'jwt-payload')?.kind, 'time');
    assert.equal(describeField('x5t#S256', 'jwt-header')?.source, 'RFC 7515 §4.1.8');
    assert.equal(describeField('enc', 'jwt-header')?.source, 'RFC 7516 §4.1.2');
    assert.equal(describeField('act', 'jwt-payload')?.source, 'RFC 8693 §4.1');
    assert.match(describeField('at_hash', 'jwt-payload')?.source ?? '', /OpenID Connect Core 1\.0 §3\.1\.3\.6/);
    assert.equal(describeField('active', 'oidc.introspection')?.source, 'RFC 7662 §2.2');
    assert.equal(describeField('exp', 'oidc.introspection')?.source, 'RFC 7662 §2.2');
    assert.equal(describeField('nonce', 'oidc.introspection')?.source, 'OpenID Connect Core 1.0 §2', 'falls back to JWT claims');
    assert.equal(describeField('impersonatedBy', 'better-auth.session')?.source, 'Better Auth admin plugin');
    assert.equal(describeField('activeTeamId', 'better-auth.session')?.source, 'Better Auth organization plugin (teams)');
    assert.equal(describeField('password', 'authing.userInfo')?.kind, 'secret');
    assert.equal(describeField('token', 'better-auth.session')?.kind, 'secret');
    assert.equal(describeField('idle_expires_at', 'authms.session')?.kind, 'time');
  });

  it('returns undefined for unknown names, never inventing one', () => {
    for (const name of ['favouriteColour', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'EXP', 'data.nope']) {
      assert.equal(describeField(name, 'jwt-payload'), undefined, name);
      assert.equal(describeField(name, 'better-auth.user'), undefined, name);
    }
    assert.equal(describeField('role', 'jwt-payload'), undefined, 'no such registered claim (roles is)');
    assert.equal(describeField('cip', 'authing.userInfo'), undefined, 'custom metadata content');
    assert.equal(describeField('alg', 'jwt-payload'), undefined, 'a header parameter, not a claim');
    assert.equal(describeField('exp', 'nope' as FieldContext), undefined);
  });

  it('describes RFC 8176 amr values and AuthMS names', () => {
    for (const v of [
      'face',
      'fpt',
      'geo',
      'hwk',
      'iris',
      'kba',
      'mca',
      'mfa',
      'otp',
      'pin',
      'pop',
      'pwd',
      'rba',
      'retina',
      'sc',
      'sms',
      'swk',
      'tel',
      'user',
      'vbm',
      'wia',
    ]) {
      assert.equal(describeAmr(v)?.source, 'RFC 8176 §2', v);
    }
    // AuthMS example "password,totp".
    for (const v of 'password,totp'.split(',')) assert.match(describeAmr(v)?.source ?? '', /AuthMS/);
    assert.equal(describeAmr('magic-link'), undefined);
    assert.equal(describeAmr('__proto__'), undefined);
  });

  it('lists the known fields of a context', () => {
    assert.ok(knownFields('jwt-header').includes('kid'));
    assert.ok(knownFields('oidc.introspection').includes('nonce'));
  });
});
