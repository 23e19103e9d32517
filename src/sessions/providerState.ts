/**
 * What the Sessions view knows about one provider (state, failure, listed sessions) and how an
 * error becomes a state; `SessionsModel` holds one per provider.
 */
import * as vscode from 'vscode';
import { isAuthLensError, type ErrorCode } from '../core/errors';
import { errorMessage } from '../core/errorMessages';
import type { SetAsideCredential } from '../secrets/credentials';
import type { DiscoveredCredentialOrigins } from '../providers/oidc/endpointOrigins';
import { translate } from '../plumbing/l10n';
import type { CookieMismatch, SessionInfo } from '../providers/types';

/**
 * What the Sessions view knows about each provider, and the only code that calls providers for
 * it. Each provider's requests share one AbortController: a refresh cancels the one before it,
 * and dispose cancels all. Providers (and undici) are loaded on the first request, never at
 * activation.
 */

export type ProviderStateKind = 'idle' | 'loading' | 'ok' | 'signed-out' | 'unauthorized' | 'unreachable' | 'error';

/** A failure, with the facts that are safe to show (never a credential). */
export interface ProviderFailure {
  readonly code: ErrorCode | 'unknown';
  /** Localised, from `errorMessage()`. */
  readonly message: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly traceId?: string;
}

/** A session as listed, with a key unique within its provider. */
export interface ListedSession {
  readonly key: string;
  readonly session: SessionInfo;
}

export interface ProviderState {
  /** What the tree shows; `loading` keeps the previous sessions visible. */
  readonly kind: ProviderStateKind;
  /** The state before the current load, so a reload does not blank the row. */
  readonly lastKind?: Exclude<ProviderStateKind, 'loading'>;
  readonly sessions: readonly ListedSession[];
  readonly total?: number;
  readonly nextCursor?: string;
  readonly loadingMore: boolean;
  readonly failure?: ProviderFailure;
  /** No credential for the current origin was available. */
  readonly noCredential: boolean;
  /** Signed out while the pasted cookie names another cookie than the provider's `cookieName`. */
  readonly cookieMismatch?: CookieMismatch;
  readonly setAside: readonly SetAsideCredential[];
  /** `oidc`: the endpoint origins the issuer's discovery document named at the last load, trusted or not (tooltip). */
  readonly discovered?: DiscoveredCredentialOrigins;
  readonly loadedAt?: number;
}

/** Why a load happens: user-initiated loads report failures in a notification too. */
export type LoadReason = 'user' | 'auto' | 'focus' | 'initial' | 'expand';

export const emptyState: ProviderState = { kind: 'idle', sessions: [], loadingMore: false, noCredential: false, setAside: [] };

/** Maps a failure to a tree state. */
export function stateForCode(code: ErrorCode | 'unknown'): 'unauthorized' | 'unreachable' | 'error' {
  switch (code) {
    case 'http-unauthorized':
    case 'http-forbidden':
      return 'unauthorized';
    case 'net-refused':
    case 'net-dns':
    case 'net-timeout':
    case 'net-tls':
    case 'net-other':
      return 'unreachable';
    default:
      return 'error';
  }
}

export function toFailure(err: unknown): ProviderFailure {
  if (isAuthLensError(err)) {
    const d = err.details;
    return {
      code: err.code,
      message: errorMessage(err, translate),
      ...(d.status !== undefined ? { status: d.status } : {}),
      ...(d.requestId !== undefined ? { requestId: d.requestId } : {}),
      ...(d.traceId !== undefined ? { traceId: d.traceId } : {}),
    };
  }
  // Not ours (a bug or a missing bundle): say so without echoing anything that might hold data.
  const name = err instanceof Error ? err.name : typeof err;
  return { code: 'unknown', message: vscode.l10n.t('Unexpected error ({0}). See the AuthLens log.', name) };
}

/** Keys for sessions: the session id, suffixed if a server repeats one. */
export function keyed(sessions: readonly SessionInfo[], taken: Set<string>): ListedSession[] {
  return sessions.map((session, i) => {
    let key = session.id !== '' ? session.id : `#${i}`;
    while (taken.has(key)) key = `${key}~`;
    taken.add(key);
    return { key, session };
  });
}
