/**
 * The token inspector webview panel: HTML with a nonce CSP, the message loop (validated, every
 * request answered by exactly one reply with its `seq`), and the actions that need the host:
 * reveal, copy, verify (jose, in the lazily loaded providers bundle), compare, revoke, refresh.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { formatCopy, isHeaderSafe, type CopyRequest } from '../core/copyFormats';
import { decodeJwt } from '../core/decode';
import { errorMessage } from '../core/errorMessages';
import { isAuthLensError } from '../core/errors';
import { redact } from '../core/redact';
import { loadProviders } from '../lazy';
import { plainText } from '../safeText';
import type { Services } from '../services';

/** What the inspector needs from the extension's services. */
export type InspectorDeps = Pick<Services, 'context' | 'log' | 'explorer'>;
import { copyRequestFor } from '../sessions/copyRequest';
import { pickToken } from '../commands/explorerArgs';
import { CommandId } from '../commands/commandIds';
import {
  parseWebviewMessage,
  type ActionKind,
  type CompareSource,
  type CopyTarget,
  type HostMessage,
  type PanelContent,
  type Reply,
  type VerifyKeyRequest,
  type VerifyOutcome,
  type WebviewRequest,
} from '../shared/inspectorProtocol';
import { compareTokens } from './compareModel';
import { confirmForeignKeyUrl, declinedKeyUrlMessage } from './keyUrlConsent';
import type { InspectInput } from './inspectInput';
import { buildInspectorModel, hsSecretKey, withStoredSecret, type BuiltInspector, type InspectorSource } from './viewModel';

export const inspectorViewType = 'authlens.inspector';

const translate = (s: string): string => vscode.l10n.t(s);

/** Webview options: scripts on (this panel only), resources only from dist/ and media/. */
export function inspectorWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The page. Nothing from the token goes in here: the content arrives as a message. */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const uri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  const lang = vscode.env.language.replace(/[^A-Za-z0-9-]/g, '') || 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'codicons', 'codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${uri('media', 'inspector.css')}">
<title>${escapeHtml(vscode.l10n.t('Token Inspector'))}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script type="module" nonce="${nonce}" src="${uri('dist', 'webview.js')}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the panel currently shows, host side (token, withheld secrets, decoded parts). */
interface Current {
  readonly input: InspectInput;
  readonly built: BuiltInspector;
}

/** Hooks for the in-host tests (exported only in test mode). */
export interface PanelStats {
  /** Messages dropped by the validator. */
  rejected: number;
  /** Last `setState` JSON the webview reported. */
  lastState?: string;
  /** ms from `open()` to the webview's `rendered`. */
  lastOpenMs?: number;
}

/**
 * One inspector panel and its message loop. The {@link TokenInspector} service keeps at most one.
 */
export class TokenInspectorPanel implements vscode.Disposable {
  private current: Current | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly renderWaiters: (() => void)[] = [];
  private openStarted: number | undefined;
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: InspectorDeps,
    readonly panelKey: string,
    private readonly stats: PanelStats,
  ) {
    const extensionUri = services.context.extensionUri;
    panel.webview.options = inspectorWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'inspector.svg');
    panel.webview.html = inspectorHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidChangeViewState((e) => this.post({ type: 'visibility', visible: e.webviewPanel.visible })),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows a token (or the "paste again" state when `input` is undefined). */
  show(input: InspectInput | undefined, started = Date.now()): Promise<void> {
    this.openStarted = started;
    this.current = input ? { input, built: this.build(input) } : undefined;
    this.panel.title = this.title();
    void this.offerStoredSecret();
    if (this.ready) this.post({ type: 'content', content: this.content() });
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 5000);
      this.renderWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get input(): InspectInput | undefined {
    return this.current?.input;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const w of this.renderWaiters.splice(0)) w();
    this.current = undefined;
    this.onDidDisposeEmitter.fire();
    this.onDidDisposeEmitter.dispose();
    this.panel.dispose();
  }

  private title(): string {
    const sub = this.current?.built.decoded?.payload['sub'];
    return typeof sub === 'string' && sub.length > 0
      ? vscode.l10n.t('Token: {0}', plainText(sub, 30))
      : vscode.l10n.t('Token Inspector');
  }

  private build(input: InspectInput): BuiltInspector {
    const src = input.source;
    const provider = src ? this.services.explorer.model.provider(src.providerId) : undefined;
    const kindFromId = src?.providerId.startsWith('sandbox-') ? src.providerId.slice('sandbox-'.length) : undefined;
    const providerKind = provider?.kind ?? (kindFromId === 'better-auth' || kindFromId === 'authing' || kindFromId === 'authms' || kindFromId === 'oidc' ? kindFromId : undefined);
    const source: InspectorSource | undefined = src
      ? {
          providerId: src.providerId,
          providerLabel: src.providerLabel,
          ...(providerKind ? { providerKind } : {}),
          ...(src.session ? { session: src.session } : {}),
          ...(src.tokenKind ? { tokenKind: src.tokenKind } : {}),
          ...(provider?.jwksUrl ? { jwksUrl: provider.jwksUrl } : {}),
          ...(provider?.issuer ? { issuer: provider.issuer } : {}),
        }
      : undefined;
    return buildInspectorModel(input.token, {
      now: Date.now(),
      t: translate,
      ...(source ? { source } : {}),
      storedSecret: false,
      ...(input.stripped ? { stripped: input.stripped } : {}),
      canRevoke: src?.session !== undefined && provider !== undefined && this.safeCanRevoke(provider.id),
      canRefresh: provider !== undefined && src?.session !== undefined,
    });
  }

  private safeCanRevoke(providerId: string): boolean {
    try {
      return this.services.explorer.model.canRevoke(providerId);
    } catch {
      return false;
    }
  }

  private content(): PanelContent {
    return this.current?.built.content ?? { kind: 'unavailable' };
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private reply(seq: number, reply: Reply): void {
    this.post({ type: 'reply', seq, reply });
  }

  /** Entry point of every webview message. Public for the in-host tests (through test hooks). */
  async receive(raw: unknown): Promise<boolean> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.stats.rejected++;
      this.services.log.warn('Inspector: ignored a malformed message from the webview');
      return false;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post({
          type: 'init',
          ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
          locale: vscode.env.language,
          panelKey: this.panelKey,
          content: this.content(),
        });
        this.post({ type: 'visibility', visible: this.panel.visible });
        return true;
      case 'rendered':
        if (this.openStarted !== undefined) {
          this.stats.lastOpenMs = Date.now() - this.openStarted;
          this.services.log.debug(`Inspector rendered in ${this.stats.lastOpenMs} ms`);
          this.openStarted = undefined;
        }
        for (const w of this.renderWaiters.splice(0)) w();
        return true;
      case 'stateSaved':
        this.stats.lastState = msg.json;
        return true;
      default:
        try {
          this.reply(msg.seq, await this.handle(msg));
        } catch (err) {
          this.services.log.warn(`Inspector: ${msg.type} failed: ${err instanceof Error ? err.name : 'error'}`);
          this.reply(msg.seq, { kind: 'failed', message: isAuthLensError(err) ? errorMessage(err, translate) : vscode.l10n.t('Something went wrong; see the AuthLens log.') });
        }
        return true;
    }
  }

  private async handle(msg: WebviewRequest): Promise<Reply> {
    switch (msg.type) {
      case 'reveal':
        return this.reveal(msg.fieldId);
      case 'copy':
        return this.copy(msg.what);
      case 'verify':
        return { kind: 'verified', outcome: await this.verify(msg.key) };
      case 'compare':
        return this.compare(msg.source);
      case 'action':
        return this.action(msg.action);
      case 'inspect': {
        const result = decodeJwt(msg.token);
        if (!result.ok) return { kind: 'failed', message: errorMessage(result.error, translate) };
        void this.show({ token: result.token.raw });
        return { kind: 'done', message: vscode.l10n.t('Showing the pasted token.') };
      }
    }
  }

  private reveal(fieldId: string): Reply {
    const value = this.current?.built.withheld.get(fieldId);
    if (!value) return { kind: 'failed', message: vscode.l10n.t('That field is no longer available.') };
    this.services.log.info(`Inspector: revealed a masked field (${fieldId})`);
    return { kind: 'revealed', fieldId, value: value.value, truncated: value.truncated };
  }

  private async copyRequest(token: string): Promise<CopyRequest> {
    const src = this.current?.input.source;
    const provider = src ? this.services.explorer.model.provider(src.providerId) : undefined;
    if (provider) {
      // OIDC: the discovered userinfo endpoint (the listing cached the document in the providers bundle).
      let userinfoEndpoint: string | undefined;
      if (provider.kind === 'oidc') {
        const mod = loadProviders();
        const oidc = mod.createProvider(provider);
        try {
          userinfoEndpoint = mod.isOidcProvider(oidc) ? (await oidc.discovery()).userinfoEndpoint : undefined;
        } catch {
          userinfoEndpoint = undefined; // copied with the issuer as the URL; the copy itself still works
        } finally {
          await oidc.close();
        }
      }
      return copyRequestFor(provider, { value: token, kind: src?.tokenKind ?? 'jwt' }, { userinfoEndpoint });
    }
    const aud = this.current?.built.decoded?.payload['aud'];
    const url = typeof aud === 'string' && /^https?:\/\//.test(aud) ? aud : 'https://api.example.com/';
    return { token, url, auth: { scheme: 'bearer' } };
  }

  private async copy(what: CopyTarget): Promise<Reply> {
    const cur = this.current;
    if (!cur) return { kind: 'failed', message: vscode.l10n.t('No token is shown.') };
    const token = cur.built.decoded?.raw ?? cur.input.token;
    const session = cur.input.source?.session;
    let text: string | undefined;
    let label: string;
    switch (what) {
      case 'raw':
        text = token;
        label = vscode.l10n.t('the raw token');
        break;
      case 'header':
        text = cur.built.decoded ? JSON.stringify(cur.built.decoded.header, null, 2) : undefined;
        label = vscode.l10n.t('the header JSON');
        break;
      case 'payload':
        text = cur.built.decoded ? JSON.stringify(cur.built.decoded.payload, null, 2) : undefined;
        label = vscode.l10n.t('the payload JSON');
        break;
      case 'session':
        text = session ? JSON.stringify(session.raw.session, null, 2) : undefined;
        label = vscode.l10n.t('the session JSON');
        break;
      case 'user':
        text = session?.raw.user ? JSON.stringify(session.raw.user, null, 2) : undefined;
        label = vscode.l10n.t('the user JSON');
        break;
      case 'authorization':
      case 'curl': {
        const req = await this.copyRequest(token);
        if (!isHeaderSafe(token, req.auth)) {
          return { kind: 'failed', message: vscode.l10n.t('This token contains characters that cannot go into an HTTP header (spaces, line breaks or non-ASCII). Copy it raw instead.') };
        }
        text = formatCopy(what === 'curl' ? 'curl' : 'bearerHeader', req);
        label = what === 'curl' ? vscode.l10n.t('a curl command with the token') : vscode.l10n.t('the Authorization header');
        break;
      }
    }
    if (text === undefined) return { kind: 'failed', message: vscode.l10n.t('There is nothing to copy for that part.') };
    await vscode.env.clipboard.writeText(text);
    this.services.log.info(`Inspector: copied ${what} of ${redact(token)}`);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('$(clippy) Copied {0}', label), 5000);
    return { kind: 'copied', what };
  }

  /** "Use stored secret" only when a secret for this token's issuer is in SecretStorage. */
  private async offerStoredSecret(): Promise<void> {
    const current = this.current;
    const iss = this.issuerKey();
    if (!current || !iss) return;
    const secret = await Promise.resolve(this.services.context.secrets.get(hsSecretKey(iss))).catch(() => undefined);
    if (!secret || this.current !== current) return;
    this.current = { ...current, built: withStoredSecret(current.built) };
    if (this.ready) this.post({ type: 'content', content: this.content() });
  }

  private issuerKey(): string | undefined {
    const iss = this.current?.built.decoded?.payload['iss'];
    return typeof iss === 'string' && iss.length > 0 && iss.length <= 1000 ? iss : undefined;
  }

  private async verify(key: VerifyKeyRequest): Promise<VerifyOutcome> {
    const decoded = this.current?.built.decoded;
    if (!decoded) return { valid: false, failure: { code: 'malformed-token', message: vscode.l10n.t('No decodable token is shown.') } };
    const mod = loadProviders();
    const header = decoded.header;
    const base = {
      ...(typeof header['alg'] === 'string' ? { alg: header['alg'] } : {}),
      ...(typeof header['kid'] === 'string' ? { kid: header['kid'] } : {}),
    };
    const secretKey = hsSecretKey;
    switch (key.kind) {
      case 'secret': {
        const outcome = await mod.verifyJwt(decoded.raw, { kind: 'secret', secret: key.secret });
        const iss = this.issuerKey();
        if (key.remember && outcome.valid && iss) {
          await this.services.context.secrets.store(secretKey(iss), key.secret);
          this.services.log.info('Inspector: stored a verification secret for an issuer in SecretStorage');
        }
        this.logOutcome(outcome);
        return outcome;
      }
      case 'storedSecret': {
        const iss = this.issuerKey();
        const secret = iss ? await this.services.context.secrets.get(secretKey(iss)) : undefined;
        if (!secret) return { valid: false, ...base, failure: { code: 'no-secret', message: vscode.l10n.t('No secret is stored for this issuer.') } };
        return this.logOutcome(await mod.verifyJwt(decoded.raw, { kind: 'secret', secret }));
      }
      case 'publicKey':
        return this.logOutcome(await mod.verifyJwt(decoded.raw, { kind: 'publicKey', text: key.text }));
      case 'jwks': {
        const candidates = this.current?.built.content.kind === 'token' ? this.current.built.content.model.verify.jwksCandidates : [];
        const candidate = candidates.find((c) => c.url === key.url);
        if (!candidate || !candidate.allowed || !mod.isFetchableKeyUrl(key.url)) {
          return { valid: false, ...base, failure: { code: 'url-not-allowed', message: vscode.l10n.t('AuthLens only fetches keys from the listed https or loopback URLs.') } };
        }
        try {
          const config = this.services.explorer.currentConfig;
          const http = mod.resolveHttpOptions({
            ...(config.proxy.url !== undefined ? { settingProxy: config.proxy.url } : {}),
            strictSSL: config.proxy.strictSSL,
            ...(config.proxy.noProxy ? { settingNoProxy: config.proxy.noProxy } : {}),
            env: process.env,
          });
          this.services.log.info(`Inspector: fetching keys from ${key.url}`);
          const fetched = await mod.fetchKeySet(key.url, {
            http,
            timeoutMs: 10_000,
            log: (line) => this.services.log.debug(line),
            confirmKeyUrl: (jwksUri) => confirmForeignKeyUrl(jwksUri, key.url),
          });
          return this.logOutcome(await mod.verifyJwt(decoded.raw, { kind: 'jwks', jwks: fetched.jwks, url: fetched.url }));
        } catch (err) {
          const message = isAuthLensError(err) ? (declinedKeyUrlMessage(err, key.url) ?? errorMessage(err, translate)) : vscode.l10n.t('The keys could not be fetched.');
          return { valid: false, ...base, keyDescription: `JWKS ${key.url}`, failure: { code: 'jwks-fetch-failed', message } };
        }
      }
    }
  }

  private logOutcome(outcome: VerifyOutcome): VerifyOutcome {
    this.services.log.info(`Inspector: signature ${outcome.valid ? 'valid' : `invalid (${outcome.failure?.code ?? '?'})`} alg=${outcome.alg ?? '?'}`);
    return outcome;
  }

  private async compare(source: CompareSource): Promise<Reply> {
    const left = this.current?.built.decoded;
    if (!left) return { kind: 'failed', message: vscode.l10n.t('No decodable token is shown.') };
    let token: string;
    let label: string;
    if (source.kind === 'paste') {
      token = source.token;
      label = vscode.l10n.t('Pasted token');
    } else {
      const picked = await pickToken(this.services.explorer, undefined);
      if (!picked) return { kind: 'cancelled' };
      token = picked.token.value;
      label = `${plainText(picked.provider.label, 60)} · ${plainText(picked.token.label, 60)}`;
    }
    const right = decodeJwt(token);
    if (!right.ok) return { kind: 'failed', message: errorMessage(right.error, translate) };
    return { kind: 'compared', comparison: compareTokens(left, right.token, label) };
  }

  private async action(kind: ActionKind): Promise<Reply> {
    const src = this.current?.input.source;
    const session = src?.session;
    if (!src || !session) return { kind: 'failed', message: vscode.l10n.t('This token did not come from a session.') };
    const model = this.services.explorer.model;
    const listed = (): { key: string } | undefined => model.state(src.providerId).sessions.find((s) => s.session.id === session.id);
    switch (kind) {
      case 'revoke': {
        const entry = listed();
        if (!entry) return { kind: 'failed', message: vscode.l10n.t('The session is no longer listed by {0}.', plainText(src.providerLabel, 60)) };
        await vscode.commands.executeCommand(CommandId.revokeSession, { type: 'session', providerId: src.providerId, sessionKey: entry.key });
        return listed()
          ? { kind: 'done', message: vscode.l10n.t('The session is still listed by {0}.', plainText(src.providerLabel, 60)) }
          : { kind: 'done', message: vscode.l10n.t('The session was revoked.') };
      }
      case 'refresh': {
        await model.refresh(src.providerId, 'user');
        const entry = model.state(src.providerId).sessions.find((s) => s.session.id === session.id);
        if (!entry) return { kind: 'failed', message: vscode.l10n.t('The session is no longer listed by {0}.', plainText(src.providerLabel, 60)) };
        const token = entry.session.tokens.find((t) => t.kind === src.tokenKind) ?? entry.session.tokens.find((t) => t.value === this.current?.input.token);
        if (!token) return { kind: 'failed', message: vscode.l10n.t('The session no longer carries this token.') };
        void this.show({ token: token.value, source: { ...src, session: entry.session } });
        return { kind: 'done', message: vscode.l10n.t('Refreshed from {0}.', plainText(src.providerLabel, 60)) };
      }
    }
  }
}
