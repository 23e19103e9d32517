/**
 * Dates as a person reads them, in the UI language (`vscode.env.language` on the host, the
 * bundle's locale in the webview), instead of raw ISO strings. The locale and time zone are
 * parameters, so the core stays pure and tests are independent of the machine's settings.
 */

/** An instant (epoch ms) as text; never throws. */
export type DateFormatter = (epochMs: number) => string;

export interface DateFormatterOptions {
  /** 'dateTime' (default): "2 Dec 2026, 08:10:00"; 'time': "08:10:00". */
  readonly style?: 'dateTime' | 'time';
  /** An IANA zone ("UTC", "Asia/Shanghai"); the machine's own zone when absent. */
  readonly timeZone?: string;
}

function makeFormat(locale: string, opts: DateFormatterOptions): Intl.DateTimeFormat {
  const styles: Intl.DateTimeFormatOptions = opts.style === 'time' ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' };
  const zone: Intl.DateTimeFormatOptions = opts.timeZone ? { timeZone: opts.timeZone } : {};
  try {
    return new Intl.DateTimeFormat(locale, { ...styles, ...zone });
  } catch {
    // A locale tag or zone Intl rejects (RangeError): English in the machine's zone still reads.
    return new Intl.DateTimeFormat('en', styles);
  }
}

/**
 * A formatter for `locale` ("en", "zh-cn"). Built once per view: `Intl.DateTimeFormat` is slow
 * to construct and fast to use. An instant that is no date (NaN, out of range) is shown as the
 * number it was.
 *
 * @example
 * dateFormatter('en', { timeZone: 'UTC' })(Date.UTC(2026, 11, 2, 8, 10))    // 'Dec 2, 2026, 8:10:00 AM'
 * dateFormatter('zh-cn', { timeZone: 'UTC' })(Date.UTC(2026, 11, 2, 8, 10)) // '2026年12月2日 08:10:00'
 */
export function dateFormatter(locale: string, opts: DateFormatterOptions = {}): DateFormatter {
  // Made on first use: building an Intl.DateTimeFormat costs tens of milliseconds, and the
  // Sessions view asks for its formatter during activation, long before it shows a date.
  let format: Intl.DateTimeFormat | undefined;
  return (epochMs) => {
    const date = new Date(epochMs);
    if (!Number.isFinite(date.getTime())) return String(epochMs);
    format ??= makeFormat(locale, opts);
    return format.format(date);
  };
}
