/**
 * The Edit tab (issue 16, "Edit and re-sign"): the shown token's header and payload as JSON,
 * checked as the person types, its times as dates, and the ways to make a new token from them:
 * a shared secret, a private key, a remembered one, the sandbox's key, the original signature,
 * or none (after a warning the person confirms). The host signs and shows the new token in this
 * panel as a token AuthLens made; secrets and keys go to the host and never come back.
 */
import { parseEditedJson, type EditedPart } from '../src/core/editedJson';
import { editedJsonMessage } from '../src/core/editedJsonText';
import type { JsonObject } from '../src/core/json';
import type { InspectorModel } from '../src/shared/inspectorModel';
import type { EditableReply, SignKeyRequest } from '../src/shared/signProtocol';
import { button, el, icon } from './dom';
import { timeRows } from './editTimes';
import { withTimeClaim } from './timeInput';
import { t, translate } from './l10n';
import { getState, request } from './rpc';
import { flash } from './status';

type Editor = HTMLElementTagNameMap['vscode-textarea'];
type Button = HTMLElementTagNameMap['vscode-button'];

function jsonArea(part: EditedPart, value: string): Editor {
  const area = el('vscode-textarea', { id: `edit-${part}`, attrs: { 'aria-label': part === 'header' ? t('Header JSON') : t('Payload JSON') } });
  area.rows = part === 'header' ? 6 : 14;
  area.monospace = true;
  area.value = value;
  return area;
}

function howText(how: 'signed' | 'unsigned' | 'original-signature', alg: string): string {
  switch (how) {
    case 'signed':
      return t('Signed with {0}. The new token is shown above; the original is kept.', alg);
    case 'unsigned':
      return t('Made an unsigned token (alg: none). The original is kept.');
    case 'original-signature':
      return t('Made a token with the original signature. The original is kept.');
  }
}

/** The editor, once the host sent the parts. */
function editor(start: EditableReply): HTMLElement {
  const header = jsonArea('header', start.header);
  const payload = jsonArea('payload', start.payload);
  const headerError = el('p', { class: 'edit-error', id: 'edit-header-error', attrs: { 'aria-live': 'polite' } });
  const payloadError = el('p', { class: 'edit-error', id: 'edit-payload-error', attrs: { 'aria-live': 'polite' } });
  const result = el('div', { class: 'edit-result', id: 'edit-result', attrs: { 'aria-live': 'polite' } });
  const signButtons: Button[] = [];
  const busy = el('vscode-progress-ring', { class: 'busy' });
  busy.hidden = true;

  const times = timeRows((claim, seconds) => {
    const parsed = parseEditedJson(payload.value, 'payload');
    if (!parsed.ok) return;
    payload.value = JSON.stringify(withTimeClaim(parsed.value, claim, seconds), null, 2);
    check();
  }, Date.now);

  /** Checks both parts; returns them when both are usable. */
  function check(): { header: JsonObject; payload: JsonObject } | undefined {
    const h = parseEditedJson(header.value, 'header');
    const p = parseEditedJson(payload.value, 'payload');
    headerError.textContent = h.ok ? '' : editedJsonMessage('header', h.problem, translate);
    payloadError.textContent = p.ok ? '' : editedJsonMessage('payload', p.problem, translate);
    header.invalid = !h.ok;
    payload.invalid = !p.ok;
    times.show(p.ok ? p.value : undefined);
    for (const b of signButtons) b.disabled = !h.ok || !p.ok;
    return h.ok && p.ok ? { header: h.value, payload: p.value } : undefined;
  }
  header.addEventListener('input', () => void check());
  payload.addEventListener('input', () => void check());

  async function sign(key: SignKeyRequest): Promise<void> {
    if (!check()) return;
    busy.hidden = false;
    result.replaceChildren();
    const reply = await request({ type: 'sign', header: header.value, payload: payload.value, key });
    busy.hidden = true;
    if (reply.kind === 'signed') flash(howText(reply.how, reply.alg), 'ok');
    else if (reply.kind === 'failed')
      result.replaceChildren(el('p', { class: 'verify-result bad', attrs: { 'data-failed': 'true' } }, icon('error'), ' ', reply.message));
  }
  const signButton = (text: string, key: () => SignKeyRequest | undefined, opts: { id: string; secondary?: boolean; icon?: string }): Button => {
    const b = button(
      text,
      () => {
        const k = key();
        if (k) void sign(k);
      },
      opts,
    );
    signButtons.push(b);
    return b;
  };

  const secret = el('vscode-textfield', { id: 'edit-secret', attrs: { 'aria-label': t('Shared secret') } });
  secret.type = 'password';
  secret.placeholder = t('Shared secret (HS256/384/512)');
  const rememberSecret = el('vscode-checkbox', { id: 'edit-remember-secret' });
  rememberSecret.label = t('Remember for this issuer (in SecretStorage)');
  const keyText = el('vscode-textarea', { id: 'edit-private-key', attrs: { 'aria-label': t('Private key') } });
  keyText.rows = 5;
  keyText.monospace = true;
  keyText.placeholder = t('-----BEGIN PRIVATE KEY----- … or a private JWK as JSON');
  const rememberKey = el('vscode-checkbox', { id: 'edit-remember-key' });
  rememberKey.label = t('Remember for this issuer (in SecretStorage)');
  const needs = (value: string, what: string): boolean => {
    if (value.trim() !== '') return true;
    result.replaceChildren(el('p', { class: 'verify-result bad' }, what));
    return false;
  };

  const warning = el(
    'div',
    { class: 'notice edit-warning', id: 'edit-unsigned-warning', attrs: { role: 'alert' } },
    el(
      'p',
      {},
      icon('warning'),
      ' ',
      t(
        'An unsigned token (alg: none) proves nothing. A server that accepts it lets anyone in as anyone: use it only to test that your own server refuses it.',
      ),
    ),
    el(
      'div',
      { class: 'row' },
      signButton(t('Make the unsigned token'), () => ({ kind: 'none', confirmed: true }), { id: 'edit-unsigned-confirm', icon: 'warning' }),
      button(t('Cancel'), () => (warning.hidden = true), { secondary: true, id: 'edit-unsigned-cancel' }),
    ),
  );
  warning.hidden = true;
  // Shows the warning first; only its confirm button makes the unsigned token.
  const unsignedButton = button(t('Unsigned (alg: none)…'), () => (warning.hidden = false), { secondary: true, id: 'edit-unsigned' });
  signButtons.push(unsignedButton);

  const view = el(
    'div',
    { class: 'edit-editor' },
    el('h3', {}, t('Header')),
    header,
    headerError,
    el('h3', {}, t('Payload')),
    payload,
    payloadError,
    times.element,
    el(
      'section',
      { class: 'verify-block', id: 'edit-sign-secret-block' },
      el('h3', {}, t('Sign with a shared secret (HS256/384/512)')),
      el(
        'div',
        { class: 'row' },
        secret,
        signButton(
          t('Sign'),
          () =>
            needs(secret.value, t('Enter the secret to sign with.')) ? { kind: 'secret', secret: secret.value, remember: rememberSecret.checked } : undefined,
          {
            id: 'edit-sign-secret',
            icon: 'key',
          },
        ),
      ),
      el(
        'div',
        { class: 'row' },
        rememberSecret,
        start.storedSecret ? signButton(t('Use stored secret'), () => ({ kind: 'storedSecret' }), { id: 'edit-sign-stored-secret', secondary: true }) : null,
        start.sandboxSecret !== undefined
          ? signButton(t("Use the sandbox's secret ({0})", start.sandboxSecret), () => ({ kind: 'sandboxSecret' }), {
              id: 'edit-sign-sandbox',
              secondary: true,
            })
          : null,
      ),
    ),
    el(
      'section',
      { class: 'verify-block', id: 'edit-sign-key-block' },
      el('h3', {}, t('Sign with a private key (RS, PS, ES, EdDSA)')),
      keyText,
      el(
        'div',
        { class: 'row' },
        signButton(
          t('Sign with this key'),
          () =>
            needs(keyText.value, t('Paste the private key to sign with.'))
              ? { kind: 'privateKey', text: keyText.value, remember: rememberKey.checked }
              : undefined,
          {
            id: 'edit-sign-key',
            icon: 'key',
          },
        ),
        rememberKey,
        start.storedPrivateKey
          ? signButton(t('Use stored private key'), () => ({ kind: 'storedPrivateKey' }), { id: 'edit-sign-stored-key', secondary: true })
          : null,
      ),
    ),
    el(
      'section',
      { class: 'verify-block', id: 'edit-no-signature-block' },
      el('h3', {}, t('Without a valid signature (to test that your server refuses it)')),
      el(
        'div',
        { class: 'row' },
        signButton(t('Keep the original signature'), () => ({ kind: 'originalSignature' }), { id: 'edit-keep-signature', secondary: true }),
        unsignedButton,
      ),
      warning,
    ),
    busy,
    result,
  );
  check();
  return view;
}

/** The Edit tab. The parts come from the host on "Edit" (or at once when this tab is open). */
export function renderEdit(model: InspectorModel): HTMLElement {
  if (model.verdict.kind !== 'jws' && model.verdict.kind !== 'unsecured') {
    return el(
      'div',
      { class: 'edit-view', id: 'edit-view' },
      el('p', { class: 'muted', id: 'edit-unavailable' }, t('Only a JWT (JWS) can be edited and signed again.')),
    );
  }
  const body = el('div', { class: 'edit-body' });
  const load = async (): Promise<void> => {
    const reply = await request({ type: 'editable' });
    if (reply.kind === 'editable') body.replaceChildren(editor(reply));
    else if (reply.kind === 'failed') flash(reply.message, 'bad');
  };
  const startButton = button(t('Edit header and payload'), () => void load(), { icon: 'edit', id: 'edit-start' });
  body.append(
    el(
      'p',
      { class: 'muted' },
      t(
        'Change the header and payload and sign the result with your own key, to test what your server accepts. The new token is shown here, marked as made by AuthLens; the original is kept.',
      ),
    ),
    startButton,
  );
  // After signing the panel shows the new token: keep editing it without another click.
  if (getState().tab === 'edit') void load();
  return el('div', { class: 'edit-view', id: 'edit-view' }, body);
}
