/**
 * Read-only JSON documents holding a decoded token (scheme `authlens-decoded`). Until the
 * inspector webview exists, this is how AuthLens shows a token; afterwards it stays as
 * "Decode Token to JSON Document". Documents hold decoded JSON only, never the raw token.
 */
import * as vscode from 'vscode';
import type { Services } from './services';

export const DECODED_SCHEME = 'authlens-decoded';

/** Content provider + the texts it serves. One per activation (see {@link decodedDocuments}). */
export class DecodedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  private counter = 0;
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(DECODED_SCHEME, this),
      // Forget a text once its document is closed, so decoded tokens don't pile up in memory.
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

  dispose(): void {
    this.texts.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

// One instance per activation, keyed by the extension context (not module-level mutable state:
// a new activation gets its own, and it is disposed with the context's subscriptions).
const instances = new WeakMap<vscode.ExtensionContext, DecodedDocuments>();

/** The activation's {@link DecodedDocuments}, created and registered on first use. */
export function decodedDocuments(services: Pick<Services, 'context'>): DecodedDocuments {
  let docs = instances.get(services.context);
  if (!docs) {
    docs = new DecodedDocuments();
    instances.set(services.context, docs);
    services.context.subscriptions.push(docs);
  }
  return docs;
}
