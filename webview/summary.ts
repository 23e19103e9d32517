/** The summary at the top: status badge, live countdowns, timeline, key facts, actions. */
import { timeStateAt, type TokenTimeStateName } from '../src/core/tokenTime';
import { timeStateTexts } from '../src/core/verdictText';
import type { InspectorModel, TimeFacts } from '../src/shared/inspectorModel';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';
import { countdown, local, onTick, utc } from './time';
import { copyButton, flash } from './status';
import { derivedBanner } from './derivedBanner';
import { cookieCopyButtons, cookieFacts, cookieSessionNote } from './cookieView';

type Status = TokenTimeStateName;

/**
 * The token's state at `now`: the core's `timeStateAt`, the same rules as the verdict the host
 * built (exp now or past is expired; the skew allowance is only a note).
 */
export function statusAt(times: TimeFacts, now: number): Status {
  return timeStateAt(times, now, times.soonMs);
}

function statusText(s: Status): string {
  // The verdict's words: never a bare "Valid" beside "Decoded, not verified".
  return t(timeStateTexts[s]);
}

function statusIcon(s: Status): string {
  switch (s) {
    case 'not-expired':
    case 'within-validity':
      return 'pass';
    case 'expiring':
      return 'watch';
    case 'expired':
    case 'unknown':
      return 'error';
    case 'not-yet-valid':
      return 'clock';
    case 'no-expiry':
      return 'warning';
  }
}

/** Countdown class: `soon` in the last minutes, `over` once passed. */
function urgency(msLeft: number, soonMs: number): string {
  if (msLeft <= 0) return 'countdown over';
  if (msLeft < soonMs) return 'countdown soon';
  return 'countdown';
}

/** The badge saying whether the signature was checked; updated by the Verify tab. */
export function verifiedBadge(): HTMLSpanElement {
  return el('span', { class: 'badge neutral', id: 'verified-badge' }, icon('unverified'), ' ', t('Decoded, not verified'));
}

export function setVerified(valid: boolean, alg: string | undefined): void {
  const badge = document.getElementById('verified-badge');
  if (!badge) return;
  badge.className = valid ? 'badge ok' : 'badge bad';
  badge.replaceChildren(icon(valid ? 'verified' : 'error'), ' ', valid ? t('Signature verified ({0})', alg ?? '?') : t('Signature invalid'));
}

function countdowns(times: TimeFacts, expProblem: string | undefined, hasClaims: boolean): HTMLElement {
  const entries: [id: string, label: string, at: number | undefined][] = [
    ['exp', t('Token expires'), times.exp],
    ['session', t('Session expires'), times.sessionExpiresAt],
    ['idle', t('Idle timeout'), times.idleExpiresAt],
    ['provider', t('Provider expiry'), times.providerExpiresAt],
  ];
  const list = el('dl', { class: 'countdowns' });
  for (const [id, label, at] of entries) {
    if (at === undefined) continue;
    const value = el('span', { id: `countdown-${id}`, class: 'countdown', attrs: { 'data-at': String(at) } });
    list.append(el('dt', {}, label), el('dd', { title: `${local(at)} · ${utc(at)}` }, value));
    onTick((now) => {
      const left = at - now;
      value.textContent = countdown(left);
      value.className = urgency(left, times.soonMs);
    });
  }
  if (times.nbf !== undefined && times.nbf > times.builtAt) {
    const nbf = times.nbf;
    const value = el('span', { id: 'countdown-nbf', class: 'countdown' });
    list.append(el('dt', {}, t('Valid from')), el('dd', { title: `${local(nbf)} · ${utc(nbf)}` }, value));
    onTick((now) => {
      value.textContent = nbf > now ? t('in {0}', countdown(nbf - now).replace(/\s*\S+$/, '')) : t('now valid');
    });
  }
  // Only a decoded JWT can lack an exp; an opaque session token has no claims to speak of.
  if (times.exp === undefined && (hasClaims || list.childElementCount === 0)) {
    // An unreadable `exp` is not "never": say what is wrong with it, as the other views do.
    const text = expProblem !== undefined ? `exp: ${expProblem}` : t(timeStateTexts['no-expiry']);
    list.prepend(el('dt', {}, t('Token expires')), el('dd', {}, el('span', { class: 'countdown none', id: 'countdown-exp-missing' }, text)));
  }
  return list;
}

/** Bar from iat/nbf through now to exp. */
function timeline(times: TimeFacts): HTMLElement | undefined {
  const start = times.nbf ?? times.iat;
  const end = times.exp;
  if (start === undefined || end === undefined || end <= start) return undefined;
  const fill = el('div', { class: 'timeline-fill' });
  const marker = el('div', { class: 'timeline-now', attrs: { 'aria-hidden': 'true' } });
  const track = el('div', { class: 'timeline-track', attrs: { role: 'img' } }, fill, marker);
  const startLabel = times.nbf !== undefined && times.nbf !== times.iat ? 'nbf' : 'iat';
  const box = el(
    'div',
    { class: 'timeline', id: 'timeline' },
    track,
    el(
      'div',
      { class: 'timeline-labels' },
      el('span', { title: utc(start) }, `${startLabel} ${local(start)}`),
      el('span', { title: utc(end) }, `exp ${local(end)}`),
    ),
  );
  onTick((now) => {
    const pct = Math.max(0, Math.min(100, ((now - start) / (end - start)) * 100));
    // CSSOM custom properties are allowed under the CSP (no inline style attributes).
    box.style.setProperty('--progress', pct.toFixed(2));
    box.classList.toggle('over', now >= end);
    box.classList.toggle('soon', now < end && end - now < times.soonMs);
    track.setAttribute('aria-label', t('{0}% of the lifetime has passed', Math.round(pct)));
  });
  return box;
}

function fact(label: string, value: string | undefined, id: string): HTMLElement[] {
  return [el('dt', {}, label), el('dd', { id: `fact-${id}`, class: value === undefined ? 'muted' : 'value' }, value ?? '—')];
}

/** The toolbar last built, reused while the next model has the same buttons (a warm open). */
let shownActions: { readonly key: string; readonly bar: HTMLElement } | undefined;

/** Copy buttons (a cookie's or a token's) and the provider's actions; none of them reads the model. */
function actionBar(cookie: boolean, can: InspectorModel['actions'], providerActions: { onRevoke: () => void; onRefresh: () => void }): HTMLElement {
  const key = `${cookie}/${can.canRefresh}/${can.canRevoke}`;
  if (shownActions?.key === key) return shownActions.bar;
  const bar = el(
    'div',
    { class: 'actions', attrs: { role: 'toolbar', 'aria-label': t('Actions') } },
    ...(cookie
      ? cookieCopyButtons()
      : [
          copyButton(t('Copy token'), 'raw', 'copy'),
          copyButton(t('Copy Authorization header'), 'authorization', 'key'),
          copyButton(t('Copy as curl'), 'curl', 'terminal'),
        ]),
    can.canRefresh ? button(t('Refresh from provider'), providerActions.onRefresh, { icon: 'refresh', secondary: true, id: 'action-refresh' }) : null,
    can.canRevoke ? button(t('Revoke session'), providerActions.onRevoke, { icon: 'circle-slash', secondary: true, id: 'action-revoke' }) : null,
  );
  shownActions = { key, bar };
  return bar;
}

export function renderSummary(model: InspectorModel, providerActions: { onRevoke: () => void; onRefresh: () => void }): HTMLElement {
  const s = model.summary;
  const v = model.verdict;
  const statusBadge = el('span', { class: 'badge', id: 'status-badge' });
  onTick((now) => {
    const st = statusAt(model.times, now);
    statusBadge.className = `badge status-${st}`;
    statusBadge.setAttribute('data-status', st);
    statusBadge.replaceChildren(icon(statusIcon(st)), ' ', statusText(st));
  });
  const where = [s.providerLabel, s.tokenKind].filter((x): x is string => x !== undefined).join(' · ');
  const cookie = model.cookie;
  // A cookie has no time claims: only its session's expiry, when it came from one.
  const noTimes = v.kind === 'jwe' || (cookie !== undefined && model.times.sessionExpiresAt === undefined && model.times.idleExpiresAt === undefined);
  const head = el(
    'div',
    { class: 'summary-head' },
    el('span', { class: 'badge neutral', id: 'kind-badge', attrs: { 'data-kind': v.kind } }, v.kindLabel),
    v.kind === 'jwe' || cookie ? null : statusBadge,
    v.kind === 'jwe' ? null : verifiedBadge(),
    where ? el('span', { class: 'source' }, icon('server'), ' ', where) : null,
    s.session
      ? el(
          'span',
          { class: 'source', title: s.session.id },
          icon('account'),
          ' ',
          s.session.user ?? s.session.id,
          s.session.current ? ` (${t('current')})` : '',
          ` · ${s.session.status}`,
        )
      : null,
  );
  const actions = actionBar(cookie !== undefined, model.actions, providerActions);
  const facts = cookie
    ? el('dl', { class: 'facts' }, ...cookieFacts(cookie))
    : el(
        'dl',
        { class: 'facts' },
        ...fact(t('Issuer'), s.issuer, 'iss'),
        ...fact(t('Subject'), s.subject, 'sub'),
        ...fact(t('Audience'), s.audience.length > 0 ? s.audience.join(', ') : undefined, 'aud'),
        ...fact(t('Algorithm'), s.alg, 'alg'),
        ...fact(t('Key ID'), s.kid, 'kid'),
        ...(s.typ !== undefined ? fact(t('Type'), s.typ, 'typ') : []),
        ...(s.enc !== undefined ? fact(t('Content encryption'), s.enc, 'enc') : []),
        ...(s.cty !== undefined ? fact(t('Content type'), s.cty, 'cty') : []),
      );
  const verdictNotes = [v.repaired, ...v.notes, v.skewNote]
    .filter((n): n is string => n !== undefined)
    .map((n) => el('p', { class: 'notice verdict-note' }, icon('info'), ' ', n));
  const decodeNote = model.decodeError
    ? el('p', { class: 'notice' }, icon('info'), ' ', t('This token is not a JWT ({0}): showing what the provider said about it.', model.decodeError.message))
    : null;
  return el(
    'section',
    { class: 'summary', attrs: { 'aria-label': t('Summary') } },
    head,
    derivedBanner(model.derived),
    ...verdictNotes,
    cookie ? cookieSessionNote(cookie) : decodeNote,
    el('div', { class: 'summary-grid' }, noTimes ? null : countdowns(model.times, v.claimProblems.exp, v.kind === 'jws' || v.kind === 'unsecured'), facts),
    timeline(model.times) ?? null,
    actions,
  );
}

/** Runs a revoke/refresh request and shows its outcome. */
export async function providerAction(action: 'revoke' | 'refresh'): Promise<void> {
  const reply = await request({ type: 'action', action });
  if (reply.kind === 'done') flash(reply.message, 'ok');
  else if (reply.kind === 'failed') flash(reply.message, 'bad');
}
