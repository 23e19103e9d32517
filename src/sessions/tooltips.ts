/**
 * Markdown for the Sessions view's tooltips. Pure (no vscode): the caller passes localised
 * labels and wraps the result in a `MarkdownString` (`supportHtml` false, not trusted).
 * Every value from a server or a token goes through `tooltipText`, so it reads as text.
 */
import type { SessionInfo, TokenInfo } from '../providers/types';
import type { Translate } from '../core/template';
import { summariseUserAgent } from '../core/userAgent';
import { fieldsTable, flattenFields, tooltipText } from './tooltipFields';
import type { DateFormatter } from '../core/dateText';
import { effectiveExpiry, englishTimeLeft, parseInstantMs, timeLeftText, type TimeLeftStrings } from './timeText';

/** Localised labels; English defaults in {@link englishTooltipStrings}. */
export interface TooltipStrings {
  readonly user: string;
  readonly email: string;
  readonly userId: string;
  readonly device: string;
  /** "{0} on {1}": a browser and its system. */
  readonly clientOnOs: string;
  readonly userAgent: string;
  readonly ip: string;
  readonly status: string;
  readonly created: string;
  readonly updated: string;
  readonly lastActive: string;
  readonly expires: string;
  readonly idleExpires: string;
  readonly impersonatedBy: string;
  readonly tenant: string;
  readonly sessionId: string;
  readonly current: string;
  readonly tokens: string;
  readonly field: string;
  readonly value: string;
  readonly serverFields: string;
  readonly userFields: string;
  readonly opaque: string;
  readonly kind: string;
  readonly algorithm: string;
  readonly notVerified: string;
  readonly time: TimeLeftStrings;
  /** Localises the masks of secret fields (`redact`'s templates); English when absent. */
  readonly translate?: Translate;
  /** Dates in the UI language; absent, dates show as the server sent them. */
  readonly formatDate?: DateFormatter;
  /** Token labels in the UI language (the providers name tokens in English); as given when absent. */
  readonly tokenLabel?: (label: string) => string;
}

export const englishTooltipStrings: TooltipStrings = {
  user: 'User',
  email: 'Email',
  userId: 'User id',
  device: 'Device',
  clientOnOs: '{0} on {1}',
  userAgent: 'User agent',
  ip: 'IP address',
  status: 'Status',
  created: 'Created',
  updated: 'Updated',
  lastActive: 'Last active',
  expires: 'Expires',
  idleExpires: 'Idle expiry',
  impersonatedBy: 'Impersonated by',
  tenant: 'Tenant',
  sessionId: 'Session id',
  current: 'The session of the stored credential',
  tokens: 'Tokens',
  field: 'Field',
  value: 'Value',
  serverFields: 'Session fields as sent by the server',
  userFields: 'User fields as sent by the server',
  opaque: 'opaque (not a JWT)',
  kind: 'Kind',
  algorithm: 'Algorithm',
  notVerified: 'Decoded, not verified.',
  time: englishTimeLeft,
};

function row(label: string, value: string | undefined): { label: string; value: string } | undefined {
  return value === undefined || value === '' ? undefined : { label, value };
}

/**
 * A date field of the summary, in the UI language. The server's own form (often ISO 8601) stays
 * in the "as sent by the server" table below, where the machine-readable form is the point.
 */
function dateRow(label: string, value: string | undefined, s: TooltipStrings): { label: string; value: string } | undefined {
  const ms = s.formatDate ? parseInstantMs(value) : undefined;
  return row(label, ms !== undefined && s.formatDate ? s.formatDate(ms) : value);
}

const numericDateClaims: ReadonlySet<string> = new Set(['exp', 'iat', 'nbf', 'auth_time']);

/** `exp`, `iat`, `nbf`: the date in the UI language, then the NumericDate as the token has it. */
function claimRow(claim: { label: string; value: string }, s: TooltipStrings): { label: string; value: string } {
  if (!s.formatDate || !numericDateClaims.has(claim.label) || !/^\d{1,12}$/.test(claim.value)) return claim;
  return { label: claim.label, value: `${s.formatDate(Number(claim.value) * 1000)} (${claim.value})` };
}

/** The Markdown tooltip of a session: a summary, then every field the server sent. */
export function sessionTooltip(session: SessionInfo, now: number, s: TooltipStrings = englishTooltipStrings): string {
  const who = session.user.name ?? session.user.email ?? session.user.id ?? '';
  const expiry = effectiveExpiry(session.expiresAt, session.idleExpiresAt);
  const parts: string[] = [];
  parts.push(`**${tooltipText(who || s.sessionId)}**`);
  const summary = [
    row(s.email, session.user.email),
    row(s.userId, session.user.id),
    row(s.device, summariseUserAgent(session.userAgent, s.clientOnOs).text),
    row(s.ip, session.ip),
    row(s.status, `${session.status} · ${timeLeftText(expiry, now, s.time)}`),
    dateRow(s.created, session.createdAt, s),
    dateRow(s.updated, session.updatedAt, s),
    dateRow(s.lastActive, session.lastActiveAt, s),
    dateRow(s.expires, session.expiresAt, s),
    dateRow(s.idleExpires, session.idleExpiresAt, s),
    row(s.impersonatedBy, session.impersonatedBy),
    row(s.tenant, session.tenantId),
    row(s.sessionId, session.id),
    row(s.userAgent, session.userAgent),
    row(s.tokens, session.tokens.map((t) => s.tokenLabel?.(t.label) ?? t.label).join(', ')),
  ].filter((r): r is { label: string; value: string } => r !== undefined);
  parts.push(fieldsTable(summary, [s.field, s.value]));
  if (session.current) parts.push(`*${tooltipText(s.current)}*`);
  const raw = flattenFields(session.raw.session, '', 0, [], s.translate).map((r) => ({ label: r.path, value: r.value }));
  if (raw.length > 0) parts.push(`**${tooltipText(s.serverFields)}**`, fieldsTable(raw, [s.field, s.value]));
  if (session.raw.user) {
    const user = flattenFields(session.raw.user, '', 0, [], s.translate).map((r) => ({ label: r.path, value: r.value }));
    if (user.length > 0) parts.push(`**${tooltipText(s.userFields)}**`, fieldsTable(user, [s.field, s.value]));
  }
  return parts.join('\n\n');
}

/** Facts about a token the tree already worked out (from the decoded header and payload). */
export interface TokenFacts {
  readonly alg?: string;
  readonly expiresAt?: number;
  /** `exp`, `iat`, `sub`... shown as rows; values are escaped here. */
  readonly claims?: readonly { label: string; value: string }[];
}

/** The Markdown tooltip of a token. Never contains the token itself. */
export function tokenTooltip(token: TokenInfo, facts: TokenFacts, now: number, s: TooltipStrings = englishTooltipStrings): string {
  const expiry = facts.expiresAt !== undefined ? { at: facts.expiresAt, kind: 'absolute' as const } : effectiveExpiry(token.expiresAt, undefined);
  const rows = [
    row(s.kind, token.opaque ? `${s.tokenLabel?.(token.label) ?? token.label} · ${s.opaque}` : (s.tokenLabel?.(token.label) ?? token.label)),
    row(s.algorithm, facts.alg),
    row(s.status, timeLeftText(expiry, now, s.time)),
    ...(facts.claims ?? []).map((c) => claimRow(c, s)),
  ].filter((r): r is { label: string; value: string } => r !== undefined);
  const parts = [`**${tooltipText(s.tokenLabel?.(token.label) ?? token.label)}**`, fieldsTable(rows, [s.field, s.value])];
  if (token.introspection) {
    const intro = flattenFields(token.introspection, '', 0, [], s.translate).map((r) => ({ label: r.path, value: r.value }));
    parts.push(fieldsTable(intro, [s.field, s.value]));
  }
  if (!token.opaque) parts.push(`*${tooltipText(s.notVerified)}*`);
  return parts.join('\n\n');
}
