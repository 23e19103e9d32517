/**
 * "Export to Terminals": which variables a token becomes and what their values are. Pure (no
 * `vscode`), so the rules are unit-tested in plain Node.
 */

/** The default name of the variable that holds the raw token. */
export const defaultTokenVariable = 'AUTHLENS_TOKEN';

/** What a POSIX shell accepts as a variable name (and what `printenv NAME` can read back). */
const shellVariableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** RFC 7235 `auth-scheme` (a `token`): what may stand before the credential in `Authorization`. */
const authScheme = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Longest name accepted: far beyond any real variable, short enough for a tooltip. */
const maxNameLength = 64;

/**
 * True for a name a shell can use as a variable (`^[A-Za-z_][A-Za-z0-9_]*$`, at most 64 chars).
 *
 * @example
 * isShellVariableName('AUTHLENS_TOKEN') // true
 * isShellVariableName('1TOKEN')         // false
 */
export function isShellVariableName(name: string): boolean {
  return name.length <= maxNameLength && shellVariableName.test(name);
}

/** The two variables of one export: the raw token, and `<scheme> <token>`. */
export interface ExportNames {
  readonly token: string;
  readonly authorization: string;
}

/**
 * The names for a picked token variable: `AUTHLENS_TOKEN` pairs with `AUTHLENS_AUTHORIZATION`,
 * `MY_TOKEN` with `MY_AUTHORIZATION`, any other name `X` with `X_AUTHORIZATION`.
 *
 * @example
 * exportNames('AUTHLENS_TOKEN') // { token: 'AUTHLENS_TOKEN', authorization: 'AUTHLENS_AUTHORIZATION' }
 */
export function exportNames(tokenVariable: string): ExportNames {
  const stem = /_TOKEN$/i.test(tokenVariable) ? tokenVariable.slice(0, -'_TOKEN'.length) : tokenVariable;
  // Never the same name: `X` gains a suffix, `X_TOKEN` loses one and gains another.
  return { token: tokenVariable, authorization: `${stem}_AUTHORIZATION` };
}

/**
 * The scheme for the `Authorization` variable: `Bearer` unless the token type names another
 * scheme (`DPoP`, `MAC`). Token types are case-insensitive (RFC 6749 §5.1); `bearer` becomes
 * `Bearer`, and a value that is not a valid scheme (server text) is ignored.
 *
 * @example
 * authorizationScheme('bearer') // 'Bearer'
 * authorizationScheme('DPoP')   // 'DPoP'
 */
export function authorizationScheme(tokenType: string | undefined): string {
  if (tokenType === undefined || tokenType.toLowerCase() === 'bearer' || tokenType.length > 32 || !authScheme.test(tokenType)) return 'Bearer';
  return tokenType;
}

/**
 * True when a token can go into an environment variable and an `Authorization` header as it is:
 * visible ASCII only. A line break would let a token (server text) add lines to the header a
 * script builds from the variable.
 */
export function isExportableToken(token: string): boolean {
  return /^[\x21-\x7e]+$/.test(token);
}

/**
 * The variables and values of one export.
 *
 * @example
 * exportedValues(exportNames('AUTHLENS_TOKEN'), 'abc', 'Bearer')
 * // => [['AUTHLENS_TOKEN', 'abc'], ['AUTHLENS_AUTHORIZATION', 'Bearer abc']]
 */
export function exportedValues(names: ExportNames, token: string, scheme: string): [string, string][] {
  return [
    [names.token, token],
    [names.authorization, `${scheme} ${token}`],
  ];
}
