// The floor of `npm run bench` (scripts/bench/inspector.mjs): an extension that registers one
// command and nothing else, so its activation is the least any extension costs, and whose command
// opens the least a webview panel can be: the same kind of nonce CSP and script file as the
// inspector, a script that puts the text it is sent into a text node and posts "rendered".
// `authlensBench.floorPanel(text)` resolves once the webview has rendered `text`; a second call
// reuses the panel (warm). Plain CommonJS, no build step: it is copied into code-server's
// extensions folder as it is.
const vscode = require('vscode');
const { randomBytes } = require('node:crypto');

let panel;
let ready;
let waiting = [];

function html(webview, extensionUri) {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'floor.js'));
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${webview.cspSource}`;
  return (
    `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}"></head>` +
    `<body><main id="floor"></main><script nonce="${nonce}" src="${script}"></script></body></html>`
  );
}

function open(context, text) {
  if (!panel) {
    panel = vscode.window.createWebviewPanel('authlensBench.floor', 'Floor', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [context.extensionUri],
    });
    let resolveReady;
    ready = new Promise((r) => (resolveReady = r));
    panel.webview.onDidReceiveMessage((m) => {
      if (m && m.type === 'ready') resolveReady();
      if (m && m.type === 'rendered') for (const w of waiting.splice(0)) w();
    });
    panel.onDidDispose(() => {
      panel = undefined;
      for (const w of waiting.splice(0)) w();
    });
    panel.webview.html = html(panel.webview, context.extensionUri);
  } else {
    panel.reveal(undefined, false);
  }
  const shown = panel;
  const rendered = new Promise((r) => waiting.push(r));
  void ready.then(() => shown.webview.postMessage({ type: 'show', text: String(text) }));
  return rendered;
}

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('authlensBench.floorPanel', (text) => open(context, text ?? 'floor')));
};
exports.deactivate = () => undefined;
