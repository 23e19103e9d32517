/** Raw segments, JSON per part and the warnings list. */
import type { CopyTarget } from '../src/shared/inspectorProtocol';
import type { InspectorModel, Severity, WarningGroup } from '../src/shared/inspectorModel';
import { el, icon } from './dom';
import { partTitle } from './fields';
import { t } from './l10n';
import { copyButton } from './status';

export function renderRaw(model: InspectorModel): HTMLElement {
  const r = model.raw;
  if (!r.header) return el('p', { class: 'muted' }, t('This token is not a JWT: it has no segments to show.'));
  return el(
    'div',
    { class: 'raw-view' },
    el('div', { class: 'toolbar' }, copyButton(t('Copy token'), 'raw')),
    el(
      'pre',
      { class: 'raw-token', id: 'raw-token', attrs: { 'aria-label': t('The token, coloured by segment') } },
      el('span', { class: 'seg-header', title: t('Header') }, r.header),
      el('span', { class: 'seg-dot' }, '.'),
      el('span', { class: 'seg-payload', title: t('Payload') }, r.payload),
      el('span', { class: 'seg-dot' }, '.'),
      el('span', { class: 'seg-signature', title: t('Signature') }, r.signature),
    ),
    el(
      'p',
      { class: 'legend' },
      el('span', { class: 'seg-header' }, '■ '),
      t('Header'),
      '  ',
      el('span', { class: 'seg-payload' }, '■ '),
      t('Payload'),
      '  ',
      el('span', { class: 'seg-signature' }, '■ '),
      t('Signature'),
      '  ',
      el('span', { class: 'muted' }, t('{0} characters', r.length)),
    ),
    r.truncated ? el('p', { class: 'limit-note' }, icon('info'), ' ', t('Long segments are cut for display; Copy takes the whole token.')) : null,
  );
}

export function renderJson(model: InspectorModel): HTMLElement {
  const parts: [CopyTarget & ('header' | 'payload' | 'session' | 'user'), string | undefined][] = [
    ['header', model.json.header || undefined],
    ['payload', model.json.payload || undefined],
    ['session', model.json.session],
    ['user', model.json.user],
  ];
  return el(
    'div',
    { class: 'json-view' },
    ...parts
      .filter((p): p is [(typeof p)[0], string] => p[1] !== undefined)
      .map(([part, text]) =>
        el(
          'section',
          { class: 'json-part' },
          el('div', { class: 'json-head' }, el('h3', {}, partTitle(part)), copyButton(t('Copy {0} JSON', partTitle(part)), part)),
          el('pre', { class: 'json', id: `json-${part}` }, text),
        ),
      ),
    model.json.truncated
      ? el('p', { class: 'limit-note' }, icon('info'), ' ', t('Large values are cut for display; masked values show as ••••••. Copy takes the whole part.'))
      : null,
  );
}

function severityTitle(s: Severity, n: number): string {
  switch (s) {
    case 'error':
      return t('Errors ({0})', n);
    case 'warning':
      return t('Warnings ({0})', n);
    case 'info':
      return t('Notes ({0})', n);
  }
}

function severityIcon(s: Severity): string {
  return s === 'info' ? 'info' : s;
}

export function renderWarnings(groups: readonly WarningGroup[]): HTMLElement {
  if (groups.length === 0) return el('p', { class: 'muted', id: 'no-warnings' }, icon('pass'), ' ', t('No warnings.'));
  return el(
    'div',
    { class: 'warnings-view' },
    ...groups.map((g) =>
      el(
        'section',
        { class: `warning-group sev-${g.severity}`, id: `warnings-${g.severity}` },
        el('h3', {}, icon(severityIcon(g.severity)), ' ', severityTitle(g.severity, g.items.length)),
        el(
          'ul',
          {},
          ...g.items.map((w) =>
            el(
              'li',
              { attrs: { 'data-code': w.code } },
              el('div', { class: 'warning-message' }, w.message, w.field ? el('code', { class: 'warning-field' }, w.field) : null),
              w.hint ? el('div', { class: 'warning-hint' }, icon('lightbulb'), ' ', w.hint) : null,
            ),
          ),
        ),
      ),
    ),
  );
}

export function warningCount(groups: readonly WarningGroup[]): number {
  return groups.reduce((n, g) => n + g.items.length, 0);
}
