/**
 * Validation of `authlens.providers` entries. Pure (no vscode) so it is unit-tested directly;
 * `src/plumbing/config.ts` turns each {@link ConfigProblem} into a localised message.
 * A bad entry is reported and skipped; the other entries still load.
 */
import { isProviderKind, providerKindList } from './kinds';
import { clientAuthMethods, isClientAuthMethod } from './oidc/clientAuthMethod';
import type { ProviderConfig, ProviderKind } from './types';

/** The kinds a `kind` field may name: the rows of the kind table (`src/providers/kinds.ts`). */
export const providerKinds: readonly ProviderKind[] = providerKindList;

export type ProblemKind =
  | 'not-object'
  | 'missing'
  | 'wrong-type'
  | 'bad-id'
  | 'bad-kind'
  | 'bad-url'
  | 'url-credentials'
  | 'duplicate-id'
  | 'out-of-range'
  /** A value outside its list (`expected` holds the list). */
  | 'not-one-of'
  /** A file path that is neither absolute nor `~/...`. */
  | 'relative-path'
  /** A field only user settings may set (a file AuthLens reads), found in workspace settings. */
  | 'user-settings-only';

export interface ConfigProblem {
  /** Index of the entry in its settings level. */
  readonly index: number;
  /** The entry's id when it has a usable one. */
  readonly id?: string;
  /** The field at fault (`id`, `baseUrl`, ...); absent when the whole entry is wrong. */
  readonly field?: string;
  readonly problem: ProblemKind;
  /** The expected type or range, for `wrong-type` and `out-of-range`. */
  readonly expected?: string;
}

const idPattern = /^[A-Za-z0-9_.-]{1,64}$/;

/** Checks that `value` is an http(s) URL without user info; returns it without a trailing slash. */
export function normaliseBaseUrl(value: string): { ok: true; url: string } | { ok: false; problem: 'bad-url' | 'url-credentials' } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, problem: 'bad-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'bad-url' };
  if (url.username || url.password) return { ok: false, problem: 'url-credentials' };
  if (url.hash) return { ok: false, problem: 'bad-url' };
  const text = url.toString().replace(/\/+$/, '');
  return { ok: true, url: text };
}

type OptionalField = { name: keyof ProviderConfig; type: 'string' | 'number' | 'string[]'; min?: number; max?: number };

const optionalFields: readonly OptionalField[] = [
  { name: 'cookieName', type: 'string' },
  { name: 'authUserId', type: 'string' },
  { name: 'pageSize', type: 'number', min: 1, max: 1000 },
  { name: 'clientId', type: 'string' },
  { name: 'appHost', type: 'string' },
  { name: 'issuer', type: 'string' },
  { name: 'scopes', type: 'string[]' },
  { name: 'resource', type: 'string' },
  { name: 'audience', type: 'string' },
  { name: 'jwksUrl', type: 'string' },
  { name: 'timeoutMs', type: 'number', min: 100, max: 600_000 },
  { name: 'tokenEndpointAuthMethod', type: 'string' },
  { name: 'tlsClientCertificate', type: 'string' },
  { name: 'tlsClientKey', type: 'string' },
  // Unprivileged ports only: binding below 1024 needs root on Linux and macOS.
  { name: 'redirectPort', type: 'number', min: 1024, max: 65535 },
];

/** Validates one entry. Returns the config, or the problems that made it unusable. */
export function validateProviderEntry(entry: unknown, index: number): { config?: ProviderConfig; problems: ConfigProblem[] } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { problems: [{ index, problem: 'not-object' }] };
  }
  const e = entry as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  const id = typeof e.id === 'string' && idPattern.test(e.id) ? e.id : undefined;
  const at = (field: string, problem: ProblemKind, expected?: string): ConfigProblem => ({
    index,
    ...(id !== undefined ? { id } : {}),
    field,
    problem,
    ...(expected !== undefined ? { expected } : {}),
  });

  if (e.id === undefined) problems.push(at('id', 'missing'));
  else if (typeof e.id !== 'string') problems.push(at('id', 'wrong-type', 'string'));
  else if (id === undefined) problems.push(at('id', 'bad-id'));

  let kind: ProviderKind | undefined;
  if (e.kind === undefined) problems.push(at('kind', 'missing'));
  else if (!isProviderKind(e.kind)) problems.push(at('kind', 'bad-kind', providerKinds.join(', ')));
  else kind = e.kind;

  let baseUrl: string | undefined;
  if (e.baseUrl === undefined) problems.push(at('baseUrl', 'missing'));
  else if (typeof e.baseUrl !== 'string') problems.push(at('baseUrl', 'wrong-type', 'string'));
  else {
    const n = normaliseBaseUrl(e.baseUrl);
    if (n.ok) baseUrl = n.url;
    else problems.push(at('baseUrl', n.problem));
  }

  if (e.label !== undefined && typeof e.label !== 'string') problems.push(at('label', 'wrong-type', 'string'));

  const optional: Record<string, unknown> = {};
  for (const f of optionalFields) {
    const v = e[f.name];
    if (v === undefined) continue;
    if (f.type === 'string') {
      if (typeof v !== 'string') problems.push(at(f.name, 'wrong-type', 'string'));
      else optional[f.name] = v;
    } else if (f.type === 'string[]') {
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) problems.push(at(f.name, 'wrong-type', 'string[]'));
      else optional[f.name] = [...v];
    } else {
      if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(at(f.name, 'wrong-type', 'number'));
      else if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) {
        problems.push(at(f.name, 'out-of-range', `${f.min ?? ''}–${f.max ?? ''}`));
      } else optional[f.name] = Math.floor(v);
    }
  }
  for (const urlField of ['appHost', 'issuer', 'jwksUrl'] as const) {
    const v = optional[urlField];
    if (typeof v === 'string') {
      const n = normaliseBaseUrl(v);
      if (!n.ok) {
        problems.push(at(urlField, n.problem));
        delete optional[urlField];
      } else {
        // Keep the parsed form, not the text as typed: a newline or tab inside the URL is
        // dropped by the URL parser, so the raw text would name an issuer nobody contacts
        // and compare unequal to the one the tokens were bound to.
        optional[urlField] = urlField === 'jwksUrl' ? new URL(v.trim()).href : n.url;
      }
    }
  }

  const method = optional['tokenEndpointAuthMethod'];
  if (typeof method === 'string' && !isClientAuthMethod(method)) problems.push(at('tokenEndpointAuthMethod', 'not-one-of', clientAuthMethods.join(', ')));
  for (const pathField of ['tlsClientCertificate', 'tlsClientKey'] as const) {
    const v = optional[pathField];
    // Resolved against no folder: settings are read where no workspace folder is at hand.
    if (typeof v === 'string' && !isAbsoluteOrHomePath(v)) problems.push(at(pathField, 'relative-path'));
  }
  if (typeof optional['tlsClientCertificate'] === 'string' && optional['tlsClientKey'] === undefined) problems.push(at('tlsClientKey', 'missing'));
  if (typeof optional['tlsClientKey'] === 'string' && optional['tlsClientCertificate'] === undefined) problems.push(at('tlsClientCertificate', 'missing'));

  if (problems.length > 0 || id === undefined || kind === undefined || baseUrl === undefined) return { problems };
  const label = typeof e.label === 'string' && e.label.trim() !== '' ? e.label.trim() : id;
  return { config: { ...(optional as Partial<ProviderConfig>), id, kind, label, baseUrl }, problems };
}

/** True for `/abs/path`, `C:\\path`, `\\\\server\\share` and `~/path` (the forms a file setting accepts). */
export function isAbsoluteOrHomePath(value: string): boolean {
  const v = value.trim();
  return v.startsWith('/') || v.startsWith('~/') || v.startsWith('~\\') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\');
}

/**
 * Validates a list of entries from one settings level; later duplicates of an id are problems.
 */
export function validateProviderList(value: unknown): { configs: ProviderConfig[]; problems: ConfigProblem[] } {
  if (value === undefined || value === null) return { configs: [], problems: [] };
  if (!Array.isArray(value)) return { configs: [], problems: [{ index: -1, problem: 'wrong-type', expected: 'array' }] };
  const configs: ProviderConfig[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const r = validateProviderEntry(entry, index);
    problems.push(...r.problems);
    if (!r.config) return;
    if (seen.has(r.config.id)) {
      problems.push({ index, id: r.config.id, field: 'id', problem: 'duplicate-id' });
      return;
    }
    seen.add(r.config.id);
    configs.push(r.config);
  });
  return { configs, problems };
}

export type ConfigLevel = 'user' | 'workspace';

/** A validated provider entry and the settings level it came from. */
export interface ConfiguredProvider extends ProviderConfig {
  readonly level: ConfigLevel;
}

/**
 * Combines the user and workspace levels of `authlens.providers` (what `inspect()` returns).
 *
 * - Restricted Mode (an untrusted workspace): only the user level counts; workspace entries are
 *   counted and ignored, so a cloned repository cannot add or redirect providers.
 * - Trusted: a workspace entry with a user entry's id replaces it, as settings do. Its
 *   credential stays bound to the origin it was entered for, so nothing is sent if the
 *   workspace points the provider elsewhere.
 * - `insecureTlsProviders` (machine-scoped, user level only) turns TLS checks off per id, for
 *   user-level entries only: a workspace entry with the same id keeps TLS checks on.
 */
export function mergeProviderLevels(input: {
  readonly user: unknown;
  readonly workspace: unknown;
  readonly restricted: boolean;
  readonly insecureTlsProviders: unknown;
}): {
  providers: ConfiguredProvider[];
  problems: (ConfigProblem & { level: ConfigLevel })[];
  ignoredWorkspaceProviders: number;
  insecureTlsProviders: string[];
} {
  const problems: (ConfigProblem & { level: ConfigLevel })[] = [];
  const byId = new Map<string, ConfiguredProvider>();
  const user = validateProviderList(input.user);
  problems.push(...user.problems.map((p) => ({ ...p, level: 'user' as const })));
  for (const c of user.configs) byId.set(c.id, { ...c, level: 'user' });
  let ignoredWorkspaceProviders = 0;
  if (input.restricted) {
    ignoredWorkspaceProviders = Array.isArray(input.workspace) ? input.workspace.length : 0;
  } else {
    const ws = validateProviderList(input.workspace);
    problems.push(...ws.problems.map((p) => ({ ...p, level: 'workspace' as const })));
    const raw: readonly unknown[] = Array.isArray(input.workspace) ? input.workspace : [];
    for (const c of ws.configs) {
      // A file AuthLens reads and signs TLS handshakes with is the user's to name: a cloned
      // repository could otherwise point it at another private key on this machine.
      const fileField = c.tlsClientKey !== undefined ? 'tlsClientKey' : c.tlsClientCertificate !== undefined ? 'tlsClientCertificate' : undefined;
      if (fileField !== undefined) {
        // The first entry with the id is the one kept (later duplicates are problems already).
        const index = raw.findIndex((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === c.id);
        problems.push({ index, id: c.id, field: fileField, problem: 'user-settings-only', level: 'workspace' });
        continue;
      }
      byId.set(c.id, { ...c, level: 'workspace' });
    }
  }
  const insecureTlsProviders = Array.isArray(input.insecureTlsProviders) ? input.insecureTlsProviders.filter((s): s is string => typeof s === 'string') : [];
  // User-level entries only: a workspace entry that reuses a user provider's id must not
  // inherit the opt-out and so choose which host gets unverified TLS.
  const providers = [...byId.values()].map((p) => (p.level === 'user' && insecureTlsProviders.includes(p.id) ? { ...p, allowInsecureTls: true } : p));
  return { providers, problems, ignoredWorkspaceProviders, insecureTlsProviders };
}
