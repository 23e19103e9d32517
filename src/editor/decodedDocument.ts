/**
 * Read-only JSON documents holding a decoded token (scheme `authlens-decoded`). Until the
 * inspector webview exists, this is how AuthLens shows a token; afterwards it stays as
 * "Decode Token to JSON Document". Documents hold decoded JSON only, never the raw token.
 */
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../plumbing/lifecycle';

export const DECODED_SCHEME = 'authlens-decoded';

/**
 * Content provider + the texts it serves. One per activation: `activate()` creates it on first
 * use (`Services.decodedDocuments`) and disposes it with the extension.
 */
export class DecodedDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private counter = 0;
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(toDisposable(() => this.texts.clear()));
    this.register(this.changed);
    this.register(vscode.workspace.registerTextDocumentContentProvider(DECODED_SCHEME, this));
    // Forget a text once its document is closed, so decoded tokens don't pile up in memory.
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === DECODED_SCHEME) this.texts.delete(doc.uri.toString());
      }),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '{}\n';
  }

  /**
   * Opens `text` (JSON) in a new read-only editor titled `<title>.json` and returns the editor.
   * `title` must not contain a token.
   */
  async show(title: string, text: string): Promise<vscode.TextEditor> {
    this.counter += 1;
    const safeTitle = title.replace(/[\\/:*?"<>|#%]/g, '-').slice(0, 80);
    const uri = vscode.Uri.from({ scheme: DECODED_SCHEME, path: `/${safeTitle} ${this.counter}.json` });
    this.texts.set(uri.toString(), text);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: false });
  }
}
