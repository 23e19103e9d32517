/**
 * Turns a raw `User-Agent` header into a short "browser on OS" summary for the Sessions view.
 * Pure: no vscode, no I/O. The raw string comes from a server and is hostile; the summary only
 * ever contains names from the tables below and digits, or a cleaned, shortened copy of the input.
 */
import { stripInvisibles, truncate } from './hostileText';
import { fillTemplate } from './template';

/** What {@link summariseUserAgent} recognised. */
export interface UserAgentSummary {
  /** e.g. "Chrome", "Firefox", "curl"; absent when unknown. */
  readonly client?: string;
  /** Major version, digits only. */
  readonly version?: string;
  /** e.g. "macOS", "Windows", "iOS", "Android", "Linux". */
  readonly os?: string;
  /** "Chrome 120 on macOS", "curl 8.4", "Firefox on Linux", or a cleaned copy of the input. */
  readonly text: string;
}

interface ClientRule {
  readonly name: string;
  /** Capture group 1 is the version. */
  readonly re: RegExp;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const clientRules: readonly ClientRule[] = [
  { name: 'Edge', re: /\bEdg(?:e|A|iOS)?\/(\d+)/ },
  { name: 'Opera', re: /\b(?:OPR|Opera)\/(\d+)/ },
  { name: 'Samsung Internet', re: /\bSamsungBrowser\/(\d+)/ },
  { name: 'Vivaldi', re: /\bVivaldi\/(\d+)/ },
  { name: 'Electron', re: /\bElectron\/(\d+)/ },
  { name: 'Firefox', re: /\b(?:Firefox|FxiOS)\/(\d+)/ },
  { name: 'Chrome', re: /\b(?:Chrome|CriOS)\/(\d+)/ },
  { name: 'Chromium', re: /\bChromium\/(\d+)/ },
  { name: 'Safari', re: /\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\// },
  { name: 'curl', re: /^curl\/(\d+(?:\.\d+)?)/ },
  { name: 'HTTPie', re: /^HTTPie\/(\d+(?:\.\d+)?)/ },
  { name: 'Postman', re: /^PostmanRuntime\/(\d+(?:\.\d+)?)/ },
  { name: 'Insomnia', re: /^insomnia\/(\d+)/ },
  { name: 'python-requests', re: /^python-requests\/(\d+(?:\.\d+)?)/ },
  { name: 'Python', re: /^Python-urllib\/(\d+(?:\.\d+)?)/ },
  { name: 'Go', re: /^Go-http-client\/(\d+(?:\.\d+)?)/ },
  { name: 'okhttp', re: /^okhttp\/(\d+)/ },
  { name: 'axios', re: /^axios\/(\d+)/ },
  { name: 'Node.js', re: /^(?:node|undici|node-fetch)(?:\/(\d+))?/ },
  { name: 'Wget', re: /^Wget\/(\d+(?:\.\d+)?)/ },
];

interface OsRule {
  readonly name: string;
  readonly re: RegExp;
}

// iOS before macOS (iPad user agents say "like Mac OS X"); Android before Linux; ChromeOS first.
const osRules: readonly OsRule[] = [
  { name: 'ChromeOS', re: /\bCrOS\b/ },
  { name: 'iOS', re: /\b(?:iPhone|iPad|iPod)\b/ },
  { name: 'Android', re: /\bAndroid\b/ },
  { name: 'Windows', re: /\bWindows\b/ },
  { name: 'macOS', re: /\b(?:Macintosh|Mac OS X)\b/ },
  { name: 'Linux', re: /\b(?:Linux|X11|Ubuntu|Fedora)\b/ },
];

/** Longest cleaned fallback text, in characters. */
const maxFallbackLength = 40;

/**
 * Summarises a user agent.
 *
 * @example
 * summariseUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36').text
 * // => 'Chrome 120 on macOS'
 */
/**
 * @param clientOnOs The template joining client and system ("{0} on {1}"), localised by the caller.
 */
export function summariseUserAgent(userAgent: string | undefined, clientOnOs = '{0} on {1}'): UserAgentSummary {
  const raw = (userAgent ?? '').trim();
  if (raw === '') return { text: '' };
  // Keep the scan bounded: a hostile server can send megabytes.
  const ua = raw.slice(0, 1024);
  let client: string | undefined;
  let version: string | undefined;
  for (const rule of clientRules) {
    const m = rule.re.exec(ua);
    if (m) {
      client = rule.name;
      version = m[1];
      break;
    }
  }
  const os = osRules.find((rule) => rule.re.test(ua))?.name;
  if (!client && !os) return { text: cleanFallback(ua) };
  const name = client ? (version ? `${client} ${version}` : client) : undefined;
  const text = name && os ? fillTemplate(clientOnOs, name, os) : (name ?? os ?? '');
  return { ...(client ? { client } : {}), ...(version ? { version } : {}), ...(os ? { os } : {}), text };
}

/** Drops invisible characters, collapses spaces and shortens with an ellipsis. */
function cleanFallback(text: string): string {
  return truncate(stripInvisibles(text).replace(/\s+/g, ' '), maxFallbackLength);
}
