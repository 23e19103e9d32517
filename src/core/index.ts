/**
 * The token core: pure TypeScript (no vscode, no node:*, no undici), clock passed in as `now`.
 */
import { claimTemplates } from './claims';
import { errorMessageTemplates } from './errorMessages';
import { issuerCheckTemplates } from './issuerCheck';
import { issuerQuirkTemplates } from './issuerQuirks';
import { redactStrings } from './redact';
import { timeTemplates } from './time';
import { verdictTemplates } from './verdictText';
import { warningTemplates } from './warnings';

export { describeAmr, describeField, knownFields, type FieldContext, type FieldInfo, type FieldKind } from './claims';
export { identityProviderOf, recogniseIssuer, type IdentityProvider, type RecognisedIssuer } from './identityProviders';
export { checkIssuer, type IssuerCheckResult } from './issuerCheck';
export { findIssuerQuirk, type IssuerQuirk, type IssuerQuirkCode, type IssuerQuirkInput } from './issuerQuirks';
export {
  decodeJwt,
  decodeProtectedHeader,
  jsonDepthExceeds,
  MAX_JSON_DEPTH,
  MAX_TOKEN_LENGTH,
  stripTokenWrapping,
  type DecodedJwt,
  type DecodeResult,
  type TokenPart,
} from './decode';
export { errorCodes, errorMessage } from './errorMessages';
export { AuthLensError, isAuthLensError, type ErrorCode, type ErrorDetails } from './errors';
export { isJsonObject, type Json, type JsonObject } from './json';
export { redact, redactText, REDACT_MIN_PREFIX_LENGTH } from './redact';
export { english, fillTemplate, type Translate } from './template';
export {
  DEFAULT_SKEW_MS,
  DEFAULT_SOON_MS,
  defaultCountdownStrings,
  defaultRelativeStrings,
  formatCountdown,
  formatRelative,
  localiseStrings,
  parseInstant,
  type CountdownStrings,
  type RelativeStrings,
} from './time';
export {
  readNumericDate,
  timeStateAt,
  TOKEN_TIME_CLAIMS,
  tokenTimes,
  type ClaimTime,
  type TokenTimeClaim,
  type TokenTimes,
  type TokenTimeStateName,
} from './tokenTime';
export { tokenVerdict, type Repair, type TokenVerdict, type VerdictKind, type VerdictOptions } from './verdict';
export { claimProblem, verdictTemplates, verdictWords, type VerdictWords } from './verdictText';
export { DEFAULT_SCAN_WINDOW, findTokens, tokenAtOffset, type FoundToken } from './tokenFinder';
export {
  sensitiveFields,
  tokenWarnings,
  warningTexts,
  type SensitiveField,
  type SensitiveKind,
  type TokenWarning,
  type TokenWarningOptions,
  type WarningCode,
  type WarningSeverity,
} from './warnings';

/**
 * Every English text the core can show (error messages, warnings, countdown and redaction
 * templates, claim summaries): each must be a key of both runtime l10n bundles (unit-tested).
 *
 * @example
 * coreTemplates().every((s) => s in bundleZh) // true
 */
export function coreTemplates(): string[] {
  return [
    ...new Set([
      ...errorMessageTemplates(),
      ...warningTemplates(),
      ...timeTemplates(),
      ...Object.values(redactStrings),
      ...claimTemplates(),
      ...verdictTemplates(),
      ...issuerQuirkTemplates(),
      ...issuerCheckTemplates(),
    ]),
  ];
}
