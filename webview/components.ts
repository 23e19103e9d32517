// The @vscode-elements components the inspector uses, imported one by one (the package has no
// `exports` map, and the all-in-one bundle would double the webview's size). Only the tags the
// page creates: each definition is script to parse and run before the first paint. (vscode-icon
// comes with vscode-button; the page's icons are light-DOM spans, see `icon` in dom.ts.)
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
