/**
 * The tokens behind hover links. A hover's command links carry only an opaque id that the
 * extension made; the token itself stays here, in memory, for a short while. Bounded (LRU) and
 * expiring, never persisted. Pure: the clock is a parameter.
 */
import type { Repair } from '../../core/verdict';

/** What a hover link can act on. */
export interface HoverTokenEntry {
  /** The bare token (no `Bearer `), exactly as found. */
  readonly token: string;
  /** What the hover showed it as (decides which actions make sense). */
  readonly kind: 'jws' | 'jwe' | 'signed-cookie' | 'opaque';
  /** What the hover said it stripped to read it, so the inspector says the same. */
  readonly stripped?: readonly Repair[];
}

interface Slot {
  readonly id: string;
  readonly entry: HoverTokenEntry;
  expiresAt: number;
}

export interface HoverTokenStoreOptions {
  /** Most entries kept; the least recently hovered goes first. */
  readonly capacity?: number;
  /** How long a link keeps working after the last hover, in ms. */
  readonly ttlMs?: number;
  /** Id generator (tests pass a deterministic one). */
  readonly newId?: () => string;
}

function randomId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * A small LRU map from opaque id to hovered token.
 *
 * @example
 * const store = new HoverTokenStore();
 * const id = store.put({ token, kind: 'jws' }, Date.now());
 * store.get(id, Date.now())?.token === token;
 */
export class HoverTokenStore {
  private readonly byId = new Map<string, Slot>();
  private readonly byToken = new Map<string, Slot>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly newId: () => string;

  constructor(options: HoverTokenStoreOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 20);
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.newId = options.newId ?? randomId;
  }

  /** Stores `entry` (or refreshes it when the same token is hovered again) and returns its id. */
  put(entry: HoverTokenEntry, now: number): string {
    const existing = this.byToken.get(entry.token);
    if (existing && existing.expiresAt > now) {
      this.touch(existing, now);
      return existing.id;
    }
    if (existing) this.delete(existing);
    const slot: Slot = { id: this.newId(), entry, expiresAt: now + this.ttlMs };
    this.byId.set(slot.id, slot);
    this.byToken.set(entry.token, slot);
    while (this.byId.size > this.capacity) {
      const oldest = this.byId.values().next().value as Slot;
      this.delete(oldest);
    }
    return slot.id;
  }

  /** The entry behind `id`, if it is still known and not expired. */
  get(id: string, now: number): HoverTokenEntry | undefined {
    const slot = this.byId.get(id);
    if (!slot) return undefined;
    if (slot.expiresAt <= now) {
      this.delete(slot);
      return undefined;
    }
    this.touch(slot, now);
    return slot.entry;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Forgets everything (on deactivate, or when hovers are turned off). */
  clear(): void {
    this.byId.clear();
    this.byToken.clear();
  }

  private touch(slot: Slot, now: number): void {
    slot.expiresAt = now + this.ttlMs;
    // Re-insert to move it to the most recent end of the Map's order.
    this.byId.delete(slot.id);
    this.byId.set(slot.id, slot);
  }

  private delete(slot: Slot): void {
    this.byId.delete(slot.id);
    if (this.byToken.get(slot.entry.token) === slot) this.byToken.delete(slot.entry.token);
  }
}
