import { DAY, HOUR, MINUTE, SeededRandom, iso } from '../random';
import { DEVICES, DEVICE_LIST, PLACES, type Device } from './devices';

export interface AuthmsUser {
  readonly id: string;
  readonly name: string;
  readonly tenantId: string;
  readonly admin: boolean;
}

/** A stored AuthMS session; times in epoch ms. `status` is computed when answering. */
export interface AuthmsSession {
  readonly id: string;
  readonly userId: string;
  readonly tenantId: string;
  readonly amr: string;
  readonly authenticatedAt: number;
  readonly createdAt: number;
  readonly deviceId: string;
  readonly device: Device;
  readonly expiresAt: number;
  readonly idleExpiresAt: number;
  readonly lastActiveAt: number;
  readonly ip: string;
  readonly geoip: string;
}

export interface AuthmsData {
  readonly users: AuthmsUser[];
  /** Keyed by session id; deletion is revocation. */
  readonly sessions: Map<string, AuthmsSession>;
  /** The paged user (the user credential): `pagedSessions` sessions, 250 by default. */
  readonly pagedUserId: string;
  readonly adminUserId: string;
}

export const TENANT_ACME = 'tnt_acme01';
export const TENANT_GLOBEX = 'tnt_globex02';
/** Sessions last 24 h; idle timeout 4 h (NIST SP 800-63B AAL2-ish). */
const LIFETIME = DAY;
const IDLE = 4 * HOUR;

/** Sessions of the paged user unless `SandboxOptions.authmsPagedSessions` says otherwise. */
export const DEFAULT_PAGED_SESSIONS = 250;

export function createAuthmsData(now: number, pagedSessions = DEFAULT_PAGED_SESSIONS): AuthmsData {
  const rnd = new SeededRandom(0xa07e5);
  const users: AuthmsUser[] = [
    { id: 'usr_grace01', name: 'Grace Hopper', tenantId: TENANT_ACME, admin: true },
    { id: 'usr_ada0250', name: 'Ada Lovelace', tenantId: TENANT_ACME, admin: false },
    { id: 'usr_linus03', name: 'Linus Berg', tenantId: TENANT_ACME, admin: false },
    { id: 'usr_hans04', name: 'Hans Gruber', tenantId: TENANT_GLOBEX, admin: false },
  ];
  const sessions = new Map<string, AuthmsSession>();
  const add = (
    user: AuthmsUser,
    createdAgo: number,
    lastActiveAgo: number,
    device: Device,
    amr: string,
    place: { ip: string; geoip: string },
    lifetime = LIFETIME,
  ): void => {
    const createdAt = now - createdAgo;
    const lastActiveAt = now - lastActiveAgo;
    const session: AuthmsSession = {
      id: `sess_${rnd.hex(16)}`,
      userId: user.id,
      tenantId: user.tenantId,
      amr,
      authenticatedAt: createdAt,
      createdAt,
      deviceId: `dev_${rnd.hex(12)}`,
      device,
      expiresAt: createdAt + lifetime,
      idleExpiresAt: lastActiveAt + IDLE,
      lastActiveAt,
      ip: place.ip,
      geoip: place.geoip,
    };
    sessions.set(session.id, session);
  };
  const [grace, ada, linus, hans] = users;
  const [berlin, beijing, shanghai, sanFrancisco, london] = PLACES;
  if (!grace || !ada || !linus || !hans || !berlin || !beijing || !shanghai || !sanFrancisco || !london) {
    throw new Error('seed');
  }

  add(grace, 3 * HOUR, 2 * MINUTE, DEVICES.chromeMac, 'password,totp', berlin);
  add(grace, 20 * HOUR, 1 * HOUR, DEVICES.curl, 'pwd', berlin);

  // Linus: one of each state.
  add(linus, 1 * HOUR, 1 * MINUTE, DEVICES.firefoxLinux, 'password', london);
  add(linus, DAY - 4 * MINUTE, 3 * MINUTE, DEVICES.safariIos, 'password,otp', london); // expires in 4 min
  add(linus, 10 * HOUR, 5 * HOUR, DEVICES.edgeWindows, 'password', sanFrancisco); // idle-expired
  add(linus, 2 * DAY, 30 * HOUR, DEVICES.chromeAndroid, 'password', sanFrancisco); // expired

  add(hans, 2 * HOUR, 10 * MINUTE, DEVICES.safariIpad, 'password,totp', london);

  // Ada: 250 sessions (or `pagedSessions`) over the last day, so paging is real. The first 20:
  // 5 expiring within minutes, 10 idle-expired, 5 expired; the rest active.
  const amrs = ['password', 'password,totp', 'password,otp', 'webauthn', 'sso'];
  const places = [beijing, shanghai, berlin, sanFrancisco, london];
  for (let i = 0; i < pagedSessions; i++) {
    const device = rnd.pick(DEVICE_LIST);
    const place = rnd.pick(places);
    const amr = rnd.pick(amrs);
    if (i < 5) {
      add(ada, LIFETIME - (2 + i) * MINUTE, rnd.int(0, 60) * 1000, device, amr, place); // expiring soon
    } else if (i < 15) {
      const created = rnd.int(6, 20) * HOUR;
      add(ada, created, rnd.int(4 * 60 + 5, created / MINUTE) * MINUTE, device, amr, place); // idle
    } else if (i < 20) {
      add(ada, rnd.int(25, 72) * HOUR, rnd.int(24, 25) * HOUR, device, amr, place); // expired
    } else {
      const created = rnd.int(1, 23 * 60) * MINUTE;
      add(ada, created, rnd.int(0, Math.min(created / MINUTE, 200)) * MINUTE, device, amr, place);
    }
  }
  return { users, sessions, pagedUserId: ada.id, adminUserId: grace.id };
}

/** `status` of dto.SessionResponse: `active`, `idle_expired` or `expired` at `now`. */
export function sessionStatus(s: AuthmsSession, now: number): 'active' | 'idle_expired' | 'expired' {
  if (s.expiresAt <= now) return 'expired';
  if (s.idleExpiresAt <= now) return 'idle_expired';
  return 'active';
}

export function sessionJson(s: AuthmsSession, now: number): Record<string, string> {
  // Fields in the order of the seed's dto.SessionResponse table.
  return {
    amr: s.amr,
    authenticated_at: iso(s.authenticatedAt),
    created_at: iso(s.createdAt),
    device_id: s.deviceId,
    device_type: s.device.type,
    expires_at: iso(s.expiresAt),
    geoip: s.geoip,
    id: s.id,
    idle_expires_at: iso(s.idleExpiresAt),
    ip: s.ip,
    last_active_at: iso(s.lastActiveAt),
    status: sessionStatus(s, now),
    tenant_id: s.tenantId,
    user_agent: s.device.userAgent,
    user_id: s.userId,
  };
}
