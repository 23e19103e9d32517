import type * as vscode from 'vscode';
import type { ConfiguredProvider } from '../plumbing/config';
import { providerKindTable } from '../providers/kinds';
import type { StoredTokenSet, TokenSlot } from '../providers/oidc/tokenStore';
import type { SessionInfo, TokenKind } from '../providers/types';
import { oidcTokenStoreFor } from '../secrets/oidcTokenStore';
import type { ProviderState } from '../sessions/providerState';
import { authorizationScheme } from './exportVariables';

/** Which token an export follows: a session of a provider and the kind of token in it. */
export interface ExportTarget {
  readonly providerId: string;
  readonly sessionKey: string;
  readonly tokenKind: TokenKind;
}

/**
 * What the export's token is now: its value and scheme, `gone` (signed out, forgotten, provider
 * removed) or `unknown` (the provider is loading or unreachable: keep what is exported).
 */
export type CurrentToken =
  { readonly kind: 'token'; readonly value: string; readonly scheme: string } | { readonly kind: 'gone' } | { readonly kind: 'unknown' };

/** The part of the sessions model an export reads (`SessionsModel` is one). */
export interface ExportModel {
  readonly onDidChange: vscode.Event<string | undefined>;
  provider(providerId: string): ConfiguredProvider | undefined;
  state(providerId: string): ProviderState;
  session(providerId: string, key: string): SessionInfo | undefined;
}

const oidcSlots: readonly string[] = ['user', 'service'] satisfies readonly TokenSlot[];

function fromStoredSet(set: StoredTokenSet, kind: TokenKind): CurrentToken {
  // Revoked by AuthLens: the terminal must not keep sending it (a re-sign-in stores a new set).
  if (set.revokedAt !== undefined || (kind === 'refresh-token' && set.grantRevokedAt !== undefined)) return { kind: 'gone' };
  const value = kind === 'access-token' ? set.accessToken : kind === 'id-token' ? set.idToken : kind === 'refresh-token' ? set.refreshToken : undefined;
  if (value === undefined || value === '') return { kind: 'gone' };
  return { kind: 'token', value, scheme: authorizationScheme(kind === 'access-token' ? set.tokenType : undefined) };
}

function tokenTypeOf(session: SessionInfo): string | undefined {
  const t = session.raw.session['token_type'];
  return typeof t === 'string' ? t : undefined;
}

/**
 * Reads the token an export follows. An `oidc` provider's session is its token set in
 * SecretStorage (slot = session key): read there directly, so a refresh is seen without a
 * network round trip. Other kinds are read from the last listing in the model.
 */
export async function currentToken(model: ExportModel, secrets: vscode.SecretStorage, target: ExportTarget): Promise<CurrentToken> {
  const config = model.provider(target.providerId);
  if (!config) return { kind: 'gone' };
  if (providerKindTable[config.kind].openIdClient && oidcSlots.includes(target.sessionKey)) {
    const store = oidcTokenStoreFor(secrets, config);
    const set = await store?.get(target.sessionKey as TokenSlot);
    return set ? fromStoredSet(set, target.tokenKind) : { kind: 'gone' };
  }
  const state = model.state(target.providerId);
  const session = model.session(target.providerId, target.sessionKey);
  // Only a finished listing says a session is gone; a load in flight or a failure says nothing.
  const settled = state.kind === 'ok' || state.kind === 'signed-out';
  if (!session) return settled ? { kind: 'gone' } : { kind: 'unknown' };
  const token = session.tokens.find((t) => t.kind === target.tokenKind);
  if (!token) return settled ? { kind: 'gone' } : { kind: 'unknown' };
  return { kind: 'token', value: token.value, scheme: authorizationScheme(target.tokenKind === 'access-token' ? tokenTypeOf(session) : undefined) };
}
