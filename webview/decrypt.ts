/**
 * Decrypting the shown JWE, in the Verify tab's encrypted case: a key kind (shared key or
 * password, or private key), the key, and the result: the plaintext as a text node, or exactly
 * why not (`data-code`). A nested token gets a summary and "Inspect the inner token". The key
 * goes to the host on click and is kept nowhere here (no state, no reply carries it back).
 */
import type { NestedTokenView, PlaintextView } from '../src/core/jwePlaintext';
import type { DecryptKeyKind, DecryptView } from '../src/shared/decryptProtocol';
import type { InspectorModel } from '../src/shared/inspectorModel';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';
import { flash } from './status';

/** RSA-OAEP and ECDH-ES take a private key; the rest a shared key or a password (PBES2). */
function privateKeyAlg(alg: string): boolean {
  return /^(?:RSA-OAEP|ECDH-ES)/.test(alg);
}

function placeholderFor(kind: DecryptKeyKind, alg: string): string {
  if (kind === 'privateKey') return t('-----BEGIN PRIVATE KEY----- … or a private JWK / JWK set as JSON');
  if (alg.startsWith('PBES2')) return t('The password the JWE was encrypted with');
  return t('The shared key: {"kty":"oct","k":…}, hex, base64url or text');
}

function innerSummary(nested: NestedTokenView, onInspect: () => void): HTMLElement {
  const facts: [string, string | undefined][] = [
    [t('Algorithm'), nested.alg],
    [t('Key id'), nested.kid],
    [t('Type'), nested.typ],
    [t('Issuer'), nested.iss],
    [t('Subject'), nested.sub],
    [t('Time'), nested.stateLabel],
  ];
  return el(
    'section',
    { class: 'decrypt-inner', id: 'decrypt-inner', attrs: { 'data-kind': nested.kind } },
    el('div', { class: 'verify-headline' }, icon('key'), ' ', t('The plaintext is a token: {0}', nested.kindLabel)),
    el('dl', { class: 'decrypt-facts' }, ...facts.filter(([, v]) => v !== undefined).flatMap(([label, v]) => [el('dt', {}, label), el('dd', {}, v ?? '')])),
    el('p', { class: 'muted' }, t('Inspect it to read its claims and verify its signature in the Verify tab; the JWE stays the original.')),
    el('div', { class: 'row' }, button(t('Inspect the inner token'), onInspect, { icon: 'search', id: 'decrypt-inspect-inner' })),
  );
}

function plaintextView(p: PlaintextView): HTMLElement[] {
  return [
    ...p.notes.map((n) => el('div', { class: 'notice decrypt-note' }, icon('info'), ' ', n)),
    // Hostile text: a text node inside a pre, nothing parsed.
    el('pre', { class: 'json decrypt-plaintext', id: 'decrypt-plaintext', attrs: { 'data-json': String(p.json), 'data-bytes': String(p.bytes) } }, p.text),
  ];
}

function resultView(view: DecryptView, onInspect: () => void): HTMLElement {
  if (!view.ok) {
    return el(
      'div',
      { class: 'verify-result bad', id: 'decrypt-result', attrs: { 'data-ok': 'false', 'data-code': view.failure.code } },
      el('div', { class: 'verify-headline' }, icon('error'), ' ', t('Not decrypted')),
      el('div', { class: 'verify-reason' }, t('Why: {0}', view.failure.message)),
    );
  }
  return el(
    'div',
    { class: 'verify-result ok', id: 'decrypt-result', attrs: { 'data-ok': 'true', 'data-alg': view.alg, 'data-enc': view.enc } },
    el('div', { class: 'verify-headline' }, icon('unlock'), ' ', t('Decrypted')),
    el('div', {}, t('Checked: {0}.', `${view.alg} + ${view.enc}`)),
    el('div', {}, t('Key: {0}', view.keyDescription)),
    view.plaintext.nested ? innerSummary(view.plaintext.nested, onInspect) : null,
    ...plaintextView(view.plaintext),
  );
}

/** The decryption block under "This token is encrypted (JWE)". */
export function renderDecrypt(model: InspectorModel): HTMLElement {
  const alg = model.verify.alg ?? '';
  const kind = el(
    'select',
    { id: 'decrypt-kind', class: 'decrypt-kind', attrs: { 'aria-label': t('Key kind') } },
    el('option', { attrs: { value: 'secret' } }, t('Shared key or password')),
    el('option', { attrs: { value: 'privateKey' } }, t('Private key (PEM or JWK)')),
  );
  kind.value = privateKeyAlg(alg) ? 'privateKey' : 'secret';
  const key = el('vscode-textarea', { id: 'decrypt-key', attrs: { 'aria-label': t('Decryption key') } });
  key.rows = 4;
  key.monospace = true;
  const keyKind = (): DecryptKeyKind => (kind.value === 'privateKey' ? 'privateKey' : 'secret');
  key.placeholder = placeholderFor(keyKind(), alg);
  kind.addEventListener('change', () => {
    key.placeholder = placeholderFor(keyKind(), alg);
  });
  const out = el('div', { class: 'decrypt-result-box', attrs: { 'aria-live': 'polite' } });

  const inspectInner = async (): Promise<void> => {
    const reply = await request({ type: 'decrypt', key: { kind: keyKind(), text: key.value }, inspectInner: true });
    if (reply.kind === 'done') flash(reply.message, 'ok');
    else if (reply.kind === 'failed') flash(reply.message, 'bad');
  };
  const run = async (): Promise<void> => {
    if (key.value.trim() === '') {
      out.replaceChildren(
        el('div', { class: 'verify-result bad', id: 'decrypt-result', attrs: { 'data-ok': 'false', 'data-code': 'no-key' } }, t('Enter a key first.')),
      );
      return;
    }
    out.replaceChildren(el('vscode-progress-ring', { class: 'busy' }));
    const reply = await request({ type: 'decrypt', key: { kind: keyKind(), text: key.value }, inspectInner: false });
    if (reply.kind === 'decrypted') out.replaceChildren(resultView(reply.view, () => void inspectInner()));
    else if (reply.kind === 'failed')
      out.replaceChildren(el('div', { class: 'verify-result bad', id: 'decrypt-result', attrs: { 'data-ok': 'false' } }, reply.message));
  };

  return el(
    'section',
    { class: 'verify-block decrypt', id: 'decrypt' },
    el('h3', {}, t('Decrypt with your key')),
    el(
      'p',
      { class: 'muted' },
      t(
        'A shared key for dir and AES key wrap (a JWK, hex, base64url or text), a password for PBES2, or a private key for RSA-OAEP and ECDH-ES (PKCS#8 PEM or JWK). The key is used once and not kept.',
      ),
    ),
    el('div', { class: 'row' }, kind),
    key,
    el(
      'div',
      { class: 'row' },
      button(t('Decrypt'), () => void run(), { icon: 'unlock', id: 'decrypt-button' }),
    ),
    out,
  );
}
