import type { JsonObject } from '../../core/json';
import { DAY, HOUR, MINUTE, SeededRandom, iso } from '../random';
import { DEVICES, PLACES, type Device } from './devices';

/** A sandbox Authing user; `profile` holds the seed 001 `userInfo` fields other than the token ones. */
export interface AuthingUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  /** `userInfo` without `token` / `tokenExpiredAt` (added per session when answering). */
  readonly profile: JsonObject;
}

/** One express-session style SSO session (`session` of seed 001). */
export interface AuthingSession {
  readonly sid: string;
  readonly userId: string;
  readonly appId: string;
  readonly type: string;
  readonly originalMaxAge: number;
  readonly expires: number;
  readonly device: Device;
  /** The OIDC token issued with the session: iat and exp in epoch seconds. */
  readonly tokenIat: number;
  readonly tokenExp: number;
}

export interface AuthingData {
  readonly userPoolId: string;
  readonly appId: string;
  readonly users: AuthingUser[];
  readonly sessions: AuthingSession[];
  /** sid of the session the sandbox credential carries. */
  readonly credentialSid: string;
}

const FOURTEEN_DAYS = 14 * DAY;

export function createAuthingData(now: number): AuthingData {
  const rnd = new SeededRandom(0xa07);
  const objectId = (): string => rnd.hex(24);
  const userPoolId = objectId();
  const appId = objectId();

  const user = (
    username: string,
    name: string,
    email: string,
    opts: { isRoot: boolean; createdDaysAgo: number; logins: number; ip: string; gender: string },
  ): AuthingUser => {
    const id = objectId();
    const created = iso(now - opts.createdDaysAgo * DAY);
    const lastLogin = iso(now - 2 * HOUR);
    // Field order and nullability exactly as the seed's example `userInfo`. `password` and
    // `salt` are fake values: the seed's real example leaks them and the inspector must flag them.
    const profile: JsonObject = {
      thirdPartyIdentity: {
        provider: null,
        refreshToken: null,
        accessToken: null,
        scope: null,
        expiresIn: null,
        updatedAt: null,
      },
      id,
      createdAt: created,
      updatedAt: iso(now - 2 * HOUR),
      userPoolId,
      isRoot: opts.isRoot,
      status: 'Activated',
      oauth: null,
      email,
      phone: null,
      username,
      unionid: null,
      openid: null,
      nickname: null,
      company: null,
      photo: 'https://files.authing.co/authing-console/default-user-avatar.png',
      browser: null,
      device: null,
      password: rnd.hex(32),
      salt: rnd.alnum(30),
      loginsCount: opts.logins,
      lastIp: opts.ip,
      name,
      givenName: null,
      familyName: null,
      middleName: null,
      profile: null,
      preferredUsername: null,
      website: null,
      gender: opts.gender,
      birthdate: null,
      zoneinfo: null,
      locale: null,
      address: null,
      formatted: null,
      streetAddress: null,
      locality: null,
      region: null,
      postalCode: null,
      city: null,
      province: null,
      country: null,
      registerSource: ['offcial:import'],
      secretInfo: null,
      emailVerified: false,
      phoneVerified: false,
      lastLogin,
      blocked: false,
      isDeleted: false,
      sendSmsCount: 0,
      sendSmsLimitCount: 1000,
      encryptedPassword: null,
      signedUp: created,
      externalId: null,
      mainDepartmentId: '',
      mainDepartmentCode: '',
      lastMfaTime: null,
      passwordSecurityLevel: null,
      resetPasswordOnFirstLogin: false,
      syncExtInfo: null,
      phoneCountryCode: null,
      lastIP: opts.ip,
    };
    return { id, username, name, email, profile };
  };

  const [berlin, beijing, shanghai] = PLACES;
  if (!berlin || !beijing || !shanghai) throw new Error('places');
  const wang = user('wangfang', 'Wang Fang', 'wang.fang@example.cn', {
    isRoot: false,
    createdDaysAgo: 180,
    logins: 42,
    ip: beijing.ip,
    gender: 'F',
  });
  const liu = user('root', 'xiaoliu', 'root@example.cn', {
    isRoot: true,
    createdDaysAgo: 400,
    logins: 13,
    ip: '::1',
    gender: 'U',
  });
  const zhang = user('zhangwei', 'Zhang Wei', 'zhang.wei@example.cn', {
    isRoot: false,
    createdDaysAgo: 60,
    logins: 3,
    ip: shanghai.ip,
    gender: 'M',
  });

  const session = (owner: AuthingUser, startedAgo: number, device: Device): AuthingSession => {
    const started = now - startedAgo;
    const iat = Math.floor(started / 1000);
    return {
      sid: rnd.alnum(32),
      userId: owner.id,
      appId,
      type: 'oidc',
      // express-session reports the max age it was created with, minus a few ms of handling.
      originalMaxAge: FOURTEEN_DAYS - 3,
      expires: started + FOURTEEN_DAYS,
      device,
      tokenIat: iat,
      tokenExp: iat + FOURTEEN_DAYS / 1000,
    };
  };
  const sessions = [
    // Active, two hours old: the sandbox credential.
    session(wang, 2 * HOUR, DEVICES.chromeMac),
    // Expiring within minutes (cookie and token both end in 5 minutes).
    session(liu, FOURTEEN_DAYS - 5 * MINUTE, DEVICES.safariIos),
    // Expired yesterday: its cookie reads as signed out.
    session(zhang, FOURTEEN_DAYS + DAY, DEVICES.firefoxLinux),
  ];
  const credentialSid = sessions[0]?.sid;
  if (!credentialSid) throw new Error('seed sessions');
  return { userPoolId, appId, users: [wang, liu, zhang], sessions, credentialSid };
}
