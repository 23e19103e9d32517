import * as vscode from 'vscode';
import { translate } from '../plumbing/l10n';
import { dateFormatter, type DateFormatter, type DateFormatterOptions } from '../core/dateText';
import { defaultDurationUnits, localiseStrings, type DurationUnits } from '../core/time';
import { englishDescribeStrings, type DescribeStrings } from './describe';
import type { TimeLeftStrings } from './timeText';
import type { TooltipStrings } from './tooltips';

/** The localised templates of the Sessions view's rows and tooltips, built once per tree. */

/** "2h 5m" in the UI language ("2小时5分钟"): the unit words of every duration in the view and status bar. */
export function durationUnits(): DurationUnits {
  return localiseStrings(defaultDurationUnits, translate);
}

/** Dates in the UI language (`vscode.env.language`), in the machine's time zone. */
export function uiDateFormatter(opts: DateFormatterOptions = {}): DateFormatter {
  return dateFormatter(vscode.env.language, opts);
}

export function timeStrings(): TimeLeftStrings {
  return {
    expiresIn: vscode.l10n.t('expires in {0}'),
    expiredAgo: vscode.l10n.t('expired {0} ago'),
    idleExpiresIn: vscode.l10n.t('idle expiry in {0}'),
    idleExpiredAgo: vscode.l10n.t('idle-expired {0} ago'),
    noExpiry: vscode.l10n.t('no expiry'),
    units: durationUnits(),
  };
}

export function describeStrings(): DescribeStrings {
  return {
    unknownUser: vscode.l10n.t('(unknown user)'),
    revoked: vscode.l10n.t('revoked'),
    impersonated: vscode.l10n.t('impersonated'),
    current: vscode.l10n.t('this credential'),
    opaque: vscode.l10n.t('opaque'),
    signedCookie: vscode.l10n.t('signed cookie'),
    jwt: englishDescribeStrings.jwt,
    clientOnOs: vscode.l10n.t('{0} on {1}'),
    lifetimeUnknown: vscode.l10n.t('lifetime unknown'),
    time: timeStrings(),
  };
}

export function tooltipStrings(): TooltipStrings {
  return {
    user: vscode.l10n.t('User'),
    email: vscode.l10n.t('Email'),
    userId: vscode.l10n.t('User id'),
    device: vscode.l10n.t('Device'),
    clientOnOs: vscode.l10n.t('{0} on {1}'),
    userAgent: vscode.l10n.t('User agent'),
    ip: vscode.l10n.t('IP address'),
    status: vscode.l10n.t('Status'),
    created: vscode.l10n.t('Created'),
    updated: vscode.l10n.t('Updated'),
    lastActive: vscode.l10n.t('Last active'),
    expires: vscode.l10n.t('Expires'),
    idleExpires: vscode.l10n.t('Idle expiry'),
    impersonatedBy: vscode.l10n.t('Impersonated by'),
    tenant: vscode.l10n.t('Tenant'),
    sessionId: vscode.l10n.t('Session id'),
    current: vscode.l10n.t('The session of the stored credential'),
    tokens: vscode.l10n.t('Tokens'),
    field: vscode.l10n.t('Field'),
    value: vscode.l10n.t('Value'),
    serverFields: vscode.l10n.t('Session fields as sent by the server'),
    userFields: vscode.l10n.t('User fields as sent by the server'),
    opaque: vscode.l10n.t('opaque (not a JWT)'),
    kind: vscode.l10n.t('Kind'),
    algorithm: vscode.l10n.t('Algorithm'),
    notVerified: vscode.l10n.t('Decoded, not verified.'),
    time: timeStrings(),
    translate,
    formatDate: uiDateFormatter(),
    tokenLabel: tokenLabelText,
  };
}

/**
 * A token row's label in the UI language: the providers name their tokens in English (the same
 * names the logs and copies use); the tree shows the ones it knows translated, others as given.
 */
export function tokenLabelText(label: string): string {
  switch (label) {
    case 'Session token':
      return vscode.l10n.t('Session token');
    case 'Session cookie':
      return vscode.l10n.t('Session cookie');
    case 'JWT (jwt plugin)':
      return vscode.l10n.t('JWT (jwt plugin)');
    case 'ID token':
      return vscode.l10n.t('ID token');
    case 'Access token (JWT)':
      return vscode.l10n.t('Access token (JWT)');
    case 'Access token (opaque)':
      return vscode.l10n.t('Access token (opaque)');
    case 'Refresh token':
      return vscode.l10n.t('Refresh token');
    case 'Refresh token (revoked)':
      return vscode.l10n.t('Refresh token (revoked)');
    case 'User token (userInfo.token)':
      return vscode.l10n.t('User token (userInfo.token)');
    default:
      return label;
  }
}
