/**
 * Field lists copied from the seed documents (/work/shared/seeds), in the seeds' order, with the
 * JSON type each field must have in the sandbox's answers. Shared by the sandbox shape tests.
 */
import * as assert from 'node:assert/strict';

/** `T?` = that type or null. `date` = ISO 8601 string. */
export type FieldType = 'string' | 'string?' | 'date' | 'date?' | 'boolean' | 'integer' | 'null' | 'object' | 'array' | 'json' | 'jwt';
export type Shape = Readonly<Record<string, FieldType>>;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function checkType(path: string, value: unknown, type: FieldType): void {
  const nullable = type.endsWith('?');
  if (nullable && value === null) return;
  const base = type.replace('?', '');
  switch (base) {
    case 'string':
      assert.equal(typeof value, 'string', `${path} should be a string`);
      break;
    case 'date':
      assert.ok(typeof value === 'string' && ISO.test(value), `${path} should be an ISO date, got ${String(value)}`);
      break;
    case 'boolean':
      assert.equal(typeof value, 'boolean', `${path} should be a boolean`);
      break;
    case 'integer':
      assert.ok(Number.isInteger(value), `${path} should be an integer`);
      break;
    case 'null':
      assert.equal(value, null, `${path} should be null`);
      break;
    case 'object':
      assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${path} should be an object`);
      break;
    case 'array':
      assert.ok(Array.isArray(value), `${path} should be an array`);
      break;
    case 'json':
      assert.notEqual(value, undefined, `${path} should be present`);
      break;
    case 'jwt':
      assert.ok(typeof value === 'string' && value.split('.').length === 3 && value.startsWith('eyJ'), `${path} should be a JWT`);
      break;
  }
}

/** Exactly the seed's fields, in the seed's order, each of the seed's type. */
export function assertShape(value: unknown, shape: Shape, path = '$', opts: { order?: boolean } = {}): void {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `${path} should be an object`);
  const obj = value as Record<string, unknown>;
  const expected = Object.keys(shape);
  if (opts.order ?? true) assert.deepEqual(Object.keys(obj), expected, `${path}: fields or their order differ from the seed`);
  else assert.deepEqual(Object.keys(obj).sort(), [...expected].sort(), `${path}: fields differ from the seed`);
  for (const [key, type] of Object.entries(shape)) checkType(`${path}.${key}`, obj[key], type);
}

// Seed 000 (Better Auth OpenAPI), components.schemas, in x-apifox-orders. Not-set optional
// fields are null in the sandbox (an SQL-backed deployment), hence `?`.
export const BA_SESSION: Shape = {
  id: 'string',
  expiresAt: 'date',
  token: 'string',
  createdAt: 'date',
  updatedAt: 'date',
  ipAddress: 'string?',
  userAgent: 'string?',
  userId: 'string',
  impersonatedBy: 'string?',
  activeOrganizationId: 'string?',
  activeTeamId: 'string?',
};
export const BA_USER: Shape = {
  id: 'string',
  name: 'string',
  email: 'string',
  emailVerified: 'boolean',
  image: 'string?',
  createdAt: 'date',
  updatedAt: 'date',
  role: 'string?',
  banned: 'boolean',
  banReason: 'string?',
  banExpires: 'date?',
  lastLoginMethod: 'string?',
  inherentOrganizationId: 'string?',
  inherentTeamId: 'string?',
  metadata: 'json',
  stripeCustomerId: 'string?',
};

// Seed 001 (Authing 检测登录态), response body and its example.
export const AUTHING_SESSION: Shape = { _id: 'string', cookie: 'object', appId: 'string', type: 'string', userId: 'string' };
export const AUTHING_COOKIE: Shape = {
  originalMaxAge: 'integer',
  expires: 'date',
  secure: 'boolean',
  httpOnly: 'boolean',
  path: 'string',
  sameSite: 'string',
};
export const AUTHING_THIRD_PARTY: Shape = {
  provider: 'null',
  refreshToken: 'null',
  accessToken: 'null',
  scope: 'null',
  expiresIn: 'null',
  updatedAt: 'null',
};
export const AUTHING_USER_INFO: Shape = {
  thirdPartyIdentity: 'object',
  id: 'string',
  createdAt: 'date',
  updatedAt: 'date',
  userPoolId: 'string',
  isRoot: 'boolean',
  status: 'string',
  oauth: 'null',
  email: 'string',
  phone: 'null',
  username: 'string',
  unionid: 'null',
  openid: 'null',
  nickname: 'null',
  company: 'null',
  photo: 'string',
  browser: 'null',
  device: 'null',
  password: 'string',
  salt: 'string',
  loginsCount: 'integer',
  lastIp: 'string',
  name: 'string',
  givenName: 'null',
  familyName: 'null',
  middleName: 'null',
  profile: 'null',
  preferredUsername: 'null',
  website: 'null',
  gender: 'string',
  birthdate: 'null',
  zoneinfo: 'null',
  locale: 'null',
  address: 'null',
  formatted: 'null',
  streetAddress: 'null',
  locality: 'null',
  region: 'null',
  postalCode: 'null',
  city: 'null',
  province: 'null',
  country: 'null',
  registerSource: 'array',
  secretInfo: 'null',
  emailVerified: 'boolean',
  phoneVerified: 'boolean',
  lastLogin: 'date',
  blocked: 'boolean',
  isDeleted: 'boolean',
  sendSmsCount: 'integer',
  sendSmsLimitCount: 'integer',
  encryptedPassword: 'null',
  signedUp: 'date',
  externalId: 'null',
  mainDepartmentId: 'string',
  mainDepartmentCode: 'string',
  lastMfaTime: 'null',
  passwordSecurityLevel: 'null',
  resetPasswordOnFirstLogin: 'boolean',
  syncExtInfo: 'null',
  phoneCountryCode: 'null',
  lastIP: 'string',
  token: 'jwt',
  tokenExpiredAt: 'date',
  _id: 'string',
  registerMethod: 'string',
  registerInClient: 'string',
  metadata: 'object',
};
/** Claims of the seed's example `userInfo.token`, in its order. */
export const AUTHING_TOKEN_CLAIMS = [
  'updated_at',
  'address',
  'phone_number_verified',
  'phone_number',
  'locale',
  'zoneinfo',
  'birthdate',
  'gender',
  'email_verified',
  'email',
  'website',
  'picture',
  'profile',
  'preferred_username',
  'nickname',
  'middle_name',
  'family_name',
  'given_name',
  'name',
  'sub',
  'external_id',
  'unionid',
  'username',
  'data',
  'userpool_id',
  'aud',
  'exp',
  'iat',
  'iss',
];

// Seed 002 (AuthMS), Referenced Schemas (listed alphabetically there).
export const AUTHMS_SESSION: Shape = {
  amr: 'string',
  authenticated_at: 'date',
  created_at: 'date',
  device_id: 'string',
  device_type: 'string',
  expires_at: 'date',
  geoip: 'string',
  id: 'string',
  idle_expires_at: 'date',
  ip: 'string',
  last_active_at: 'date',
  status: 'string',
  tenant_id: 'string',
  user_agent: 'string',
  user_id: 'string',
};
export const AUTHMS_LIST: Shape = {
  code: 'integer',
  items: 'array',
  message: 'string',
  pagination: 'object',
  timestamp: 'date',
  total: 'integer',
};
/** gitee_com_linmes_authms_base_dto.PageInfo */
export const AUTHMS_PAGE_INFO: Shape = {
  has_next: 'boolean',
  has_prev: 'boolean',
  page: 'integer',
  page_size: 'integer',
  total: 'integer',
  total_pages: 'integer',
};
/** dto.Problem fields always present in the sandbox's problems (the rest are `omitempty`). */
export const AUTHMS_PROBLEM_ALWAYS = [
  'code',
  'detail',
  'i18n_key',
  'instance',
  'request_id',
  'service',
  'span_id',
  'status',
  'timestamp',
  'title',
  'trace_id',
  'type',
];
/** Every dto.Problem field of the seed. */
export const AUTHMS_PROBLEM_ALL = [...AUTHMS_PROBLEM_ALWAYS, 'errors', 'i18n_args', 'retry_after'];
export const AUTHMS_FIELD_VIOLATION = ['code', 'description', 'field', 'value'];
