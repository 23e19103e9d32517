/** Token-set facts for the Keep Fresh tests: a user set (refresh token) and a service set (client credentials), at `t0`. */
import type { FreshSetFacts } from '../../../src/core/refreshSchedule';

export const t0 = 1_800_000_000_000;

export const userFacts = (over: Partial<FreshSetFacts> = {}): FreshSetFacts => ({
  slot: 'user',
  accessExpiresAt: t0 + 600_000,
  hasRefreshToken: true,
  clientCredentials: false,
  obtainedAt: t0,
  ...over,
});

export const serviceFacts = (over: Partial<FreshSetFacts> = {}): FreshSetFacts => ({
  slot: 'service',
  accessExpiresAt: t0 + 300_000,
  hasRefreshToken: false,
  clientCredentials: true,
  obtainedAt: t0,
  ...over,
});
