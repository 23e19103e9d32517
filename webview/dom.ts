/**
 * The only way the inspector builds DOM: elements, attributes and TEXT nodes. Token contents
 * never go through an HTML parser (no innerHTML, no insertAdjacentHTML, no `href`/`src` from data).
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly id?: string;
  /** Attributes set with setAttribute (never parsed as HTML). Never `style`, `href`, `src` or `on*`. */
  readonly attrs?: Readonly<Record<string, string>>;
  readonly title?: string;
  readonly onClick?: (ev: MouseEvent) => void;
}

function apply(node: HTMLElement, props: Props | undefined, children: readonly Child[]): void {
  if (props?.class) node.className = props.class;
  if (props?.id) node.id = props.id;
  if (props?.title !== undefined) node.title = props.title;
  for (const [k, v] of Object.entries(props?.attrs ?? {})) {
    if (/^(on|style$|href$|src$|srcdoc$)/i.test(k)) throw new Error(`refusing attribute ${k}`);
    node.setAttribute(k, v);
  }
  if (props?.onClick) node.addEventListener('click', props.onClick);
  append(node, children);
}

/** Appends children; strings become text nodes. */
export function append(node: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** A standard or custom element with text children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, props, children);
  return node;
}

/** A codicon (font icon from the extension's codicon.css). */
export function icon(name: string, label?: string): HTMLSpanElement {
  const span = el('span', { class: `codicon codicon-${name}`, attrs: label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': 'true' } });
  return span;
}

/**
 * A `vscode-button` with text and an optional codicon. The codicon is a light-DOM span in the
 * button's slot, styled by the page's one codicon.css (`media/inspector.css` sizes it as the
 * button's own icon): the `icon` property would put a `vscode-icon` in the button's shadow root,
 * which loads codicon.css again into its own shadow root, one stylesheet per button.
 */
export function button(
  text: string,
  onClick: () => void,
  opts: { icon?: string; secondary?: boolean; id?: string; title?: string } = {},
): HTMLElementTagNameMap['vscode-button'] {
  const b = el(
    'vscode-button',
    { ...(opts.id ? { id: opts.id } : {}), ...(opts.title ? { title: opts.title } : {}), onClick: () => onClick() },
    opts.icon ? el('span', { class: `codicon codicon-${opts.icon} button-icon`, attrs: { 'aria-hidden': 'true' } }) : null,
    text,
  );
  b.secondary = opts.secondary === true;
  return b;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
