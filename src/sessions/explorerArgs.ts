import * as vscode from 'vscode';
import { providerDisplayLabel, type ConfiguredProvider } from '../plumbing/config';
import type { SessionInfo, TokenInfo } from '../providers/types';
import { plainText } from '../core/hostileText';
import { sessionDescription, sessionLabel, tokenSummary } from './describe';
import { asNode } from './nodes';
import type { SessionsExplorer } from './explorer';

/**
 * Turns a command's argument (a tree node from a menu, or nothing from the palette) into the
 * provider, session or token it means, asking with a quick pick when there is no node.
 */

export async function pickProvider(explorer: SessionsExplorer, arg: unknown, placeHolder?: string): Promise<ConfiguredProvider | undefined> {
  const node = asNode(arg);
  if (node) return explorer.model.provider(node.providerId);
  const providers = explorer.model.providers;
  if (providers.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No AuthLens provider is configured. Use "AuthLens: Add Provider" first.'));
    return undefined;
  }
  if (providers.length === 1) return providers[0];
  const picked = await vscode.window.showQuickPick(
    providers.map((p) => ({ label: providerDisplayLabel(p), description: `${p.kind} · ${plainText(p.baseUrl, 80)}`, provider: p })),
    { placeHolder: placeHolder ?? vscode.l10n.t('Choose a provider') },
  );
  return picked?.provider;
}

export interface PickedSession {
  readonly provider: ConfiguredProvider;
  readonly sessionKey: string;
  readonly session: SessionInfo;
}

export async function pickSession(explorer: SessionsExplorer, arg: unknown): Promise<PickedSession | undefined> {
  const node = asNode(arg);
  if (node && (node.type === 'session' || node.type === 'token')) {
    const provider = explorer.model.provider(node.providerId);
    const session = explorer.model.session(node.providerId, node.sessionKey);
    return provider && session ? { provider, sessionKey: node.sessionKey, session } : undefined;
  }
  const provider = await pickProvider(explorer, arg);
  if (!provider) return undefined;
  await explorer.model.ensureLoaded(provider.id);
  const sessions = explorer.model.state(provider.id).sessions;
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" lists no sessions.', plainText(provider.label, 60)));
    return undefined;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    sessions.map((s) => ({ label: sessionLabel(s.session), description: sessionDescription(s.session, now), key: s.key })),
    { placeHolder: vscode.l10n.t('Choose a session') },
  );
  const session = picked ? explorer.model.session(provider.id, picked.key) : undefined;
  return picked && session ? { provider, sessionKey: picked.key, session } : undefined;
}

export interface PickedToken extends PickedSession {
  readonly token: TokenInfo;
}

export async function pickToken(explorer: SessionsExplorer, arg: unknown): Promise<PickedToken | undefined> {
  const node = asNode(arg);
  const picked = await pickSession(explorer, arg);
  if (!picked) return undefined;
  if (node?.type === 'token') {
    const token = picked.session.tokens[node.tokenIndex];
    return token ? { ...picked, token } : undefined;
  }
  const tokens = picked.session.tokens;
  if (tokens.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This session carries no token.'));
    return undefined;
  }
  if (tokens.length === 1 && tokens[0]) return { ...picked, token: tokens[0] };
  const now = Date.now();
  const choice = await vscode.window.showQuickPick(
    tokens.map((t, i) => ({ label: plainText(t.label, 60), description: tokenSummary(t, now, undefined, picked.session.expiresAt).description, i })),
    { placeHolder: vscode.l10n.t('Choose a token') },
  );
  const token = choice ? tokens[choice.i] : undefined;
  return token ? { ...picked, token } : undefined;
}
