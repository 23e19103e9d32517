/**
 * "Why would a server reject it?" (the Verify tab): one click runs every check a server makes
 * of the token with the skew the person sets, and lists each with its verdict and why; "Ask the
 * server" then sends the token to its provider and shows the answer. Host text only, in text nodes.
 */
import type { DiagnoseResult, ProbeOutcome, RejectionCheck, RejectionVerdict } from '../src/core/rejectionTypes';
import { MAX_SKEW_SECONDS, type DiagnoseTokenUse } from '../src/shared/diagnoseProtocol';
import type { InspectorModel } from '../src/shared/inspectorModel';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';

const VERDICT_ICON: Record<RejectionVerdict, string> = { pass: 'pass-filled', fail: 'error', warn: 'warning', skipped: 'circle-slash' };

function verdictWord(v: RejectionVerdict): string {
  switch (v) {
    case 'pass':
      return t('pass');
    case 'fail':
      return t('fail');
    case 'warn':
      return t('warning');
    case 'skipped':
      return t('not checked');
  }
}

function checkItem(c: RejectionCheck): HTMLElement {
  return el(
    'li',
    { class: `diagnose-check ${c.verdict}`, attrs: { 'data-check': c.id, 'data-verdict': c.verdict } },
    icon(VERDICT_ICON[c.verdict], verdictWord(c.verdict)),
    ' ',
    el('strong', {}, c.id),
    ' ',
    el('span', { class: 'tag' }, verdictWord(c.verdict)),
    ' ',
    el('span', { class: 'diagnose-message' }, c.message),
    c.expected !== undefined || c.actual !== undefined
      ? el(
          'div',
          { class: 'muted diagnose-values' },
          c.expected !== undefined ? t('Expected: {0}', c.expected) : null,
          c.expected !== undefined && c.actual !== undefined ? ' · ' : null,
          c.actual !== undefined ? t('Token: {0}', c.actual) : null,
        )
      : null,
  );
}

function probeView(o: ProbeOutcome): HTMLElement {
  const status = o.status !== undefined ? String(o.status) : 'none';
  return el(
    'div',
    { class: `verify-result ${o.accepted ? 'ok' : 'bad'}`, id: 'probe-result', attrs: { 'data-status': status, 'data-accepted': String(o.accepted) } },
    el(
      'div',
      { class: 'verify-headline' },
      icon(o.accepted ? 'pass-filled' : 'error'),
      ' ',
      o.accepted
        ? t('The server accepted the token ({0}).', status)
        : o.status !== undefined
          ? t('The server rejected the token ({0}).', status)
          : t('No answer from the server.'),
    ),
    o.target !== '' ? el('div', {}, t('Sent to: {0}', o.target)) : null,
    o.message !== undefined ? el('div', { class: 'verify-reason' }, t('The server said: {0}', o.message)) : null,
    o.serverCode !== undefined ? el('div', { class: 'muted' }, t('Code: {0}', o.serverCode)) : null,
  );
}

function probeSection(result: DiagnoseResult): HTMLElement {
  const out = el('div', { attrs: { 'aria-live': 'polite' } });
  if (result.probeOrigin === undefined) {
    return el('p', { class: 'muted', id: 'probe-unavailable' }, t('No configured provider for this issuer: add one to ask its server.'));
  }
  const run = async (): Promise<void> => {
    out.replaceChildren(el('vscode-progress-ring', { class: 'busy' }));
    const reply = await request({ type: 'probe' });
    if (reply.kind === 'probed') out.replaceChildren(probeView(reply.outcome));
    else if (reply.kind === 'failed')
      out.replaceChildren(el('div', { class: 'verify-result bad', id: 'probe-result', attrs: { 'data-status': 'failed' } }, reply.message));
  };
  return el(
    'div',
    { class: 'diagnose-probe' },
    el(
      'p',
      { class: 'muted' },
      t('Ask the server: sends this token as Authorization: Bearer to {0} ({1}) and shows what it answers.', result.probeOrigin, result.providerLabel ?? ''),
    ),
    button(t('Send to {0}', result.probeOrigin.replace(/^https?:\/\//, '')), () => void run(), { icon: 'send', secondary: true, id: 'probe-run' }),
    out,
  );
}

function resultView(result: DiagnoseResult): HTMLElement {
  const failing = result.checks.filter((c) => c.verdict === 'fail').length;
  return el(
    'div',
    { class: 'diagnose-result-box' },
    el(
      'p',
      { class: failing > 0 ? 'verify-reason' : '' },
      failing > 0 ? t('{0} checks fail: a server that makes them rejects this token.', failing) : t('No check fails.'),
      ' ',
      result.providerLabel !== undefined ? t('Provider: {0}.', result.providerLabel) : t('No configured provider for this issuer.'),
    ),
    el('ul', { class: 'diagnose-list', id: 'diagnose-result', attrs: { 'data-token-use': result.tokenUse } }, ...result.checks.map(checkItem)),
    probeSection(result),
  );
}

/** The section under the Verify tab's key entry. */
export function renderDiagnose(model: InspectorModel): HTMLElement {
  const skew = el('vscode-textfield', { id: 'diagnose-skew', attrs: { 'aria-label': t('Clock skew in seconds') } });
  skew.type = 'number';
  skew.value = String(Math.round(model.times.skewMs / 1000));
  const kinds: readonly [DiagnoseTokenUse, string][] = [
    ['auto', t('Token kind: as its source says')],
    ['access', t('Access token (RFC 9068)')],
    ['id', t('ID token (OpenID Connect)')],
  ];
  const kind = el(
    'select',
    { id: 'diagnose-kind', class: 'diagnose-kind', attrs: { 'aria-label': t('Token kind') } },
    ...kinds.map(([v, label]) => el('option', { attrs: { value: v } }, label)),
  );
  const out = el('div', { attrs: { 'aria-live': 'polite' } });
  const run = async (): Promise<void> => {
    const seconds = Number(skew.value);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_SKEW_SECONDS) {
      out.replaceChildren(
        el('div', { class: 'verify-result bad', id: 'diagnose-error' }, t('The skew must be a whole number of seconds from 0 to {0}.', MAX_SKEW_SECONDS)),
      );
      return;
    }
    out.replaceChildren(el('vscode-progress-ring', { class: 'busy' }));
    const tokenUse = kinds.find(([v]) => v === kind.value)?.[0] ?? 'auto';
    const reply = await request({ type: 'diagnose', skewSeconds: seconds, tokenUse });
    if (reply.kind === 'diagnosed') out.replaceChildren(resultView(reply.result));
    else if (reply.kind === 'failed') out.replaceChildren(el('div', { class: 'verify-result bad', id: 'diagnose-error' }, reply.message));
  };
  return el(
    'section',
    { class: 'verify-block diagnose', id: 'diagnose' },
    el('h3', {}, t('Why would a server reject it?')),
    el(
      'p',
      { class: 'muted' },
      t(
        "Checks the token as a server would: signature and key id with its provider's keys, algorithm, issuer, audience, times with the skew below, type and required claims. The provider's discovery document and keys are fetched without credentials.",
      ),
    ),
    el('div', { class: 'row' }, el('label', { attrs: { for: 'diagnose-skew' } }, t('Clock skew (s)')), skew, kind),
    el(
      'div',
      { class: 'row' },
      button(t('Why would a server reject it?'), () => void run(), { icon: 'question', id: 'diagnose-run' }),
    ),
    out,
  );
}
