// The floor panel's script: the text arrives as a message and goes into a text node.
/* global acquireVsCodeApi, document, window -- a webview script, run in the browser */
const api = acquireVsCodeApi();
const main = document.getElementById('floor');
window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'show') {
    main.replaceChildren(document.createTextNode(event.data.text));
    api.postMessage({ type: 'rendered' });
  }
});
api.postMessage({ type: 'ready' });
