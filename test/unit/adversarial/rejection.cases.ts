/**
 * Adversarial cases for "Why would a server reject this token?": 1 MB claim, header, key-set
 * and server values through every check (they are quoted in the messages, so each must be cut
 * before it is scanned). Run in a worker by rejection.test.ts.
 */
import { inferTokenUse, rejectionChecks } from '../../../src/core/rejectionChecks';
import { providerForIssuer } from '../../../src/inspector/diagnoseProvider';
import type { JsonObject } from '../../../src/core/json';
import type { AdversarialSuite } from './harness';
import { mb, PATTERNS } from './patterns';

const NOW = Date.UTC(2026, 0, 1);

export const suite: AdversarialSuite = {
  patterns: PATTERNS,
  functions: {
    'rejectionChecks (1 MB claims, header, keys and server texts)': {
      input: mb,
      run: (s) => {
        const payload = { iss: s, sub: s, aud: [s, s], azp: s, client_id: s, jti: s, nonce: s, exp: s, nbf: NOW / 1000 + 10, iat: NOW / 1000 };
        const keys: JsonObject[] = [
          { kty: 'RSA', kid: s, alg: s },
          { kty: s, kid: 'k' },
        ];
        return [
          rejectionChecks({
            header: { alg: 'RS256', kid: s, typ: s },
            payload,
            now: NOW,
            skewMs: 60_000,
            tokenUse: 'id',
            provider: { expected: { issuer: s, audience: s, clientId: s } },
            keys: { kind: 'set', url: s, keys },
            discovery: { issuer: s, idTokenAlgs: [s, 'RS256'] },
            signature: { valid: false, message: s },
          }),
          rejectionChecks({
            header: { alg: 'HS256', typ: 'at+jwt' },
            payload: { ...payload, exp: NOW / 1000 - 3600 },
            now: NOW,
            skewMs: 0,
            tokenUse: 'access',
            provider: { expected: {} },
            keys: { kind: 'unavailable', reason: s },
          }),
          rejectionChecks({ header: { alg: s }, payload: { aud: s, exp: NOW / 1000 }, now: NOW, skewMs: 0, tokenUse: 'unknown' }),
          inferTokenUse(s, { typ: s }),
        ];
      },
    },
    'providerForIssuer (1 MB iss)': {
      input: mb,
      run: (s) => [
        providerForIssuer(s, [{ id: 'a', kind: 'authms', label: 'a', baseUrl: 'http://127.0.0.1:1/authms' }]),
        providerForIssuer(`http://127.0.0.1:1/${s.slice(0, 1990)}`, [{ id: 'b', kind: 'better-auth', label: 'b', baseUrl: 'http://127.0.0.1:1/api/auth' }]),
      ],
    },
  },
};
