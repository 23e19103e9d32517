// Bench only (`npm run bench`): registers what AuthLens's activation shell (src/extension.ts)
// must register, the same kinds of calls, with nothing behind them: a tree view, the
// terminal environment reset, one command per AuthLens command (`benchCommands`, written by the
// bench from AuthLens's package.json), a hover provider for every scheme, a webview serializer,
// a terminal link provider and the settings and state the start-up checks read. Its activation
// is the least an extension doing AuthLens's job at start-up can cost, so the bench can say how
// much of AuthLens's activation is its own code and how much is VS Code's registration work.
const vscode = require('vscode');
const { benchCommands } = require('./package.json');

exports.activate = (context) => {
  const tree = { getChildren: () => [], getTreeItem: (item) => item };
  const view = vscode.window.createTreeView('authlensBench.registrations', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(view);
  context.environmentVariableCollection.persistent = false;
  context.environmentVariableCollection.clear();
  for (let i = 0; i < benchCommands; i++) {
    context.subscriptions.push(vscode.commands.registerCommand(`authlensBench.registrations.command${i}`, () => undefined));
  }
  const settings = vscode.workspace.getConfiguration('authlensBench');
  context.subscriptions.push(
    vscode.languages.registerHoverProvider({ scheme: '*' }, { provideHover: () => undefined }),
    vscode.window.registerWebviewPanelSerializer('authlensBench.registrations', { deserializeWebviewPanel: async (panel) => panel.dispose() }),
    settings.get('terminalLinks', true)
      ? vscode.window.registerTerminalLinkProvider({ provideTerminalLinks: () => [], handleTerminalLink: () => undefined })
      : { dispose() {} },
    vscode.workspace.onDidChangeConfiguration(() => undefined),
    view.onDidChangeVisibility(() => undefined),
  );
  context.globalState.get('authlensBench.sandboxEntries');
  settings.get('autoStart', false);
};
exports.deactivate = () => undefined;
