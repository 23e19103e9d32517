import type { SandboxKeys } from './keys';
import type { SandboxBaseUrls } from './types';
import { createAuthingData, type AuthingData } from './data/authing';
import { createAuthmsData, type AuthmsData } from './data/authms';
import { createBetterAuthData, type BetterAuthData } from './data/betterAuth';
import { createOidcState, type OidcState } from './data/oidc';

/** Everything `reset()` restores. Made from seeded data relative to `now`. */
export interface SandboxState {
  readonly betterAuth: BetterAuthData;
  readonly authing: AuthingData & {
    /** sids revoked through the token revocation endpoint. */
    readonly revoked: Set<string>;
    /** Signed `userInfo.token` per sid, made on first use. */
    readonly tokens: Map<string, string>;
  };
  readonly authms: AuthmsData;
  readonly oidc: OidcState;
}

export function createState(now: number, authmsPagedSessions?: number): SandboxState {
  return {
    betterAuth: createBetterAuthData(now),
    authing: { ...createAuthingData(now), revoked: new Set(), tokens: new Map() },
    authms: createAuthmsData(now, authmsPagedSessions),
    oidc: createOidcState(),
  };
}

/** What every API module gets. `state()` is read per request because `reset()` replaces it. */
export interface ApiContext {
  readonly keys: SandboxKeys;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly baseUrls: SandboxBaseUrls;
  state(): SandboxState;
}
