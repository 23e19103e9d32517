/** The Verify tab: key entry per algorithm family, JWKS on click only, and an exact result. */
import type { VerifyKeyRequest } from '../src/shared/inspectorProtocol';
import type { InspectorModel } from '../src/shared/inspectorModel';
import type { VerifyOutcome } from '../src/providers/verifyResult';
import { renderDecrypt } from './decrypt';
import { renderDiagnose } from './diagnose';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';
import { setVerified } from './summary';

function resultView(o: VerifyOutcome): HTMLElement {
  const what = [o.alg ? t('algorithm {0}', o.alg) : null, o.kid ? t('key id "{0}"', o.kid) : t('no key id')].filter((x): x is string => x !== null).join(', ');
  return el(
    'div',
    {
      class: `verify-result ${o.valid ? 'ok' : 'bad'}`,
      id: 'verify-result',
      attrs: { 'data-valid': String(o.valid), ...(o.failure ? { 'data-code': o.failure.code } : {}) },
    },
    el('div', { class: 'verify-headline' }, icon(o.valid ? 'pass-filled' : 'error'), ' ', o.valid ? t('Signature valid') : t('Signature invalid')),
    el('div', {}, t('Checked: {0}.', what)),
    o.keyDescription ? el('div', {}, t('Key: {0}', o.keyDescription)) : null,
    o.failure ? el('div', { class: 'verify-reason' }, t('Why: {0}', o.failure.message)) : null,
    // The issuer check, as plain text the host made (it may quote the token's iss).
    o.issuer
      ? el(
          'div',
          {
            class: o.issuer.matches ? 'verify-issuer' : 'verify-issuer verify-reason',
            id: 'verify-issuer',
            attrs: { 'data-matches': String(o.issuer.matches), ...(o.issuer.quirk ? { 'data-quirk': o.issuer.quirk } : {}) },
          },
          o.issuer.message,
        )
      : null,
    el('div', { class: 'muted' }, t('Only the signature is checked here; expiry and other claims are judged in the summary.')),
  );
}

export function renderVerify(model: InspectorModel): HTMLElement {
  const v = model.verify;
  const result = el('div', { class: 'verify-result-box', attrs: { 'aria-live': 'polite' } });
  const busy = el('vscode-progress-ring', { class: 'busy' });
  busy.hidden = true;

  const run = async (key: VerifyKeyRequest): Promise<void> => {
    if ((key.kind === 'secret' && key.secret === '') || (key.kind === 'publicKey' && key.text.trim() === '')) {
      result.replaceChildren(el('div', { class: 'verify-result bad' }, t('Enter a key first.')));
      return;
    }
    busy.hidden = false;
    result.replaceChildren();
    const reply = await request({ type: 'verify', key });
    busy.hidden = true;
    if (reply.kind === 'verified') {
      result.replaceChildren(resultView(reply.outcome));
      setVerified(reply.outcome.valid, reply.outcome.alg);
    } else if (reply.kind === 'failed') {
      result.replaceChildren(el('div', { class: 'verify-result bad' }, reply.message));
    }
  };

  const intro = el('p', {}, t('Checks the signature with a key you provide. Algorithm: {0}. Key id: {1}.', v.alg ?? '—', v.kid ?? '—'));
  const blocks: HTMLElement[] = [];
  if (v.family === 'none') {
    blocks.push(
      el(
        'p',
        { class: 'verify-result bad' },
        icon('error'),
        ' ',
        t('This token is not signed (alg "none"): there is nothing to verify, and no server should accept it.'),
      ),
    );
  }
  if (v.family === 'encrypted') {
    blocks.push(
      el(
        'p',
        { class: 'verify-result neutral', id: 'verify-encrypted' },
        icon('lock'),
        ' ',
        t('This token is encrypted (JWE): nothing can be verified without the decryption key.'),
      ),
      renderDecrypt(model),
    );
  }
  if (v.family === 'hmac' || v.family === 'unknown') {
    const secret = el('vscode-textfield', { id: 'verify-secret', attrs: { 'aria-label': t('Shared secret') } });
    secret.type = 'password';
    secret.placeholder = t('Shared secret (HS256/384/512)');
    const remember = el('vscode-checkbox', { id: 'verify-remember' });
    remember.label = t('Remember for this issuer (in SecretStorage)');
    blocks.push(
      el(
        'section',
        { class: 'verify-block' },
        el('h3', {}, t('Shared secret')),
        el(
          'div',
          { class: 'row' },
          secret,
          button(t('Verify'), () => void run({ kind: 'secret', secret: secret.value, remember: remember.checked }), {
            icon: 'shield',
            id: 'verify-secret-button',
          }),
        ),
        // Offered only when a secret for this token's issuer is stored (the host checked).
        el(
          'div',
          { class: 'row' },
          remember,
          v.storedSecret ? button(t('Use stored secret'), () => void run({ kind: 'storedSecret' }), { secondary: true, id: 'verify-stored' }) : null,
        ),
      ),
    );
  }
  if (v.family === 'asymmetric' || v.family === 'unknown') {
    const key = el('vscode-textarea', { id: 'verify-key', attrs: { 'aria-label': t('Public key') } });
    key.rows = 5;
    key.monospace = true;
    key.placeholder = t('-----BEGIN PUBLIC KEY----- … or a JWK / JWKS as JSON');
    blocks.push(
      el(
        'section',
        { class: 'verify-block' },
        el('h3', {}, t('Public key (PEM, JWK or JWKS)')),
        key,
        el(
          'div',
          { class: 'row' },
          button(t('Verify with this key'), () => void run({ kind: 'publicKey', text: key.value }), { icon: 'shield', id: 'verify-key-button' }),
        ),
      ),
    );
    const candidates = v.jwksCandidates.map((c, i) =>
      el(
        'li',
        {},
        el('code', { class: 'url' }, c.url),
        ' ',
        el('span', { class: 'muted' }, c.source === 'provider' ? t("(the provider's JWKS URL)") : t('(OpenID discovery of the issuer)')),
        ' ',
        c.allowed
          ? button(t('Fetch keys and verify'), () => void run({ kind: 'jwks', url: c.url }), {
              icon: 'cloud-download',
              secondary: true,
              id: `verify-jwks-${i}`,
            })
          : el('span', { class: 'tag control' }, t('not fetched: only https or loopback URLs')),
      ),
    );
    blocks.push(
      el(
        'section',
        { class: 'verify-block' },
        el('h3', {}, t('JSON Web Key Set')),
        candidates.length > 0
          ? el(
              'div',
              {},
              el('p', { class: 'muted' }, t('Nothing is fetched until you click. The URL is fetched without credentials.')),
              el('ul', { class: 'jwks-list' }, ...candidates),
            )
          : el('p', { class: 'muted' }, t('No JWKS URL is known: configure "jwksUrl" or "issuer" for the provider, or paste the key above.')),
      ),
    );
  }
  if (v.ignoredHeaderUrls.length > 0) {
    blocks.push(
      el(
        'p',
        { class: 'notice' },
        icon('shield'),
        ' ',
        t('The header names key URLs (jku/x5u): {0}. AuthLens never follows them.', v.ignoredHeaderUrls.join(', ')),
      ),
    );
  }
  // "Why would a server reject it?" needs a decoded token: not offered for an encrypted one.
  const diagnose = v.family !== 'encrypted' ? renderDiagnose(model) : null;
  return el('div', { class: 'verify-view' }, intro, ...blocks, busy, result, diagnose);
}
