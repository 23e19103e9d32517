/**
 * The Verify tab for a signed session cookie: the server's secret typed (optionally remembered
 * in SecretStorage), the remembered one, or the running sandbox's; the result says valid or
 * exactly why not. The secret goes to the host once and never comes back.
 */
import type { CookieSecretRequest } from '../src/shared/inspectorProtocol';
import type { CookieModel, CookieVerifyOutcome } from '../src/shared/inspectorCookie';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';
import { setVerified } from './summary';

function resultView(o: CookieVerifyOutcome, cookie: CookieModel): HTMLElement {
  return el(
    'div',
    { class: `verify-result ${o.valid ? 'ok' : 'bad'}`, id: 'cookie-verify-result', attrs: { 'data-valid': String(o.valid), 'data-code': o.code } },
    el('div', { class: 'verify-headline' }, icon(o.valid ? 'pass-filled' : 'error'), ' ', o.valid ? t('Signature valid') : t('Signature invalid')),
    el('div', {}, t('Checked: the {0} signature with the server’s secret.', cookie.formatLabel)),
    o.valid ? null : el('div', { class: 'verify-reason' }, t('Why: {0}', o.message)),
    o.remembered ? el('div', { class: 'muted', id: 'cookie-remembered' }, icon('key'), ' ', t('The secret is remembered in SecretStorage.')) : null,
    el('div', { class: 'muted' }, t('Only the signature is checked: whether the server still knows the session is up to the server.')),
  );
}

export function renderCookieVerify(cookie: CookieModel): HTMLElement {
  const v = cookie.verify;
  const result = el('div', { class: 'verify-result-box', attrs: { 'aria-live': 'polite' } });
  const busy = el('vscode-progress-ring', { class: 'busy' });
  busy.hidden = true;

  const run = async (key: CookieSecretRequest): Promise<void> => {
    if (key.kind === 'secret' && key.secret === '') {
      result.replaceChildren(el('div', { class: 'verify-result bad', id: 'cookie-verify-result', attrs: { 'data-valid': 'false' } }, t('Enter a key first.')));
      return;
    }
    busy.hidden = false;
    result.replaceChildren();
    const reply = await request({ type: 'verifyCookie', key });
    busy.hidden = true;
    if (reply.kind === 'cookieVerified') {
      result.replaceChildren(resultView(reply.outcome, cookie));
      setVerified(reply.outcome.valid, cookie.algorithm);
    } else if (reply.kind === 'failed') {
      result.replaceChildren(el('div', { class: 'verify-result bad', id: 'cookie-verify-result', attrs: { 'data-valid': 'false' } }, reply.message));
    }
  };

  const secret = el('vscode-textfield', { id: 'cookie-secret', attrs: { 'aria-label': t('The server’s secret ({0})', v.secretName) } });
  secret.type = 'password';
  secret.placeholder = t('The server’s secret ({0})', v.secretName);
  const remember = el('vscode-checkbox', { id: 'cookie-remember' });
  remember.label = t('Remember in SecretStorage');
  remember.checked = false;
  const rememberRow = el(
    'div',
    { class: 'row' },
    v.canRemember
      ? remember
      : el('span', { class: 'muted' }, t('Remembering needs a provider: inspect the cookie from the Sessions view to remember its secret.')),
    v.storedSecret ? button(t('Use stored secret'), () => void run({ kind: 'storedSecret' }), { secondary: true, id: 'cookie-verify-stored' }) : null,
  );
  const sandbox =
    v.sandboxSecret !== undefined
      ? el(
          'div',
          { class: 'row' },
          button(t('Use the sandbox’s secret'), () => void run({ kind: 'sandboxSecret' }), { secondary: true, icon: 'beaker', id: 'cookie-verify-sandbox' }),
          el('span', { class: 'muted' }, v.sandboxSecret),
        )
      : null;
  return el(
    'div',
    { class: 'verify-view', id: 'cookie-verify', attrs: { 'data-format': cookie.format } },
    el('p', {}, t('Checks the cookie’s signature with the secret its server signs cookies with ({0}).', v.secretName)),
    el(
      'section',
      { class: 'verify-block' },
      el('h3', {}, t('Server secret')),
      el(
        'div',
        { class: 'row' },
        secret,
        button(t('Verify'), () => void run({ kind: 'secret', secret: secret.value, remember: v.canRemember && remember.checked }), {
          icon: 'shield',
          id: 'cookie-verify-button',
        }),
      ),
      rememberRow,
      sandbox,
    ),
    busy,
    result,
  );
}
