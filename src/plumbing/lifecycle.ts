/**
 * Disposal in one place, in the style of vscode-pull-request-github's `src/common/lifecycle.ts`:
 * a class that owns listeners, emitters or timers extends {@link Disposable} and wraps each in
 * `this.register(...)` where it creates it, instead of keeping its own array and loop.
 *
 * Pure TypeScript on purpose (no `vscode` import): `vscode.Disposable` has the same shape as
 * {@link IDisposable}, and the unit tests can exercise the ordering rules in plain Node.
 */

/** Anything that can be disposed; every `vscode.Disposable` is one. */
export interface IDisposable {
  dispose(): void;
}

/** Wraps a clean-up function (a `clearInterval`, a `Map.clear`) so it can be registered. */
export function toDisposable(dispose: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

/**
 * Disposes every item in registration order and empties the array. Registration order is the
 * order the hand-written loops used, so what is torn down first stays the same. An item that
 * throws does not keep the others alive: the first error is rethrown after all have run.
 */
export function disposeAll(disposables: IDisposable[]): void {
  const items = disposables.splice(0);
  let failure: { error: unknown } | undefined;
  for (const d of items) {
    try {
      d.dispose();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/**
 * Base class for everything that owns disposables. `dispose()` runs once; a subclass that has
 * more to undo overrides it and calls `super.dispose()`.
 *
 * @example
 * class Watcher extends Disposable {
 *   private readonly changed = this.register(new vscode.EventEmitter<void>());
 *   constructor() {
 *     super();
 *     this.register(vscode.workspace.onDidChangeConfiguration(() => this.changed.fire()));
 *   }
 * }
 */
export abstract class Disposable implements IDisposable {
  // ECMAScript private names: a subclass may keep its own `disposed` flag without a clash.
  #disposed = false;
  readonly #owned: IDisposable[] = [];

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    disposeAll(this.#owned);
  }

  /** Takes ownership of `value` and returns it; after `dispose()` it is disposed at once. */
  protected register<T extends IDisposable>(value: T): T {
    if (this.#disposed) value.dispose();
    else this.#owned.push(value);
    return value;
  }

  protected get isDisposed(): boolean {
    return this.#disposed;
  }
}

/**
 * A getter that creates its value on the first call (so nothing is registered before it is
 * needed) and hands it to `owner` (e.g. `context.subscriptions`) to be disposed with it.
 *
 * @example
 * const docs = onFirstUse(() => new DecodedDocuments(), context.subscriptions);
 */
export function onFirstUse<T extends IDisposable>(create: () => T, owner: { push(value: IDisposable): unknown }): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) {
      value = create();
      owner.push(value);
    }
    return value;
  };
}
