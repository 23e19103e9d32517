import * as vscode from 'vscode';
import { decodeJwt } from '../../core/decode';
import { findTokens } from '../../core/tokenFinder';
import { tokenTimes } from '../../core/tokenTime';
import { Disposable, toDisposable } from '../../plumbing/lifecycle';
import { formatDuration, type Translate } from './hoverMarkdown';

/** Bounds of one pass: editors, lines per editor, characters read per line, hints per editor. */
const MAX_EDITORS = 6;
const MAX_LINES = 400;
const MAX_LINE_CHARS = 64 * 1024;
const MAX_CHARS = 1024 * 1024;
const MAX_HINTS = 100;
const DEBOUNCE_MS = 300;
/** Tokens expire while you look: refresh now and then. */
const REFRESH_MS = 60_000;

/**
 * A subtle inline "expired 2 days ago" after each expired JWT, computed only for the visible
 * ranges of visible editors, debounced, and bounded (lines, characters, hints).
 */
export class ExpiredHintDecorations extends Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: {
      margin: '0 0 0 1ch',
      color: new vscode.ThemeColor('editorCodeLens.foreground'),
      fontStyle: 'italic',
    },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly refresh: ReturnType<typeof setInterval>;

  constructor(private readonly t: Translate) {
    super();
    const schedule = (): void => this.schedule();
    this.refresh = setInterval(schedule, REFRESH_MS);
    // Timers and decorations go before the listeners, as the hand-written dispose() did.
    this.register(
      toDisposable(() => {
        if (this.pending) clearTimeout(this.pending);
        clearInterval(this.refresh);
        for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(this.type, []);
      }),
    );
    this.register(this.type);
    this.register(vscode.window.onDidChangeVisibleTextEditors(schedule));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges(schedule));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) schedule();
      }),
    );
    this.schedule();
  }

  private schedule(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.update();
    }, DEBOUNCE_MS);
  }

  private update(): void {
    const now = Date.now();
    for (const editor of vscode.window.visibleTextEditors.slice(0, MAX_EDITORS)) {
      editor.setDecorations(this.type, this.hintsFor(editor, now));
    }
  }

  /** Hints for the visible lines of one editor. */
  hintsFor(editor: vscode.TextEditor, now: number): vscode.DecorationOptions[] {
    const { document } = editor;
    const hints: vscode.DecorationOptions[] = [];
    let lines = 0;
    let chars = 0;
    for (const range of editor.visibleRanges) {
      for (let line = range.start.line; line <= range.end.line; line++) {
        if (++lines > MAX_LINES || chars > MAX_CHARS || hints.length >= MAX_HINTS) return hints;
        const text = document.getText(document.validateRange(new vscode.Range(line, 0, line, MAX_LINE_CHARS)));
        chars += text.length;
        for (const found of findTokens(text, { limit: 20 })) {
          if (found.shape !== 'jws') continue;
          const result = decodeJwt(found.text);
          // The verdict's time rule: only a readable exp that is now or past (never a negative
          // or millisecond value read as a date).
          const times = result.ok ? tokenTimes(result.token.payload, now) : undefined;
          const exp = times?.claims.exp;
          if (times?.state !== 'expired' || exp?.status !== 'ok') continue;
          hints.push({
            range: new vscode.Range(line, found.end, line, found.end),
            renderOptions: { after: { contentText: this.t('expired {0} ago', formatDuration(now - exp.ms, this.t)) } },
          });
          if (hints.length >= MAX_HINTS) return hints;
        }
      }
    }
    return hints;
  }
}
