/**
 * A signed session cookie in the Fields and Raw tabs: its format, name and session, each part
 * with what it is, and the value coloured by part. Text nodes only (the parts are hostile text).
 */
import type { CookieModel, CookiePartModel } from '../src/shared/inspectorCookie';
import { el, icon } from './dom';
import { t } from './l10n';
import { fieldsHead } from './fields';
import { copyButton } from './status';

/** One colour class per part role; separators stay plain. */
function partClass(p: CookiePartModel): string {
  return p.role === 'separator' ? 'seg-dot' : `seg-cookie seg-cookie-${p.role}`;
}

/** "Belongs to session … of …", when the cookie's session is listed. */
export function cookieSessionNote(cookie: CookieModel): HTMLElement | null {
  const link = cookie.session;
  if (!link) return null;
  return el(
    'p',
    { class: 'notice', id: 'cookie-session', attrs: { 'data-provider': link.providerId, 'data-session': link.sessionId } },
    icon('link'),
    ' ',
    link.text,
  );
}

/** The summary's facts for a cookie: format, name, signature algorithm. */
export function cookieFacts(cookie: CookieModel): HTMLElement[] {
  const rows: [label: string, value: string | undefined, id: string][] = [
    [t('Format'), cookie.formatLabel, 'cookie-format'],
    [t('Cookie name'), cookie.name, 'cookie-name'],
    [t('Algorithm'), cookie.algorithm, 'alg'],
  ];
  return rows.flatMap(([label, value, id]) => [
    el('dt', {}, label),
    el('dd', { id: `fact-${id}`, class: value === undefined ? 'muted' : 'value' }, value ?? t('(not named)')),
  ]);
}

/** The summary's copy buttons for a cookie: the value, the Cookie header, curl with --cookie. */
export function cookieCopyButtons(): HTMLElement[] {
  return [
    copyButton(t('Copy cookie value'), 'raw', 'copy'),
    copyButton(t('Copy Cookie header'), 'cookie', 'key'),
    copyButton(t('Copy as curl'), 'curl', 'terminal'),
  ];
}

/** The Fields tab's "Cookie" section: one row per part (separators left out). */
export function renderCookieParts(cookie: CookieModel): HTMLElement {
  const rows = cookie.parts
    .filter((p) => p.role !== 'separator')
    .map((p) =>
      el(
        'tr',
        { attrs: { 'data-part': p.role } },
        el('th', { class: 'name', attrs: { scope: 'row' } }, el('span', { class: partClass(p) }, '■ '), p.label),
        el(
          'td',
          { class: 'value' },
          el('code', { class: 'string', attrs: { dir: 'ltr' } }, p.text),
          p.truncated ? el('span', { class: 'muted' }, ' ', t('(first {0} of {1} characters)', p.text.length, p.length)) : null,
        ),
        el('td', { class: 'meaning' }, p.explanation),
      ),
    );
  return el(
    'section',
    { class: 'cookie-parts', id: 'cookie-parts', attrs: { 'data-format': cookie.format } },
    el('h3', {}, icon('symbol-key'), ' ', t('Cookie'), ': ', el('span', { id: 'cookie-format' }, cookie.formatLabel)),
    ...cookie.notes.map((n) => el('p', { class: 'muted cookie-note' }, n)),
    el('table', { class: 'fields', id: 'table-cookie' }, fieldsHead(t('Part')), el('tbody', {}, ...rows)),
  );
}

/** The Raw tab for a cookie: the value (URL-decoded) coloured by part, with a legend. */
export function renderCookieRaw(cookie: CookieModel): HTMLElement {
  const named = cookie.parts.filter((p) => p.role !== 'separator');
  return el(
    'div',
    { class: 'raw-view' },
    el('div', { class: 'toolbar' }, copyButton(t('Copy cookie value'), 'raw'), copyButton(t('Copy Cookie header'), 'cookie', 'key')),
    el(
      'pre',
      { class: 'raw-token', id: 'raw-cookie', attrs: { 'aria-label': t('The cookie value, coloured by part') } },
      ...cookie.parts.map((p) => el('span', { class: partClass(p), attrs: { 'data-part': p.role }, ...(p.label ? { title: p.label } : {}) }, p.text)),
    ),
    el(
      'p',
      { class: 'legend' },
      ...named.flatMap((p) => [el('span', { class: partClass(p) }, '■ '), p.label, '  ']),
      el('span', { class: 'muted' }, t('{0} characters', cookie.length)),
    ),
    cookie.urlDecoded ? el('p', { class: 'muted' }, icon('info'), ' ', t('Shown URL-decoded; Copy takes the value as the browser sends it.')) : null,
    named.some((p) => p.truncated)
      ? el('p', { class: 'limit-note' }, icon('info'), ' ', t('Long parts are cut for display; Copy takes the whole value.'))
      : null,
  );
}
