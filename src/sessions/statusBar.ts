import * as vscode from 'vscode';
import type { AuthLensConfig } from '../plumbing/config';
import { Disposable, toDisposable } from '../plumbing/lifecycle';
import { plainText } from '../core/hostileText';
import { sessionExpiry, sessionLabel, sessionLook } from './describe';
import type { SessionsModel } from './sessionsModel';
import { formatDuration, soonMs } from './timeText';
import { durationUnits } from './rowStrings';
import { countdownLevel } from '../core/refreshSchedule';
import type { KeptFreshView } from './keepFresh';

/** Which session the status bar follows. */
export interface ActiveSessionRef {
  readonly providerId: string;
  readonly sessionKey: string;
}

/**
 * The status bar item: the pinned session (or the first signed-in provider's own session) and
 * its countdown. Amber in the last five minutes, red once expired; one notification before
 * expiry (lead time and off switch in settings). Owns a one-second timer while it shows an
 * expiring session; disposed with the extension.
 */
export class SessionStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private pinned: ActiveSessionRef | undefined;
  /** The session whose token new terminals get, and the variable's name (Export to Terminals). */
  private exported: (ActiveSessionRef & { readonly variable: string }) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** `provider/session/expiry` already warned about. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly model: SessionsModel,
    private readonly config: () => AuthLensConfig,
    private readonly now: () => number = Date.now,
    /** Keep Fresh: a kept-fresh, renewable token does not turn amber before it expires. */
    private readonly keptFresh?: KeptFreshView,
  ) {
    super();
    if (keptFresh) this.register(keptFresh.onDidChangeKept(() => this.update()));
    this.item = vscode.window.createStatusBarItem('authlens.activeSession', vscode.StatusBarAlignment.Left, 40);
    this.item.name = vscode.l10n.t('AuthLens Active Session');
    this.item.command = 'authlens.sessions.focus';
    this.register(
      toDisposable(() => {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
      }),
    );
    this.register(model.onDidChange(() => this.update()));
    this.register(this.item);
    this.update();
  }

  /** The text shown right now (the in-host tests read it). */
  get text(): string {
    return this.item.text;
  }

  get backgroundColor(): vscode.ThemeColor | undefined {
    return this.item.backgroundColor;
  }

  /** The session the item follows, if any. */
  get active(): ActiveSessionRef | undefined {
    return this.pick();
  }

  pin(ref: ActiveSessionRef | undefined): void {
    this.pinned = ref;
    this.update();
  }

  /** Names the exported variable while the shown session is the exported one. */
  showExport(exported: (ActiveSessionRef & { readonly variable: string }) | undefined): void {
    this.exported = exported;
    this.update();
  }

  private pick(): ActiveSessionRef | undefined {
    if (this.pinned && this.model.session(this.pinned.providerId, this.pinned.sessionKey)) return this.pinned;
    const now = this.now();
    for (const p of this.model.providers) {
      const s = this.model.state(p.id);
      const kind = s.kind === 'loading' ? s.lastKind : s.kind;
      if (kind !== 'ok' || s.sessions.length === 0) continue;
      const chosen =
        s.sessions.find((x) => x.session.current) ??
        s.sessions.find((x) => ['active', 'expiring', 'impersonated'].includes(sessionLook(x.session, now))) ??
        s.sessions[0];
      if (chosen) return { providerId: p.id, sessionKey: chosen.key };
    }
    return undefined;
  }

  /** Re-renders; also called by the one-second timer. */
  update(): void {
    const ref = this.pick();
    const session = ref ? this.model.session(ref.providerId, ref.sessionKey) : undefined;
    const provider = ref ? this.model.provider(ref.providerId) : undefined;
    if (!ref || !session || !provider) {
      this.item.hide();
      this.stopTimer();
      return;
    }
    const now = this.now();
    const expiry = sessionExpiry(session);
    const user = sessionLabel(session);
    const pin = this.pinned ? '$(pinned) ' : '';
    let countdown: string;
    if (!expiry) countdown = vscode.l10n.t('no expiry');
    else if (expiry.at > now) countdown = vscode.l10n.t('{0} left', formatDuration(expiry.at - now, expiry.at - now >= 3_600_000, durationUnits()));
    else countdown = vscode.l10n.t('expired');
    const e = this.exported;
    const variable = e && e.providerId === ref.providerId && e.sessionKey === ref.sessionKey ? ` · $(terminal) $${e.variable}` : '';
    this.item.text = `${pin}$(account) ${user} · ${countdown}${variable}`;
    const left = expiry ? expiry.at - now : undefined;
    // Renewable: kept fresh, and a refresh token or a client-credentials (service) set to renew with.
    const renewable =
      this.keptFresh?.isKeptFresh(ref.providerId) === true && (session.id === 'service' || session.tokens.some((t) => t.kind === 'refresh-token'));
    const level = left === undefined ? 'ok' : countdownLevel(left, { aheadSeconds: this.config().refreshAheadSeconds, soonMs, renewable });
    this.item.backgroundColor =
      level === 'expired'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : level === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.tooltip = vscode.l10n.t(
      '{0} at {1} ({2}). Click to show the Sessions view.',
      user,
      plainText(provider.label, 60),
      this.pinned ? vscode.l10n.t('pinned') : vscode.l10n.t('first signed-in provider'),
    );
    this.item.accessibilityInformation = { label: `${user}, ${countdown}` };
    this.item.show();
    if (expiry && left !== undefined) {
      this.maybeWarn(ref, user, provider.label, expiry.at, left);
      this.startTimer();
    } else this.stopTimer();
  }

  private maybeWarn(ref: ActiveSessionRef, user: string, providerLabel: string, at: number, left: number): void {
    const cfg = this.config();
    if (!cfg.warnBeforeExpiry || left <= 0 || left > cfg.warnBeforeExpiryMinutes * 60_000) return;
    const key = `${ref.providerId}/${ref.sessionKey}/${at}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const show = vscode.l10n.t('Show Sessions');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('The session of {0} at {1} expires in {2}.', user, plainText(providerLabel, 60), formatDuration(left, true, durationUnits())),
        show,
      )
      .then((choice) => {
        if (choice === show) void vscode.commands.executeCommand('authlens.sessions.focus');
      });
  }

  private startTimer(): void {
    this.timer ??= setInterval(() => this.update(), 1000);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
