/**
 * The Disposable base class that replaced the hand-written dispose loops: what it promises
 * (registration order, once only, late registrations, a throwing item) is what the loops did
 * or should have done.
 */
import * as assert from 'node:assert/strict';
import { Disposable, disposeAll, onFirstUse, toDisposable, type IDisposable } from '../../../src/plumbing/lifecycle';

class Owner extends Disposable {
  add<T extends IDisposable>(value: T): T {
    return this.register(value);
  }
  get disposedYet(): boolean {
    return this.isDisposed;
  }
}

function recorder(log: string[], name: string): IDisposable {
  return { dispose: () => log.push(name) };
}

describe('lifecycle', () => {
  it('disposes what was registered, in registration order, once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.add(recorder(log, 'view'));
    owner.add(recorder(log, 'listener'));
    owner.add(recorder(log, 'timer'));
    assert.equal(owner.disposedYet, false);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['view', 'listener', 'timer']);
    assert.equal(owner.disposedYet, true);
  });

  it('register() returns its argument, and disposes it at once after dispose()', () => {
    const log: string[] = [];
    const owner = new Owner();
    const item = recorder(log, 'first');
    assert.equal(owner.add(item), item);
    owner.dispose();
    owner.add(recorder(log, 'late'));
    assert.deepEqual(log, ['first', 'late']);
  });

  it('a throwing item does not keep the others alive; the first error comes out', () => {
    const log: string[] = [];
    const items = [
      recorder(log, 'a'),
      toDisposable(() => {
        throw new Error('first');
      }),
      toDisposable(() => {
        throw new Error('second');
      }),
      recorder(log, 'd'),
    ];
    assert.throws(() => disposeAll(items), /first/);
    assert.deepEqual(log, ['a', 'd']);
    assert.equal(items.length, 0, 'the array is emptied');
  });

  it('toDisposable runs its function once', () => {
    let runs = 0;
    const d = toDisposable(() => runs++);
    d.dispose();
    d.dispose();
    assert.equal(runs, 1);
  });

  it('onFirstUse creates nothing until asked, then one value, owned once', () => {
    const owner: IDisposable[] = [];
    let made = 0;
    const get = onFirstUse(() => {
      made++;
      return toDisposable(() => undefined);
    }, owner);
    assert.equal(made, 0, 'nothing is created (or registered) up front');
    const first = get();
    assert.equal(get(), first);
    assert.equal(made, 1);
    assert.deepEqual(owner, [first]);
  });
});
