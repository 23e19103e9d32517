import type { Json, JsonObject } from '../../core/json';
import { DAY, HOUR, MINUTE, SeededRandom, iso } from '../random';
import { DEVICES, PLACES } from './devices';

/**
 * Better Auth rows, field for field as seed 000 (`components.schemas.User` / `Session`) lists
 * them, in the seed's `x-apifox-orders`. Never-set fields are `null` (what an SQL-backed
 * deployment returns; the memory adapter would leave them out).
 */
export interface BaUser extends JsonObject {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: string;
  updatedAt: string;
  role: string;
  banned: boolean;
  banReason: string | null;
  banExpires: string | null;
  lastLoginMethod: string | null;
  inherentOrganizationId: string | null;
  inherentTeamId: string | null;
  metadata: Json;
  stripeCustomerId: string | null;
}

export interface BaSession extends JsonObject {
  id: string;
  expiresAt: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  ipAddress: string;
  userAgent: string;
  userId: string;
  impersonatedBy: string | null;
  activeOrganizationId: string | null;
  activeTeamId: string | null;
}

export interface BetterAuthData {
  readonly users: BaUser[];
  readonly sessions: BaSession[];
  /** Raw token of the admin's browser session (Alice, Chrome on macOS). */
  readonly adminToken: string;
  /** Raw token of a regular user's session (Bob, Firefox on Linux). */
  readonly userToken: string;
}

export function createBetterAuthData(now: number): BetterAuthData {
  const rnd = new SeededRandom(0xba5e);
  const id = (): string => rnd.alnum(32);
  const orgAcme = id();
  const teamPlatform = id();

  const user = (name: string, email: string, createdDaysAgo: number, extra: Partial<BaUser>): BaUser => ({
    id: id(),
    name,
    email,
    emailVerified: true,
    image: null,
    createdAt: iso(now - createdDaysAgo * DAY),
    updatedAt: iso(now - 2 * DAY),
    role: 'user',
    banned: false,
    banReason: null,
    banExpires: null,
    lastLoginMethod: 'email',
    inherentOrganizationId: null,
    inherentTeamId: null,
    metadata: {},
    stripeCustomerId: null,
    ...extra,
  });

  const alice = user('Alice Martin', 'alice.martin@example.com', 412, {
    image: 'https://avatars.example.com/alice.png',
    role: 'admin',
    inherentOrganizationId: orgAcme,
    metadata: { department: 'Platform', locale: 'en-GB' },
    stripeCustomerId: 'cus_Q4sR8vLx2mN7aB',
  });
  const bob = user('Bob Chen', 'bob.chen@example.com', 230, {
    lastLoginMethod: 'github',
    inherentOrganizationId: orgAcme,
    inherentTeamId: teamPlatform,
    metadata: { plan: 'pro' },
    stripeCustomerId: 'cus_R2kP9wQm4tY1cD',
  });
  const carol = user('Carol Díaz', 'carol.diaz@example.com', 95, {
    banned: true,
    banReason: 'Spamming other workspaces',
    banExpires: iso(now + 7 * DAY),
    updatedAt: iso(now - 3 * HOUR),
  });
  const dan = user('Dan Okafor', 'dan.okafor@example.com', 3, {
    emailVerified: false,
    lastLoginMethod: 'google',
  });

  const session = (
    owner: BaUser,
    createdAgo: number,
    expiresIn: number,
    device: { userAgent: string },
    place: { ip: string },
    extra: Partial<BaSession> = {},
  ): BaSession => ({
    id: id(),
    expiresAt: iso(now + expiresIn),
    token: id(),
    createdAt: iso(now - createdAgo),
    updatedAt: iso(now - Math.min(createdAgo, 20 * MINUTE)),
    ipAddress: place.ip,
    userAgent: device.userAgent,
    userId: owner.id,
    impersonatedBy: null,
    activeOrganizationId: null,
    activeTeamId: null,
    ...extra,
  });

  const [berlin, beijing, , sanFrancisco, london, tokyo] = PLACES;
  if (!berlin || !beijing || !sanFrancisco || !london || !tokyo) throw new Error('places');
  const sessions: BaSession[] = [
    // Alice (admin): browser session (the admin credential) and a CLI session about to expire.
    session(alice, 1 * DAY, 6 * DAY, DEVICES.chromeMac, berlin, { activeOrganizationId: orgAcme }),
    session(alice, 7 * DAY - 4 * MINUTE, 4 * MINUTE, DEVICES.curl, berlin),
    // Bob: desktop (the user credential), phone expiring in minutes, an impersonated session, an expired one.
    session(bob, 2 * HOUR, 7 * DAY - 2 * HOUR, DEVICES.firefoxLinux, sanFrancisco, {
      activeOrganizationId: orgAcme,
      activeTeamId: teamPlatform,
    }),
    session(bob, 7 * DAY - 3 * MINUTE, 3 * MINUTE, DEVICES.safariIos, sanFrancisco),
    session(bob, 10 * MINUTE, 50 * MINUTE, DEVICES.chromeMac, berlin, {
      impersonatedBy: alice.id,
      activeOrganizationId: orgAcme,
    }),
    session(bob, 9 * DAY, -2 * DAY, DEVICES.edgeWindows, london),
    // Carol (banned): only an old expired session.
    session(carol, 12 * DAY, -5 * DAY, DEVICES.chromeAndroid, beijing),
    // Dan: a fresh phone session.
    session(dan, 5 * MINUTE, 7 * DAY - 5 * MINUTE, DEVICES.chromeAndroid, tokyo),
  ];
  const adminToken = sessions[0]?.token;
  const userToken = sessions[2]?.token;
  if (!adminToken || !userToken) throw new Error('seed sessions');
  return { users: [alice, bob, carol, dan], sessions, adminToken, userToken };
}
