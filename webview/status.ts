/** The status line (aria-live) and copy buttons. */
import type { CopyTarget } from '../src/shared/inspectorProtocol';
import { button, el } from './dom';
import { t } from './l10n';
import { request } from './rpc';

let line: HTMLElement | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

export function statusLine(): HTMLElement {
  line = el('div', { class: 'status-line', id: 'status-line', attrs: { role: 'status', 'aria-live': 'polite' } });
  return line;
}

/** Shows a short message for a few seconds. */
export function flash(message: string, kind: 'ok' | 'bad' | 'info' = 'info'): void {
  if (!line) return;
  line.textContent = message;
  line.className = `status-line ${kind}`;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    if (line) line.textContent = '';
  }, 6000);
}

/** A button that asks the host to copy a part of the token (the host writes the clipboard). */
export function copyButton(label: string, what: CopyTarget, iconName = 'copy'): HTMLElement {
  return button(
    label,
    () => {
      void request({ type: 'copy', what }).then((reply) => {
        if (reply.kind === 'copied') flash(t('Copied: {0}', label), 'ok');
        else if (reply.kind === 'failed') flash(reply.message, 'bad');
      });
    },
    { icon: iconName, secondary: true, id: `copy-${what}` },
  );
}
