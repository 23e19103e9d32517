/**
 * Dates and countdowns in the webview. The webview owns the only timer: one tick a second while
 * the panel is visible (paused when the document or the panel is hidden).
 */
import type { DateMode } from '../src/shared/inspectorProtocol';
import { defaultCountdownStrings, defaultRelativeStrings, formatCountdown, formatRelative, localiseStrings } from '../src/core/time';
import { dateFormatter, type DateFormatter } from '../src/core/dateText';
import { translate, uiLocale } from './l10n';

let countdownStrings = defaultCountdownStrings;
let relativeStrings = defaultRelativeStrings;

/** Call after the l10n bundle arrived. */
export function localiseTime(): void {
  countdownStrings = localiseStrings(defaultCountdownStrings, translate);
  relativeStrings = localiseStrings(defaultRelativeStrings, translate);
}

export function countdown(msLeft: number): string {
  return formatCountdown(msLeft, countdownStrings);
}

export function relative(ms: number, now: number): string {
  return formatRelative(ms - now, relativeStrings);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function utc(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

let localDates: { readonly locale: string; readonly format: DateFormatter } | undefined;

/** A date in the UI language and the machine's zone (one `Intl.DateTimeFormat` per language). */
export function local(ms: number): string {
  const locale = uiLocale();
  if (localDates?.locale !== locale) localDates = { locale, format: dateFormatter(locale) };
  return localDates.format(ms);
}

export function formatDate(ms: number, mode: DateMode, now: number): string {
  switch (mode) {
    case 'local':
      return local(ms);
    case 'utc':
      return utc(ms);
    case 'relative':
      return relative(ms, now);
  }
}

type Tick = (now: number) => void;
const ticks = new Set<Tick>();
let timer: ReturnType<typeof setInterval> | undefined;
let hostVisible = true;

/** Registers a function called every second while visible; returns an unregister function. */
export function onTick(fn: Tick): () => void {
  ticks.add(fn);
  return () => ticks.delete(fn);
}

export function clearTicks(): void {
  ticks.clear();
}

function runTicks(): void {
  const now = Date.now();
  for (const fn of ticks) fn(now);
}

function schedule(): void {
  const visible = hostVisible && document.visibilityState === 'visible';
  if (visible && timer === undefined) {
    runTicks();
    // Align with the wall clock's seconds so every countdown changes together.
    timer = setInterval(runTicks, 1000);
  } else if (!visible && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

export function setHostVisible(visible: boolean): void {
  hostVisible = visible;
  schedule();
}

/** True while the timer runs (exposed for tests through a data attribute). */
export function ticking(): boolean {
  return timer !== undefined;
}

export function startClock(onChange: () => void): void {
  document.addEventListener('visibilitychange', () => {
    schedule();
    onChange();
  });
  schedule();
}

export function restartClock(): void {
  if (timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
  schedule();
}
