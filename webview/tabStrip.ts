/**
 * The inspector's tabs. Built once per page and updated in place for every new model (a warm
 * open changes the header texts and empties the panels, it does not rebuild `vscode-tabs`).
 * A tab's body is built when the tab is shown: the selected one before the first paint, the
 * others when first selected. Nothing else runs after the paint, so a message that follows
 * (the next token) finds the page idle.
 */
import { el } from './dom';
import { updateState } from './rpc';

export const tabs = ['fields', 'warnings', 'raw', 'json', 'verify', 'compare', 'edit'] as const;
export type Tab = (typeof tabs)[number];

interface Strip {
  readonly root: HTMLElementTagNameMap['vscode-tabs'];
  readonly headers: ReadonlyMap<Tab, HTMLElement>;
  readonly panels: ReadonlyMap<Tab, HTMLElement>;
  /** The bodies of the current model not built yet. */
  pending: Map<Tab, () => HTMLElement>;
}

let strip: Strip | undefined;

function fill(s: Strip, tab: Tab): void {
  const build = s.pending.get(tab);
  if (!build) return;
  s.pending.delete(tab);
  const panel = s.panels.get(tab)!;
  panel.append(build());
  // data-loaded: the body is built (a hook for tests; the panel is empty until then).
  panel.dataset['loaded'] = 'true';
}

function create(): Strip {
  const root = el('vscode-tabs', { id: 'tabs' });
  const headers = new Map<Tab, HTMLElement>();
  const panels = new Map<Tab, HTMLElement>();
  for (const tab of tabs) {
    // vscode-tabs assigns its own ids to headers and panels (for aria); ours go in data-tab.
    const header = el('vscode-tab-header', { attrs: { slot: 'header', 'data-tab': tab } });
    const panel = el('vscode-tab-panel', { attrs: { 'data-panel': tab } });
    headers.set(tab, header);
    panels.set(tab, panel);
    root.append(header, panel);
  }
  const s: Strip = { root, headers, panels, pending: new Map() };
  root.addEventListener('vsc-tabs-select', (e: Event) => {
    const tab = tabs[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex];
    if (!tab) return;
    fill(s, tab);
    updateState({ tab });
  });
  return s;
}

/**
 * The tab strip showing a new model: `title` and `body` per tab, `selected` built now. Returns
 * the same element as the previous call while it is still in the page.
 */
export function showTabs(selected: Tab, title: (tab: Tab) => string, body: (tab: Tab) => HTMLElement): HTMLElement {
  if (!strip?.root.isConnected) {
    strip = create();
    strip.root.selectedIndex = tabs.indexOf(selected);
  }
  const s = strip;
  s.pending = new Map();
  for (const tab of tabs) {
    const header = s.headers.get(tab)!;
    const text = title(tab);
    if (header.textContent !== text) header.textContent = text;
    const panel = s.panels.get(tab)!;
    if (panel.firstChild) panel.replaceChildren();
    delete panel.dataset['loaded'];
    s.pending.set(tab, () => body(tab));
  }
  fill(s, tabs[s.root.selectedIndex] ?? selected);
  return s.root;
}
