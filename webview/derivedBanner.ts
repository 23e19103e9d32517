/**
 * The banner over a token AuthLens made (edited and signed, unsigned, with the original
 * signature, or decrypted from a JWE): it says the server did not make it, and "Show the
 * original" brings the server's token back.
 */
import type { DerivedModel } from '../src/shared/inspectorModel';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';
import { flash } from './status';

function bannerText(derived: DerivedModel): string {
  switch (derived.how) {
    case 'signed':
      return t('Made by AuthLens (signed with the key you gave), not by the server.');
    case 'unsigned':
      return t('Made by AuthLens (unsigned, alg: none), not by the server. No server should accept it.');
    case 'original-signature':
      return t('Made by AuthLens (edited, with the original signature, which no longer matches), not by the server.');
    case 'decrypted':
      return t('Decrypted by AuthLens from the encrypted token.');
  }
}

function detailText(derived: DerivedModel): string | undefined {
  if (derived.how === 'decrypted') return t('Key management {0}, content encryption {1}.', derived.alg ?? '?', derived.enc ?? '?');
  return derived.how === 'signed' && derived.alg !== undefined ? t('Algorithm: {0}.', derived.alg) : undefined;
}

/** The banner, or null when the shown token is the server's own. */
export function derivedBanner(derived: DerivedModel | undefined): HTMLElement | null {
  if (!derived) return null;
  const detail = detailText(derived);
  return el(
    'div',
    { class: `derived-banner derived-${derived.how}`, id: 'derived-banner', attrs: { role: 'status', 'data-derivation': derived.how } },
    el('span', { class: 'derived-text' }, icon(derived.how === 'decrypted' ? 'unlock' : 'edit'), ' ', bannerText(derived), detail ? ` ${detail}` : ''),
    button(
      t('Show the original'),
      () => {
        void request({ type: 'original' }).then((reply) => {
          if (reply.kind === 'failed') flash(reply.message, 'bad');
        });
      },
      { icon: 'history', secondary: true, id: 'derived-original' },
    ),
  );
}
