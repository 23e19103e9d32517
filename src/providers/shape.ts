/**
 * Field readers for provider responses: every wrong type becomes a `response-shape` error that
 * names the field (`/get-session: session.expiresAt`), so a person knows what the server got wrong.
 */
import { AuthLensError } from '../core/errors';
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import type { SessionStatus } from './types';

/** A `response-shape` error naming the field and what was expected. */
export function shapeError(where: string, expected: string): AuthLensError {
  return new AuthLensError('response-shape', { where }, `response-shape: ${where} should be ${expected}`);
}

export function objectAt(value: Json | undefined, where: string): JsonObject {
  if (!isJsonObject(value)) throw shapeError(where, 'an object');
  return value;
}

export function arrayAt(value: Json | undefined, where: string): Json[] {
  if (!Array.isArray(value)) throw shapeError(where, 'an array');
  return value;
}

/** A required non-empty string. */
export function stringAt(obj: JsonObject, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '') throw shapeError(`${where}.${key}`, 'a non-empty string');
  return v;
}

/** An optional string: absent and `null` (SQLite-backed servers) read as undefined. */
export function optStringAt(obj: JsonObject, key: string, where: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw shapeError(`${where}.${key}`, 'a string');
  return v === '' ? undefined : v;
}

/** An optional instant (ISO string, epoch seconds or ms), returned as an ISO string. */
export function optDateAt(obj: JsonObject, key: string, where: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  let ms: number | undefined;
  if (typeof v === 'string') ms = Date.parse(v);
  else if (typeof v === 'number' && Number.isFinite(v)) ms = v < 1e11 ? v * 1000 : v;
  if (ms === undefined || Number.isNaN(ms)) throw shapeError(`${where}.${key}`, 'a date');
  // An ISO 8601 string is kept as the server wrote it (and re-formatting costs ~1 µs per field,
  // which adds up over 10,000 sessions); anything else is normalised.
  return typeof v === 'string' && ISO_8601.test(v) ? v : new Date(ms).toISOString();
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function optNumberAt(obj: JsonObject, key: string, where: string): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw shapeError(`${where}.${key}`, 'a number');
  return v;
}

export function optBooleanAt(obj: JsonObject, key: string, where: string): boolean | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw shapeError(`${where}.${key}`, 'true or false');
  return v;
}

/** Session status from its instants; `explicit` is what the server said, where it says one. */
export function statusFromTimes(now: number, expiresAt: string | undefined, idleExpiresAt?: string, explicit?: string): SessionStatus {
  const s = explicit?.toLowerCase();
  if (s === 'revoked' || s === 'terminated' || s === 'logged_out') return 'revoked';
  if (s === 'expired') return 'expired';
  if (s === 'idle_expired' || s === 'idle-expired' || s === 'idle') return 'idle-expired';
  if (expiresAt !== undefined && Date.parse(expiresAt) <= now) return 'expired';
  if (idleExpiresAt !== undefined && Date.parse(idleExpiresAt) <= now) return 'idle-expired';
  if (s !== undefined && s !== 'active') return 'unknown';
  return 'active';
}

/** Copies only defined values (the project keeps `exactOptionalPropertyTypes` semantics by hand). */
export function defined<T extends object>(obj: T): T {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
