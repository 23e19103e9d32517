/** The Compare tab: a second token pasted or picked from the Sessions view, side by side. */
import type { CompareModel, CompareRow } from '../src/shared/inspectorModel';
import type { CompareSource } from '../src/shared/inspectorProtocol';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { request } from './rpc';
import { flash } from './status';

function marker(change: CompareRow['change']): string {
  switch (change) {
    case 'same':
      return ' ';
    case 'changed':
      return '~';
    case 'added':
      return '+';
    case 'removed':
      return '−';
  }
}

function changeLabel(change: CompareRow['change']): string {
  switch (change) {
    case 'same':
      return t('same');
    case 'changed':
      return t('changed');
    case 'added':
      return t('only in the other token');
    case 'removed':
      return t('only in this token');
  }
}

function comparisonView(cmp: CompareModel): HTMLElement {
  const onlyDiff = el('vscode-checkbox', { id: 'compare-only-diff' });
  onlyDiff.label = t('Only differences');
  const body = el('tbody');
  const fill = (): void => {
    body.replaceChildren(
      ...cmp.rows
        .filter((r) => !onlyDiff.checked || r.change !== 'same')
        .map((r) =>
          el(
            'tr',
            { class: `change-${r.change}`, attrs: { 'data-path': r.path, 'data-change': r.change }, title: changeLabel(r.change) },
            el('td', { class: 'marker', attrs: { 'aria-label': changeLabel(r.change) } }, marker(r.change)),
            el('th', { attrs: { scope: 'row' } }, r.path),
            el('td', { class: 'left' }, r.left ?? ''),
            el('td', { class: 'right' }, r.right ?? ''),
          ),
        ),
    );
  };
  onlyDiff.addEventListener('change', fill);
  fill();
  return el(
    'div',
    { id: 'compare-result' },
    el(
      'p',
      { id: 'compare-summary' },
      cmp.differences === 0 ? t('The two tokens have the same header and payload.') : t('{0} differences.', cmp.differences),
      ' ',
      onlyDiff,
    ),
    el(
      'table',
      { class: 'compare' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, ''),
          el('th', { attrs: { scope: 'col' } }, t('Claim')),
          el('th', { attrs: { scope: 'col' } }, t('This token')),
          el('th', { attrs: { scope: 'col' } }, cmp.rightLabel),
        ),
      ),
      body,
    ),
    cmp.truncated ? el('p', { class: 'limit-note' }, icon('info'), ' ', t('Very large tokens are compared in part.')) : null,
  );
}

/** The tab; `hasOriginal` when the shown token was made by AuthLens from another (offers "Compare with the original"). */
export function renderCompare(hasOriginal = false): HTMLElement {
  const input = el('vscode-textarea', { id: 'compare-input', attrs: { 'aria-label': t('Second token') } });
  input.rows = 3;
  input.monospace = true;
  input.placeholder = t('Paste a second token to compare with');
  const out = el('div', { attrs: { 'aria-live': 'polite' } });
  const show = async (source: CompareSource): Promise<void> => {
    if (source.kind === 'paste' && source.token === '') {
      flash(t('Paste a token first.'), 'bad');
      return;
    }
    const reply = await request({ type: 'compare', source }, 600_000);
    if (reply.kind === 'compared') out.replaceChildren(comparisonView(reply.comparison));
    else if (reply.kind === 'failed') flash(reply.message, 'bad');
  };
  return el(
    'div',
    { class: 'compare-view' },
    input,
    el(
      'div',
      { class: 'row' },
      button(t('Compare'), () => void show({ kind: 'paste', token: input.value.trim() }), { icon: 'diff', id: 'compare-button' }),
      button(t('Pick from Sessions…'), () => void show({ kind: 'pick' }), { icon: 'list-tree', secondary: true, id: 'compare-pick' }),
      hasOriginal
        ? button(t('Compare with the original'), () => void show({ kind: 'original' }), { icon: 'history', secondary: true, id: 'compare-original' })
        : null,
    ),
    out,
  );
}
