/**
 * What the host knows about a shown signed cookie besides its text: the listed session it
 * belongs to, its name at the source provider, where a remembered secret is kept, whether the
 * running sandbox signs it, and a compressed Flask payload inflated. Verify Cookie and Copy use
 * the same answers, so the panel and its requests agree.
 */
import type { Json } from '../core/json';
import { loadProviders } from '../plumbing/lazy';
import { parseSignedCookie, type SignedCookie } from '../core/signedCookie';
import { isProviderKind, providerKindTable } from '../providers/kinds';
import type { SessionInfo } from '../providers/types';
import { cookieSecretKey } from '../secrets/keys';
import { sessionOfCookie, type ListedProvider } from '../sessions/cookieLink';
import type { InspectInput } from '../shared/inspectInput';
import type { InspectorDeps, SandboxSecret } from './deps';
import { sandboxUseOf, type CookieContext } from './cookieModel';

/** The listed session the cookie belongs to: the source's own, else any configured provider's. */
export function cookieLinkOf(cookie: SignedCookie, input: InspectInput, deps: InspectorDeps): { provider: ListedProvider; sessionId: string } | undefined {
  const sessions = deps.sessions;
  if (!sessions.listedSessions) return undefined;
  const listed = (providerId: string): readonly SessionInfo[] => sessions.listedSessions?.(providerId) ?? [];
  const src = input.source;
  const providers: ListedProvider[] = deps
    .settings()
    .providers.filter((p) => p.kind === 'better-auth' || p.kind === 'authing')
    // The source's provider first: a cookie of two providers (one server, two entries) names its own.
    .sort((a, b) => Number(b.id === src?.providerId) - Number(a.id === src?.providerId))
    .map((p) => ({ id: p.id, label: p.label, kind: p.kind, sessions: listed(p.id) }));
  if (src?.session && isProviderKind(src.providerKind)) {
    providers.unshift({ id: src.providerId, label: src.providerLabel, kind: src.providerKind, sessions: [src.session] });
  }
  const found = sessionOfCookie(cookie, providers);
  return found ? { provider: found.provider, sessionId: found.session.id } : undefined;
}

/** The provider the cookie is known to belong to: its source, else the listed session's. */
function ownerOf(cookie: SignedCookie, input: InspectInput, deps: InspectorDeps): string | undefined {
  return input.source?.providerId ?? cookieLinkOf(cookie, input, deps)?.provider.id;
}

/** The SecretStorage key a secret for this cookie is remembered under, when it can be bound to a provider. */
export function cookieSecretKeyOf(cookie: SignedCookie, input: InspectInput, deps: InspectorDeps): string | undefined {
  const owner = ownerOf(cookie, input, deps);
  return owner !== undefined ? cookieSecretKey({ providerId: owner }) : undefined;
}

/** The running sandbox's secret that signs this cookie, when the cookie is one of the sandbox's. */
export function sandboxSecretOf(cookie: SignedCookie, input: InspectInput, deps: InspectorDeps): SandboxSecret | undefined {
  const use = sandboxUseOf(cookie.format);
  const owner = ownerOf(cookie, input, deps);
  if (use === undefined || owner === undefined) return undefined;
  return deps.sessions.sandboxSecrets().find((s) => s.use === use && s.providerId === owner);
}

/** A compressed Flask payload, inflated (bounded, in the providers bundle) and read as JSON. */
function inflatePayload(cookie: SignedCookie): Json | undefined {
  return cookie.payload?.compressed ? loadProviders().inflatedPayload(cookie.payload).json : undefined;
}

/** Everything `buildInspectorModel` needs to know about a cookie, or undefined when the input is none. */
export function cookieContextOf(input: InspectInput, deps: InspectorDeps): CookieContext | undefined {
  const cookie = parseSignedCookie(input.token);
  if (!cookie) return undefined;
  const link = cookieLinkOf(cookie, input, deps);
  const src = input.source;
  const config = src ? deps.sessions.provider(src.providerId) : undefined;
  const name = config ? providerKindTable[config.kind].cookieName(config) : undefined;
  const sandbox = sandboxSecretOf(cookie, input, deps);
  const inflated = inflatePayload(cookie);
  return {
    ...(link ? { link: { providerId: link.provider.id, providerLabel: link.provider.label, sessionId: link.sessionId } } : {}),
    ...(name !== undefined ? { name } : {}),
    canRemember: (src?.providerId ?? link?.provider.id) !== undefined,
    ...(sandbox ? { sandboxSecret: sandbox.name } : {}),
    ...(inflated !== undefined ? { inflatedPayload: inflated } : {}),
  };
}
