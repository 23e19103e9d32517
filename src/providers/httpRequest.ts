/**
 * What a request may carry and to where: the proxy bypass, URLs joined and parsed, the secrets a
 * request declares (so every message masks them), and URLs cut to what a message may show.
 */
import { AuthLensError } from '../core/errors';
import type { HttpRequest } from './httpTypes';

/**
 * True when `url` must bypass the proxy: loopback always (a proxy cannot reach our localhost),
 * otherwise by the `NO_PROXY` entries.
 */
export function bypassesProxy(url: URL, noProxy: readonly string[] = []): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return true;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && !entry.includes('::')) {
      entry = m[1] ?? '';
      entryPort = m[2];
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = entry.replace(/^\*/, '');
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Joins a base URL and a path (`joinUrl('http://h/api/auth', '/get-session')`), keeping the base path. */
export function joinUrl(baseUrl: string, path: string, query?: Readonly<Record<string, string | number | undefined>>): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url.href;
}

/** True when the request declares any secret or sets a credential header, whatever its length. */
export function declaresCredential(req: HttpRequest): boolean {
  if ((req.secrets ?? []).some((s) => s !== '')) return true;
  return Object.entries(req.headers ?? {}).some(([k, v]) => CREDENTIAL_HEADERS.includes(k.toLowerCase()) && v !== '');
}

export function collectSecrets(req: HttpRequest): string[] {
  const out = new Set<string>();
  for (const s of req.secrets ?? []) if (s !== '') out.add(s);
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    if (!CREDENTIAL_HEADERS.includes(k.toLowerCase()) || v === '') continue;
    out.add(v);
    // Also the bare parts: `Bearer <t>`, `name=<v>; name2=<v2>`, and their URL-decoded forms.
    const bearer = /^\s*\w+\s+(.+)$/.exec(v);
    if (bearer?.[1] !== undefined) out.add(bearer[1]);
    for (const part of v.split(';')) {
      const eq = part.indexOf('=');
      const value = (eq >= 0 ? part.slice(eq + 1) : part).trim();
      if (value.length >= 4) {
        out.add(value);
        try {
          out.add(decodeURIComponent(value));
        } catch {
          // Not URL-encoded; the raw value is already in the set.
        }
      }
    }
  }
  return [...out].filter((s) => s.length >= 4);
}

export function bodyOf(req: HttpRequest): { body?: string } {
  if (req.json !== undefined) return { body: JSON.stringify(req.json) };
  if (req.form !== undefined) return { body: new URLSearchParams(req.form as Record<string, string>).toString() };
  return {};
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Origin and path only: queries and userinfo never reach a message. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function safeOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(invalid URL)';
  }
}

export function originOf(raw: string, setting: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.origin;
  } catch {
    throw new AuthLensError('config-invalid', { where: setting }, `config-invalid: ${setting} is not an http(s) URL`);
  }
}

export function parseUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url;
  } catch {
    throw new AuthLensError('config-invalid', { where: 'baseUrl' }, 'config-invalid: request URL is not an http(s) URL');
  }
}
