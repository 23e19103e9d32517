/**
 * What the activation shell registers in place of the features: each stand-in loads the features
 * bundle the first time VS Code calls it and hands the call on. Nothing here decodes a token.
 */
import * as vscode from 'vscode';
import type { Features } from '../features';
import type { ExplorerNode } from '../sessions/nodes';
import { Disposable } from '../plumbing/lifecycle';
import { readSwitch, section } from '../plumbing/settingKeys';

/** Loads the features (once) for the reason given. */
export type FeaturesLoader = (reason: string) => Features;

type TreeChange = ExplorerNode | ExplorerNode[] | undefined | null | void;

/** The Sessions view's data provider until the features are loaded, then the real tree's relay. */
export class SessionsTreeStandIn extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TreeChange>());
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<ExplorerNode> | undefined;

  constructor(private readonly load: FeaturesLoader) {
    super();
  }

  /** The real tree; the first call loads the features (the view is being shown). */
  private get tree(): vscode.TreeDataProvider<ExplorerNode> {
    if (!this.target) {
      const target = this.load('Sessions view shown').sessionsTree;
      this.target = target;
      if (target.onDidChangeTreeData) this.register(target.onDidChangeTreeData((e) => this.changed.fire(e)));
    }
    return this.target;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.tree.getTreeItem(node);
  }

  getChildren(node?: ExplorerNode): vscode.ProviderResult<ExplorerNode[]> {
    return this.tree.getChildren(node);
  }

  getParent(node: ExplorerNode): vscode.ProviderResult<ExplorerNode> {
    return this.tree.getParent?.(node);
  }

  // Declared here so VS Code knows the tree resolves items (it asks the provider once, at creation).
  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    return this.tree.resolveTreeItem ? this.tree.resolveTreeItem(item, node, token) : item;
  }
}

/**
 * The hover in every document. Until the features are loaded it first checks the two settings
 * that silence the hover, so a window where it is off never loads them for a hover.
 */
export class TokenHoverStandIn implements vscode.HoverProvider {
  constructor(
    private readonly load: FeaturesLoader,
    private readonly loaded: () => Features | undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.ProviderResult<vscode.Hover> {
    const features = this.loaded();
    if (features) return features.hover.provideHover(document, position, token);
    const cfg = vscode.workspace.getConfiguration(section);
    if (!readSwitch.hoverEnabled(cfg) || readSwitch.excludedLanguages(cfg).includes(document.languageId)) return undefined;
    return this.load('first hover').hover.provideHover(document, position, token);
  }
}

/** JWT links in terminal output (registered while `authlens.terminalLinks.enabled` is on). */
export class TerminalLinksStandIn implements vscode.TerminalLinkProvider {
  constructor(private readonly load: FeaturesLoader) {}

  provideTerminalLinks(context: vscode.TerminalLinkContext, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TerminalLink[]> {
    return this.load('terminal line').terminalLinks.provideTerminalLinks(context, token);
  }

  handleTerminalLink(link: vscode.TerminalLink): vscode.ProviderResult<void> {
    // Only links the features' provider made come back here.
    return this.load('terminal link').terminalLinks.handleTerminalLink(link as Parameters<Features['terminalLinks']['handleTerminalLink']>[0]);
  }
}

/** The inspector's restore after a window reload (`onWebviewPanel:authlens.inspector`). */
export function inspectorSerializer(load: FeaturesLoader): vscode.WebviewPanelSerializer {
  return { deserializeWebviewPanel: (panel, state) => load('inspector restored').restoreInspector(panel, state) };
}
