/** Field tables (header, payload, session, user): explanations, dates, nesting, masked values. */
import type { DateMode } from '../src/shared/inspectorProtocol';
import type { FieldPart, FieldRow, FieldTable, LimitNote } from '../src/shared/inspectorModel';
import { button, el, icon } from './dom';
import { t } from './l10n';
import { getState, request, updateState } from './rpc';
import { copyButton } from './status';
import { formatDate, local, onTick, relative, utc } from './time';

/** Time cells, re-rendered on a mode switch (and every second in relative mode). */
const timeCells: { span: HTMLElement; ms: number }[] = [];

function mode(): DateMode {
  return getState().dateMode ?? 'local';
}

function renderTime(span: HTMLElement, ms: number, now: number): void {
  span.textContent = formatDate(ms, mode(), now);
}

export function resetFields(): void {
  timeCells.length = 0;
  onTick((now) => {
    if (mode() !== 'relative') return;
    for (const c of timeCells) renderTime(c.span, c.ms, now);
  });
}

export function partTitle(part: FieldPart): string {
  switch (part) {
    case 'header':
      return t('Header');
    case 'payload':
      return t('Payload');
    case 'session':
      return t('Session');
    case 'user':
      return t('User');
  }
}

export function noteText(n: LimitNote): string {
  switch (n.kind) {
    case 'string-truncated':
      return t('Showing the first {0} of {1} characters.', n.shown, n.total);
    case 'keys-truncated':
      return t('Showing {0} of {1} fields.', n.shown, n.total);
    case 'depth-limit':
      return t('Nested deeper than {0} levels: not shown.', n.depth);
    case 'row-budget':
      return t('Only the first {0} rows are shown.', n.shown);
  }
}

function notes(list: readonly LimitNote[] | undefined): HTMLElement | null {
  if (!list || list.length === 0) return null;
  return el('div', { class: 'limit-note' }, icon('info'), ' ', list.map(noteText).join(' '));
}

function maskedReason(reason: string): string {
  switch (reason) {
    case 'password':
      return t('password');
    case 'salt':
      return t('salt');
    case 'token':
      return t('token');
    case 'key':
      return t('key');
    default:
      return t('secret');
  }
}

function valueCell(row: FieldRow): HTMLElement {
  const cell = el('td', { class: `value kind-${row.kind}` });
  if (row.masked) {
    const masked = row.masked;
    const text = el(
      'span',
      { class: 'masked' },
      `•••••• `,
      el('span', { class: 'muted' }, t('({0}, {1} characters)', maskedReason(masked.reason), masked.length)),
    );
    const reveal = button(
      t('Reveal'),
      () => {
        reveal.disabled = true;
        void request({ type: 'reveal', fieldId: row.id }).then((reply) => {
          reveal.disabled = false;
          if (reply.kind !== 'revealed') return;
          const shown = el('span', { class: 'revealed' }, reply.value, reply.truncated ? el('span', { class: 'muted' }, ' …') : null);
          const hide = button(t('Hide'), () => cell.replaceChildren(text, reveal), { icon: 'eye-closed', secondary: true });
          cell.replaceChildren(shown, ' ', hide);
        });
      },
      { icon: 'eye', secondary: true, title: t('Show this sensitive value') },
    );
    reveal.setAttribute('data-field', row.path);
    cell.append(text, reveal);
    return cell;
  }
  if (row.time !== undefined) {
    const ms = row.time;
    const span = el('span', { class: 'time', title: `${row.display}\n${local(ms)}\n${utc(ms)}\n${relative(ms, Date.now())}` });
    renderTime(span, ms, Date.now());
    timeCells.push({ span, ms });
    cell.append(span, el('span', { class: 'raw-value muted' }, ` ${row.display}`));
    return cell;
  }
  if (row.kind === 'object' || row.kind === 'list') {
    cell.append(
      el('span', { class: 'count muted' }, row.kind === 'list' ? t('{0} items', row.count ?? 0) : t('{0} fields', row.count ?? 0), ' '),
      el('code', { class: 'preview' }, row.display),
    );
    return cell;
  }
  cell.append(el('span', { class: row.valueType === 'string' ? 'string' : 'literal', attrs: { dir: 'ltr' } }, row.display));
  if (row.timeProblem !== undefined) cell.append(el('span', { class: 'time-problem muted' }, ` · ${row.timeProblem}`));
  return cell;
}

function nameCell(row: FieldRow, depth: number, toggle: HTMLButtonElement | null): HTMLElement {
  const name = el('span', { class: 'field-name', attrs: { dir: 'ltr' } }, row.name);
  const cell = el(
    'th',
    { class: 'name', attrs: { scope: 'row' } },
    toggle ?? el('span', { class: 'twisty-space' }),
    name,
    row.unknown ? el('span', { class: 'tag unknown', title: t('AuthLens does not know this field.') }, t('unknown')) : null,
    row.masked ? el('span', { class: 'tag sensitive', title: t('Sensitive: should never leave the server.') }, icon('shield'), ' ', t('sensitive')) : null,
    row.controlChars
      ? el(
          'span',
          { class: 'tag control', title: t('Contains invisible or direction-changing characters, shown as \\u escapes.') },
          icon('warning'),
          ' ',
          t('hidden characters'),
        )
      : null,
  );
  cell.style.setProperty('--depth', String(depth));
  return cell;
}

function explanationCell(row: FieldRow): HTMLElement {
  if (!row.explanation) return el('td', { class: 'meaning muted' }, row.unknown ? t('Not a field AuthLens knows.') : '');
  return el('td', { class: 'meaning' }, row.explanation.summary, ' ', el('span', { class: 'source-ref' }, row.explanation.source));
}

/** Rows for `rows` at `depth`; nested children are built when first expanded. */
function buildRows(rows: readonly FieldRow[], depth: number): HTMLTableRowElement[] {
  const out: HTMLTableRowElement[] = [];
  for (const row of rows) {
    const hasChildren = (row.children?.length ?? 0) > 0;
    const toggle = hasChildren
      ? el('button', { class: 'twisty', attrs: { 'aria-expanded': 'false', 'aria-label': t('Expand {0}', row.name) } }, icon('chevron-right'))
      : null;
    const tr = el(
      'tr',
      { attrs: { 'data-depth': String(depth), 'data-path': row.path, 'data-kind': row.kind } },
      nameCell(row, depth, toggle),
      valueCell(row),
      explanationCell(row),
    );
    out.push(tr);
    const rowNotes = notes(row.notes);
    let noteRow: HTMLTableRowElement | null = null;
    if (rowNotes) {
      const td = el('td', { attrs: { colspan: '3' } }, rowNotes);
      td.style.setProperty('--depth', String(depth + 1));
      noteRow = el('tr', { class: 'note-row', attrs: { 'data-depth': String(depth + 1) } }, td);
      out.push(noteRow);
    }
    if (toggle) {
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!open));
        toggle.replaceChildren(icon(open ? 'chevron-right' : 'chevron-down'));
        const anchor = noteRow ?? tr;
        if (open) {
          // Remove every following row nested deeper than this one.
          let next = anchor.nextElementSibling;
          while (next instanceof HTMLTableRowElement && Number(next.dataset['depth']) > depth) {
            const drop = next;
            next = next.nextElementSibling;
            drop.remove();
          }
        } else {
          anchor.after(...buildRows(row.children ?? [], depth + 1));
        }
      });
    }
  }
  return out;
}

/** The head of a three-column table: the name column's title, Value, Meaning. */
export function fieldsHead(nameTitle: string): HTMLElement {
  const col = (text: string): HTMLElement => el('th', { attrs: { scope: 'col' } }, text);
  return el('thead', {}, el('tr', {}, col(nameTitle), col(t('Value')), col(t('Meaning'))));
}

function table(t_: FieldTable): HTMLElement {
  const body = el('tbody', {}, ...buildRows(t_.rows, 0));
  const tbl = el('table', { class: 'fields', id: `table-${t_.part}` }, fieldsHead(t('Field')), body);
  const section = el('vscode-collapsible', { id: `part-${t_.part}` });
  section.heading = partTitle(t_.part);
  section.description = t('{0} fields', t_.rows.length);
  section.open = true;
  const copy = copyButton(t('Copy JSON'), t_.part);
  copy.setAttribute('slot', 'actions');
  section.append(copy, tbl, notes(t_.notes) ?? '');
  return section;
}

function dateModeSwitch(onChange: () => void): HTMLElement {
  const modes: [DateMode, string][] = [
    ['local', t('Local time')],
    ['utc', t('UTC')],
    ['relative', t('Relative')],
  ];
  const group = el(
    'div',
    { class: 'date-modes', attrs: { role: 'radiogroup', 'aria-label': t('Show dates as') } },
    el('span', { class: 'muted' }, t('Dates:'), ' '),
  );
  const buttons = modes.map(([m, label]) => {
    const b = button(
      label,
      () => {
        updateState({ dateMode: m });
        for (const [other, ob] of buttons) {
          ob.secondary = other !== m;
          ob.setAttribute('aria-checked', String(other === m));
        }
        onChange();
      },
      { secondary: mode() !== m, id: `date-${m}` },
    );
    b.setAttribute('role', 'radio');
    b.setAttribute('aria-checked', String(mode() === m));
    return [m, b] as const;
  });
  group.append(...buttons.map(([, b]) => b));
  return group;
}

export function renderFields(tables: readonly FieldTable[]): HTMLElement {
  const rerender = (): void => {
    const now = Date.now();
    for (const c of timeCells) renderTime(c.span, c.ms, now);
  };
  return el('div', { class: 'fields-view' }, dateModeSwitch(rerender), ...tables.map(table));
}
