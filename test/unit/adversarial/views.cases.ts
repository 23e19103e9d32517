/**
 * Adversarial cases for the views built from server data and tokens: session and token
 * tooltips and descriptions, the inspector model, the decoded JSON document, the response-shape
 * readers and the HTTP client's JSON guard. Run in a worker by views.test.ts.
 */
import type { Json, JsonObject } from '../../../src/core/json';
import { decodedDocumentFor } from '../../../src/core/decodedJson';
import { buildInspectorModel } from '../../../src/inspector/viewModel';
import { parseJson } from '../../../src/providers/http';
import { objectAt, optDateAt, optNumberAt, optStringAt, statusFromTimes, stringAt } from '../../../src/providers/shape';
import type { SessionInfo, TokenInfo } from '../../../src/providers/types';
import { sessionDescription, sessionLabel, tokenSummary } from '../../../src/sessions/describe';
import { sessionTooltip, tokenTooltip } from '../../../src/sessions/tooltips';
import { withSessionCookie } from '../../../src/sessions/cookieLink';
import type { AdversarialSuite } from './harness';
import { mb, NOW, PATTERNS, repeatTo, tokenOf } from './patterns';

/** A server object whose every string is the text, with a wide list and some nesting. */
function serverObject(s: string): JsonObject {
  const wide: Json[] = Array.from({ length: 2000 }, (_, i) => ({ k: s.slice(i * 50, i * 50 + 300) }));
  return { id: s, name: s, email: s, ipAddress: s, userAgent: s, [s.slice(0, 2000)]: s, wide, nested: { a: { b: { c: [s.slice(0, 5000)] } } } };
}

function sessionOf(s: string, token: string): SessionInfo {
  const tokens: TokenInfo[] = [
    { kind: 'access-token', label: s, value: token, opaque: false, expiresAt: s },
    { kind: 'session-token', label: s, value: s, opaque: true, expiresAt: s, introspection: serverObject(s.slice(0, 100_000)) },
  ];
  return {
    id: s,
    user: { id: s, name: s, email: s },
    userAgent: s,
    ip: s,
    createdAt: s,
    updatedAt: s,
    expiresAt: s,
    idleExpiresAt: s,
    lastActiveAt: s,
    status: 'active',
    impersonatedBy: s,
    tenantId: s,
    tokens,
    raw: { session: serverObject(s), user: serverObject(s) },
  };
}

const half = (u: string): string => repeatTo(u, 512 * 1024);

export const suite: AdversarialSuite = {
  patterns: PATTERNS,
  functions: {
    'sessionTooltip (fields of 512 K)': { input: half, run: (s) => sessionTooltip(sessionOf(s, s), NOW) },
    'tokenTooltip (fields of 1 MB)': {
      input: mb,
      run: (s) => tokenTooltip({ kind: 'access-token', label: s, value: s, opaque: false, expiresAt: s }, { alg: s, claims: [{ label: s, value: s }] }, NOW),
    },
    'sessionLabel and sessionDescription (fields of 512 K)': {
      input: half,
      run: (s) => [sessionLabel(sessionOf(s, s)), sessionDescription(sessionOf(s, s), NOW)],
    },
    'tokenSummary (1 MB value)': {
      input: mb,
      run: (s) => tokenSummary({ kind: 'access-token', label: s, value: s, opaque: false, expiresAt: s }, NOW, undefined, s),
    },
    'tokenSummary (token of the pattern)': { input: tokenOf, run: (s) => tokenSummary({ kind: 'access-token', label: 'JWT', value: s, opaque: false }, NOW) },
    'buildInspectorModel (1 MB text)': { input: mb, run: (s) => buildInspectorModel(s, { now: NOW }) },
    'buildInspectorModel (token of the pattern)': { input: tokenOf, run: (s) => buildInspectorModel(s, { now: NOW }) },
    'buildInspectorModel (a signed cookie of the pattern, its session linked)': {
      input: (u) => `s:${repeatTo(u, 12 * 1024)}.${'A'.repeat(43)}`,
      run: (s) =>
        buildInspectorModel(s, {
          now: NOW,
          cookie: { link: { providerId: s, providerLabel: s, sessionId: s }, name: s, canRemember: true, sandboxSecret: s },
        }),
    },
    'withSessionCookie (1 MB credential, sessions of 512 K fields)': {
      input: mb,
      run: (s) => withSessionCookie([{ key: 'k', session: sessionOf(s.slice(0, 512 * 1024), s) }], s, { kind: 'better-auth', baseUrl: s.slice(0, 100) }),
    },
    'decodedDocumentFor (1 MB text)': { input: mb, run: (s) => decodedDocumentFor(s, NOW) },
    'decodedDocumentFor (token of the pattern)': { input: tokenOf, run: (s) => decodedDocumentFor(s, NOW) },
    'response shape readers (1 MB values)': {
      input: mb,
      run: (s) => {
        const obj: JsonObject = { s, n: s, d: s };
        const out: unknown[] = [stringAt(obj, 's', s), optStringAt(obj, 's', s), statusFromTimes(NOW, s, s, s)];
        for (const read of [() => optDateAt(obj, 'd', s), () => optNumberAt(obj, 'n', s), () => objectAt(s, s)]) {
          try {
            out.push(read());
          } catch (err) {
            out.push(err);
          }
        }
        return out;
      },
    },
    'parseJson guard (1 MB body)': {
      input: mb,
      run: (s) => {
        for (const body of [s, JSON.stringify({ message: s }), `{"a":${s}`]) {
          try {
            parseJson(body, 64, 'adversarial');
          } catch {
            // Refused as not JSON or too deep: what the guard is for.
          }
        }
      },
    },
  },
};
